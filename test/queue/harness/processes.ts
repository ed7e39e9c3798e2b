import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Child processes of the queue-mode harness: commands that run to the end, and servers kept running. */

export interface LocalService {
	port: number;
	dataDir: string;
	logFile: string;
	/** Idempotent; resolves once the server process has exited. */
	stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 20_000;

export const isRoot = process.getuid?.() === 0;

export interface RunResult {
	code: number;
	output: string;
}

export async function run(
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<RunResult> {
	return await new Promise((resolve) => {
		const child = spawn(command, args, {
			env: options.env ?? process.env,
			cwd: options.cwd,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('error', (error) => resolve({ code: -1, output: `${output}${String(error)}` }));
		child.once('close', (code) => resolve({ code: code ?? -1, output }));
		if (child.stdin) {
			// A command that exits without reading its input must not crash us with EPIPE.
			child.stdin.once('error', () => undefined);
			child.stdin.end(options.input);
		}
	});
}

export async function runOrThrow(
	what: string,
	command: string,
	args: string[],
	options?: Parameters<typeof run>[2],
): Promise<string> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
	}
	return result.output;
}

export function isFile(candidate: string): boolean {
	try {
		return statSync(candidate).isFile();
	} catch {
		return false;
	}
}

export function onPath(name: string): string | undefined {
	const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
	return [...dirs, '/usr/sbin', '/sbin']
		.map((dir) => path.join(dir, name))
		.find((candidate) => isFile(candidate));
}

/** The caller's environment minus PG* variables (PGDATA, PGHOST, ...), which would redirect our tools. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('PG')) env[key] = value;
	}
	return { ...env, ...extra };
}

export interface Server {
	child: ChildProcess;
	logFile: string;
	exited: Promise<void>;
	running(): boolean;
	signal(signal: NodeJS.Signals): void;
}

/** Running servers, killed if the test process exits without stopping them (a crashed setup). */
const servers = new Set<Server>();
let exitHookInstalled = false;

export function spawnServer(command: string, args: string[], logFile: string, cwd: string): Server {
	const log = openSync(logFile, 'a');
	// Own process group: postgres forks backends (under runuser), and SIGKILL must reach them all.
	const child = spawn(command, args, {
		cwd,
		env: cleanEnvironment(),
		stdio: ['ignore', log, log],
		detached: true,
	});
	closeSync(log);
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', () => resolve());
	});
	const server: Server = {
		child,
		logFile,
		exited,
		running: () => child.exitCode === null && child.signalCode === null && child.pid !== undefined,
		signal: (signal) => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		},
	};
	servers.add(server);
	void exited.then(() => servers.delete(server));
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => servers.forEach((each) => each.signal('SIGKILL')));
	}
	return server;
}

/** A stop() that runs once, however often it is called, and returns when the process is gone. */
export function stopper(server: Server, shutDown: () => Promise<void>, cleanUp?: () => void) {
	let stopping: Promise<void> | undefined;
	return async () => {
		stopping ??= (async () => {
			if (server.running()) {
				const forced = setTimeout(() => server.signal('SIGKILL'), STOP_TIMEOUT_MS);
				try {
					await shutDown();
				} catch {
					// the SIGKILL timer still ends it
				}
				await server.exited;
				clearTimeout(forced);
			}
			cleanUp?.();
		})();
		await stopping;
	};
}

/** Polls `answers` until the server answers; fails with its log at once if it exits, or at the deadline. */
export async function untilAnswering(
	server: Server,
	what: { name: string; timeoutMs: number; intervalMs: number },
	answers: () => Promise<boolean>,
): Promise<void> {
	const deadline = Date.now() + what.timeoutMs;
	while (!(await answers())) {
		if (!server.running()) throw new Error(`${what.name} exited:\n${logTail(server.logFile)}`);
		if (Date.now() > deadline) {
			throw new Error(
				`${what.name} did not answer within ${what.timeoutMs} ms:\n${logTail(server.logFile)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, what.intervalMs));
	}
}

function logTail(logFile: string): string {
	try {
		return readFileSync(logFile, 'utf8').slice(-4000);
	} catch {
		return '(no log)';
	}
}
