import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

import { freePort } from '../../e2e/harness/n8nInstance';
import { ensureQueueServicesInstalled, redisServerBinary } from './debianPackages';
import { spawnServer, stopper, untilAnswering, type LocalService } from './processes';

const REDIS_START_TIMEOUT_MS = 20_000;

async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		// RESP: an array of one bulk string. A loading server answers -LOADING instead of +PONG.
		socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}

/** A Redis of this run's own (never the system-wide one): Debian's redis-server, folder `<baseDir>/redis`, a free port of 127.0.0.1, nothing persisted. */
export async function startRedis(baseDir: string): Promise<LocalService> {
	await ensureQueueServicesInstalled();
	const binary = redisServerBinary() as string;
	const serviceDir = path.join(baseDir, 'redis');
	const dataDir = path.join(serviceDir, 'data');
	mkdirSync(dataDir, { recursive: true });
	const logFile = path.join(serviceDir, 'redis.log');
	const port = await freePort();
	// No config file: Debian's /etc/redis/redis.conf is for the system instance. Nothing is persisted,
	// the log goes to stdout (our log file), and only warnings are logged.
	const server = spawnServer(
		binary,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dataDir,
			'--daemonize',
			'no',
			'--supervised',
			'no',
			'--logfile',
			'',
			'--loglevel',
			'warning',
		],
		logFile,
		serviceDir,
	);
	const stop = stopper(server, async () => server.signal('SIGTERM'));
	try {
		await untilAnswering(
			server,
			{ name: 'redis-server', timeoutMs: REDIS_START_TIMEOUT_MS, intervalMs: 50 },
			async () => await redisPing(port),
		);
		return { port, dataDir, logFile, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
