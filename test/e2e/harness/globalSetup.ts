import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { EPHEMERAL_SANDBOX_PORTS, startSandbox } from '../../../sandbox';
import {
	createCredentials,
	sandboxCredentials,
	type CredentialRefs,
} from '../../../scripts/mainJob/credentials';
import { TEST_ARTIFACTS_ENV } from '../../../sandbox/secretLedger';
import { E2E_CONTEXT_ENV, type E2eContext } from './context';
import { startN8n } from './n8nInstance';
import { N8N_LTS, N8N_PRIMARY, ensureN8nRuntime, installedVersion } from './n8nRuntime';
import { buildAndPack } from './packPackage';
import { rememberForTeardown } from './teardownRegistry';

/**
 * Once per e2e run: the real n8n (2.41.1, or 1.123.x LTS with RTC_PAAS_N8N=lts), the sandbox, this
 * package built, packed and installed as a community package, and credentials pointing at the sandbox.
 */
export default async function globalSetup(): Promise<void> {
	const spec = process.env.RTC_PAAS_N8N === 'lts' ? N8N_LTS : N8N_PRIMARY;
	const [runtime, tarball] = await Promise.all([
		ensureN8nRuntime(spec),
		Promise.resolve().then(buildAndPack),
	]);
	const sandbox = await startSandbox(EPHEMERAL_SANDBOX_PORTS);
	rememberForTeardown(() => sandbox.close());
	// Kept with the run's artifacts: n8n's log and database are part of what the secret scan reads.
	const artifacts = process.env[TEST_ARTIFACTS_ENV];
	if (artifacts) mkdirSync(artifacts, { recursive: true });
	const n8n = await startN8n({
		runtime,
		packageTarball: tarball,
		userFolder: artifacts
			? mkdtempSync(path.join(artifacts, `n8n-${spec.n8nVersion}-`))
			: undefined,
	});
	rememberForTeardown(() => n8n.stop());

	const credentials = (await createCredentials(
		n8n.api,
		sandboxCredentials(sandbox.urls),
	)) as Required<CredentialRefs>;

	const context: E2eContext = {
		n8nUrl: n8n.url,
		apiKey: n8n.api.apiKey,
		cookie: n8n.api.cookie ?? '',
		n8nVersion: installedVersion(runtime),
		logFile: n8n.logFile,
		sandbox: sandbox.urls,
		credentials,
		packageTarball: tarball,
		line: spec === N8N_LTS ? 'lts' : 'primary',
	};
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'rtc-paas-e2e-')), 'context.json');
	writeFileSync(file, JSON.stringify(context, null, 2));
	process.env[E2E_CONTEXT_ENV] = file;
	process.stderr.write(`\n[e2e] n8n ${context.n8nVersion} at ${n8n.url} (log ${n8n.logFile})\n`);
}
