import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { startSandbox, type Sandbox, type SandboxPorts } from '../../sandbox';
import { PortInUseError } from '../../sandbox/http/server';
import { N8N_OWNER, startN8n, type N8nInstance } from '../../test/e2e/harness/n8nInstance';
import {
	N8N_PRIMARY,
	cacheRoot,
	ensureN8nRuntime,
	type N8nRuntimeSpec,
} from '../../test/e2e/harness/n8nRuntime';
import { buildAndPack } from '../../test/e2e/harness/packPackage';
import {
	createCredentials,
	realCredentials,
	sandboxCredentials,
	type CredentialSpec,
} from './credentials';
import { deployExamples, type DeployedExample } from './examples';

export interface MainJobOptions {
	/** The sandbox's emulators, or real vendor endpoints with credentials from the environment. */
	target: 'sandbox' | 'real';
	n8nPort: number;
	sandboxPorts: SandboxPorts;
	runtime?: N8nRuntimeSpec;
	log(line: string): void;
	env?: NodeJS.ProcessEnv;
}

export interface MainJob {
	n8n: N8nInstance;
	sandbox?: Sandbox;
	examples: DeployedExample[];
	missingCredentials: string[];
	stop(): Promise<void>;
}

async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () => reject(new PortInUseError(port, what)));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

/**
 * The main job: the package built and installed into a real n8n as a community package, the sandbox
 * (unless real endpoints), credentials, and the examples imported and published. Everything it
 * started is stopped by `stop()`, also when a step fails half-way.
 */
export async function startMainJob(options: MainJobOptions): Promise<MainJob> {
	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		while (stops.length > 0)
			await stops
				.pop()?.()
				.catch(() => undefined);
	};
	try {
		await assertPortFree(options.n8nPort, 'n8n');
		options.log('Building and packing n8n-nodes-rtc-paas');
		const tarball = buildAndPack();

		let sandbox: Sandbox | undefined;
		let credentials: CredentialSpec[];
		let missingCredentials: string[] = [];
		if (options.target === 'sandbox') {
			options.log('Starting the sandbox (emulated HST, EGW, Youme, Stream-Server and Slack)');
			sandbox = await startSandbox(options.sandboxPorts);
			stops.push(() => sandbox!.close());
			credentials = sandboxCredentials(sandbox.urls);
		} else {
			({ credentials, missing: missingCredentials } = realCredentials(options.env ?? process.env));
		}

		const spec = options.runtime ?? N8N_PRIMARY;
		options.log(
			`Preparing n8n ${spec.n8nVersion} (the first run installs it once, in a few minutes; later runs reuse it)`,
		);
		const runtime = await ensureN8nRuntime(spec);

		options.log(`Starting n8n on port ${options.n8nPort}`);
		const userFolder = path.join(cacheRoot(), `start-${spec.n8nVersion}`);
		rmSync(userFolder, { recursive: true, force: true });
		const n8n = await startN8n({
			runtime,
			packageTarball: tarball,
			port: options.n8nPort,
			userFolder,
			env: { N8N_LOG_LEVEL: 'info' },
		});
		stops.push(() => n8n.stop());

		options.log('Creating credentials and publishing the example workflows');
		const refs = await createCredentials(n8n.api, credentials);
		const slackWebhookUrl =
			sandbox?.urls.slackWebhook ?? (options.env ?? process.env).SLACK_WEBHOOK_URL;
		const examples = await deployExamples(n8n.api, refs, slackWebhookUrl);
		return { n8n, sandbox, examples, missingCredentials, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

export const LOGIN = { email: N8N_OWNER.email, password: N8N_OWNER.password };
