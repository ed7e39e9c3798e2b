import { mkdirSync } from 'node:fs';
import path from 'node:path';

import {
	freePort,
	startN8n,
	startN8nProcess,
	type N8nInstance,
	type N8nProcess,
} from '../../e2e/harness/n8nInstance';
import type { N8nRuntime } from '../../e2e/harness/n8nRuntime';
import { startPostgres } from './postgres';
import type { LocalService } from './processes';
import { startRedis } from './redis';

/**
 * n8n in queue mode as teams run it when one process is not enough: PostgreSQL and Redis, one main
 * (editor, API, triggers), workers (executions) and a webhook process (production webhooks), each
 * with its own user folder and the package installed in it as a community package.
 */
export interface QueueCluster {
	main: N8nInstance;
	workers: N8nProcess[];
	webhook: N8nProcess;
	/** Every process, for their logs. */
	processes(): N8nProcess[];
	stopMain(): Promise<void>;
	/** Starts main again on its port and user folder; `main` then refers to the new process. */
	startMain(): Promise<void>;
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	runtime: N8nRuntime;
	tarball: string;
	baseDir: string;
	workers: number;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	mkdirSync(options.baseDir, { recursive: true });
	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const service of started.reverse()) await service.stop().catch(() => undefined);
		started.length = 0;
	};
	try {
		// Each is remembered as soon as it runs, so a failure of the other still stops it.
		const remember = <T extends { stop(): Promise<void> }>(service: T) => {
			started.push(service);
			return service;
		};
		const [redis, postgres] = await Promise.all([
			startRedis(options.baseDir).then(remember),
			startPostgres(options.baseDir, 'n8n_queue').then(remember),
		]);
		const webhookPort = await freePort();
		const env = queueEnvironment(redis, postgres, webhookPort);
		const folder = (name: string) => path.join(options.baseDir, name);

		// Main first: it runs the migrations and sets the owner up; the others wait for its schema.
		const mainOptions = {
			runtime: options.runtime,
			userFolder: folder('main'),
			port: await freePort(),
			env,
		};
		let main = await startN8n({ ...mainOptions, packageTarball: options.tarball });
		remember({ stop: async () => await main.stop() });
		const others = await Promise.all([
			...Array.from({ length: options.workers }, (_, index) =>
				startN8nProcess({
					runtime: options.runtime,
					role: 'worker',
					userFolder: folder(`worker-${index + 1}`),
					packageTarball: options.tarball,
					env,
				}).then(remember),
			),
			startN8nProcess({
				runtime: options.runtime,
				role: 'webhook',
				userFolder: folder('webhook'),
				port: webhookPort,
				packageTarball: options.tarball,
				env,
			}).then(remember),
		]);
		const workers = others.slice(0, options.workers);
		const webhook = others[options.workers];

		const cluster: QueueCluster = {
			main,
			workers,
			webhook,
			processes: () => [cluster.main, ...workers, webhook],
			stopMain: async () => await main.stop(),
			startMain: async () => {
				main = await startN8n(mainOptions);
				cluster.main = main;
			},
			stop: stopAll,
		};
		return cluster;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** What every process of the cluster shares; the settings the README's queue-mode section names. */
function queueEnvironment(
	redis: LocalService,
	postgres: Awaited<ReturnType<typeof startPostgres>>,
	webhookPort: number,
): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Production webhook URLs shown in the editor point at the webhook process.
		WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		// info: worker lines "Worker started execution …" and the package's "HST access token refreshed".
		N8N_LOG_LEVEL: 'info',
	};
}
