import { EPHEMERAL_SANDBOX_PORTS, startSandbox, type Sandbox } from '../../sandbox';
import {
	createCredentials,
	sandboxCredentials,
	type CredentialRefs,
} from '../../scripts/mainJob/credentials';
import { freePort, startN8n, type N8nInstance } from '../../test/e2e/harness/n8nInstance';
import { N8N_PRIMARY, ensureN8nRuntime, installedVersion } from '../../test/e2e/harness/n8nRuntime';
import { buildAndPack } from '../../test/e2e/harness/packPackage';

export interface BenchN8n {
	n8n: N8nInstance;
	n8nVersion: string;
	sandbox: Sandbox;
	credentials: Required<CredentialRefs>;
	/** The port of n8n's inspector on 127.0.0.1, when started with `inspect` (bench/lib/cpuProfile.ts). */
	inspectorPort?: number;
	stop(): Promise<void>;
}

/**
 * The setup every in-n8n benchmark shares: the sandbox in this process, and n8n 2.41.1 in its own with
 * this package installed as users install it and credentials pointing at the sandbox. n8n logs at info:
 * the tests' debug level would make logging part of what is measured.
 */
export async function startBenchN8n(
	env: Record<string, string> = {},
	{ inspect = false }: { inspect?: boolean } = {},
): Promise<BenchN8n> {
	const [runtime, tarball] = await Promise.all([
		ensureN8nRuntime(N8N_PRIMARY),
		Promise.resolve().then(buildAndPack),
	]);
	const sandbox = await startSandbox(EPHEMERAL_SANDBOX_PORTS);
	try {
		// An inspector with no session attached costs nothing; one is attached only while profiling.
		const inspectorPort = inspect ? await freePort() : undefined;
		const n8n = await startN8n({
			runtime,
			packageTarball: tarball,
			env: { N8N_LOG_LEVEL: 'info', ...env },
			nodeArgs: inspectorPort ? [`--inspect=127.0.0.1:${inspectorPort}`] : [],
		});
		const credentials = (await createCredentials(
			n8n.api,
			sandboxCredentials(sandbox.urls),
		)) as Required<CredentialRefs>;
		return {
			n8n,
			n8nVersion: installedVersion(runtime),
			sandbox,
			credentials,
			inspectorPort,
			stop: async () => {
				await n8n.stop();
				await sandbox.close();
			},
		};
	} catch (error) {
		await sandbox.close();
		throw error;
	}
}
