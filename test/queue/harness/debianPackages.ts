import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { isFile, isRoot, onPath, run, runOrThrow, type RunResult } from './processes';

/** Debian's redis-server and postgresql: where their binaries are, and installing them when missing. */

/** Marks a policy-rc.d this file wrote, so only that one is removed again. */
const POLICY_MARKER = 'n8n-queue-harness';

/** Debian's own binary first: the PATH may hold other builds (this machine has some in /usr/local). */
export function redisServerBinary(): string | undefined {
	return isFile('/usr/bin/redis-server') ? '/usr/bin/redis-server' : onPath('redis-server');
}

export interface PostgresBinaries {
	bin: string;
	major: number;
}

/**
 * /usr/lib/postgresql/<major>/bin, highest major: /usr/local/bin may hold symlinks to it, and
 * /usr/bin/psql is Debian's version-picking wrapper; going to the folder itself avoids both.
 */
export function postgresBinaries(): PostgresBinaries | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	return readdirSync(root)
		.filter((entry) => /^\d+$/.test(entry))
		.map((entry) => ({ bin: path.join(root, entry, 'bin'), major: Number(entry) }))
		.sort((a, b) => b.major - a.major)
		.find(({ bin }) =>
			['initdb', 'pg_ctl', 'postgres', 'psql'].every((tool) => isFile(path.join(bin, tool))),
		);
}

async function postgresUserExists(): Promise<boolean> {
	return (await run('id', ['-u', 'postgres'])).code === 0;
}

/** How to run a command as root: directly, or through sudo (never prompting: tests have no tty). */
function privileged(command: string[]): [string, string[]] {
	if (isRoot) return [command[0], command.slice(1)];
	if (onPath('sudo')) return ['sudo', ['-n', ...command]];
	throw new Error(
		'Installing redis-server and postgresql needs root or sudo: install them by hand.',
	);
}

/**
 * Debian's maintainer scripts start services unless /usr/sbin/policy-rc.d says no (exit 101). The
 * tests never use the system-wide Redis or PostgreSQL, so they should not be left running: while
 * installing, a policy-rc.d of ours denies every start. One that is already there is left alone.
 */
async function withServiceStartsDenied<T>(work: () => Promise<T>): Promise<T> {
	const policy = '/usr/sbin/policy-rc.d';
	if (existsSync(policy)) return await work();
	const script = `printf '#!/bin/sh\\n# ${POLICY_MARKER}\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`;
	await runOrThrow('writing policy-rc.d', ...privileged(['sh', '-c', script]));
	try {
		return await work();
	} finally {
		const remove = `grep -q ${POLICY_MARKER} ${policy} && rm -f ${policy}`;
		await run(...privileged(['sh', '-c', remove]));
	}
}

async function aptGet(args: string[]): Promise<RunResult> {
	return await run(...privileged(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]));
}

async function installPackages(): Promise<void> {
	process.stderr.write('[queue] installing redis-server and postgresql with apt-get\n');
	const install = [
		'install',
		'-y',
		'--no-install-recommends',
		// Keeps locally changed config files without asking.
		'-o',
		'Dpkg::Options::=--force-confold',
		'redis-server',
		'postgresql',
	];
	await withServiceStartsDenied(async () => {
		let result = await aptGet(install);
		// Package lists missing or stale (images often ship without them): refresh once, try again.
		if (
			result.code !== 0 &&
			/Unable to locate package|has no installation candidate|404\s+Not Found/.test(result.output)
		) {
			const update = await aptGet(['update']);
			if (update.code !== 0) {
				throw new Error(`apt-get update failed:\n${update.output.slice(-4000)}`);
			}
			result = await aptGet(install);
		}
		if (result.code !== 0) {
			throw new Error(`apt-get install failed:\n${result.output.slice(-4000)}`);
		}
	});
	if (!redisServerBinary() || !postgresBinaries()) {
		throw new Error(
			'apt-get installed redis-server and postgresql, but their binaries are missing',
		);
	}
}

let installing: Promise<void> | undefined;

/** Installs Debian's redis-server and postgresql if missing; a globalSetup can call it first. */
export async function ensureQueueServicesInstalled(): Promise<void> {
	installing ??= (async () => {
		const missing =
			!redisServerBinary() || !postgresBinaries() || (isRoot && !(await postgresUserExists()));
		if (missing) await installPackages();
	})();
	try {
		await installing;
	} catch (error) {
		// Let a later call try again rather than repeat a stale failure.
		installing = undefined;
		throw error;
	}
}
