import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from '../../e2e/harness/n8nInstance';
import {
	ensureQueueServicesInstalled,
	postgresBinaries,
	type PostgresBinaries,
} from './debianPackages';
import {
	cleanEnvironment,
	isRoot,
	run,
	runOrThrow,
	spawnServer,
	stopper,
	untilAnswering,
	type LocalService,
} from './processes';

export interface LocalPostgres extends LocalService {
	user: string;
	password: string;
	database: string;
}

const POSTGRES_START_TIMEOUT_MS = 60_000;
const POSTGRES_ROLE = 'n8n';

interface Owner {
	uid: number;
	gid: number;
}

async function postgresOwner(): Promise<Owner> {
	const id = async (flag: string) =>
		Number((await runOrThrow(`id ${flag} postgres`, 'id', [flag, 'postgres'])).trim());
	return { uid: await id('-u'), gid: await id('-g') };
}

/** Folders the postgres user works in: root creates them, then hands them over. */
function mkdirFor(dir: string, mode: number, owner: Owner | undefined): void {
	mkdirSync(dir, { recursive: true, mode });
	chmodSync(dir, mode);
	if (owner) chownSync(dir, owner.uid, owner.gid);
}

/** initdb and pg_ctl refuse to run as root: as root they run as Debian's postgres user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function postgresCanReach(dir: string): Promise<boolean> {
	if (!isRoot) return true;
	return (await run('runuser', ['-u', 'postgres', '--', 'test', '-x', dir])).code === 0;
}

/**
 * Where the cluster's data and socket go: `<baseDir>/postgres-<db>` when the postgres user can get
 * there (every parent searchable) and the socket path fits (sockaddr_un holds 107 bytes); otherwise a
 * fresh folder in os.tmpdir() (/tmp is world-searchable), removed again by stop(). The log file always
 * stays under baseDir: we, not postgres, write it.
 */
async function clusterRoot(
	serviceDir: string,
	owner: Owner | undefined,
): Promise<{ root: string; temporary: boolean }> {
	const root = path.join(serviceDir, 'cluster');
	mkdirFor(root, 0o755, owner);
	const socketPathLength = path.join(root, 'socket', '.s.PGSQL.65535').length;
	if (socketPathLength <= 100 && (await postgresCanReach(root))) return { root, temporary: false };
	rmSync(root, { recursive: true, force: true });
	const temporary = mkdtempSync(path.join(tmpdir(), 'n8n-pg-'));
	mkdirFor(temporary, 0o755, owner);
	if (!(await postgresCanReach(temporary))) {
		throw new Error(`the postgres user cannot reach ${temporary} nor ${serviceDir}`);
	}
	return { root: temporary, temporary: true };
}

/** A PostgreSQL cluster of this run's own (never the system-wide one), on a free port of 127.0.0.1, with a role and database for n8n. */
export async function startPostgres(baseDir: string, database: string): Promise<LocalPostgres> {
	if (
		!/^[a-z_][a-z0-9_]{0,62}$/.test(database) ||
		['postgres', 'template0', 'template1', POSTGRES_ROLE].includes(database)
	) {
		throw new Error(`unsuitable database name: ${database}`);
	}
	await ensureQueueServicesInstalled();
	const { bin } = postgresBinaries() as PostgresBinaries;
	const tool = (name: string) => path.join(bin, name);
	const owner = isRoot ? await postgresOwner() : undefined;

	const serviceDir = path.join(baseDir, `postgres-${database}`);
	mkdirSync(serviceDir, { recursive: true });
	const logFile = path.join(serviceDir, 'postgres.log');
	const { root, temporary } = await clusterRoot(serviceDir, owner);
	const dataDir = path.join(root, 'data');
	const socketDir = path.join(root, 'socket');
	mkdirFor(dataDir, 0o700, owner);
	mkdirFor(socketDir, 0o700, owner);
	const port = await freePort();
	const password = randomBytes(16).toString('hex');

	// Trust over the private socket (only the postgres user and root get into socketDir) for setting
	// up; the n8n role signs in over TCP with its password (scram-sha-256), as n8n does.
	const initdb = await run(
		...asPostgres(tool('initdb'), [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--locale=C',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'--no-sync',
		]),
		{ env: cleanEnvironment(), cwd: root },
	);
	appendFileSync(logFile, initdb.output);
	if (initdb.code !== 0) throw new Error(`initdb failed:\n${initdb.output.slice(-4000)}`);
	// A throwaway test database: durability is worth nothing here, speed is.
	appendFileSync(
		path.join(dataDir, 'postgresql.conf'),
		[
			'',
			`listen_addresses = '127.0.0.1'`,
			`port = ${port}`,
			`unix_socket_directories = '${socketDir.replace(/'/g, "''")}'`,
			'max_connections = 200',
			'fsync = off',
			'synchronous_commit = off',
			'full_page_writes = off',
			'',
		].join('\n'),
	);

	// postgres itself (not `pg_ctl start`) so the child is ours to wait for and, if need be, kill.
	const server = spawnServer(...asPostgres(tool('postgres'), ['-D', dataDir]), logFile, root);
	const stop = stopper(
		server,
		async () => {
			const stopped = await run(
				...asPostgres(tool('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '15']),
				{ env: cleanEnvironment(), cwd: root },
			);
			// SIGINT is what pg_ctl's fast mode sends the postmaster.
			if (stopped.code !== 0) server.signal('SIGINT');
		},
		() => {
			if (temporary) rmSync(root, { recursive: true, force: true });
		},
	);

	const psql = (args: string[], env: Record<string, string> = {}, input?: string) =>
		run(tool('psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', ...args], {
			env: cleanEnvironment({ PGCONNECT_TIMEOUT: '2', ...env }),
			input,
		});
	const asSuperuser = ['-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres'];
	const asRole = ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_ROLE, '-d', database];

	try {
		await untilAnswering(
			server,
			{ name: 'postgres', timeoutMs: POSTGRES_START_TIMEOUT_MS, intervalMs: 100 },
			async () => (await psql([...asSuperuser, '-c', 'SELECT 1'])).code === 0,
		);
		// On stdin, so the password shows up neither in `ps` nor, should a statement fail, in the log.
		const setup = await psql(
			asSuperuser,
			{},
			[
				'SET log_min_error_statement = panic;',
				`CREATE ROLE ${POSTGRES_ROLE} LOGIN PASSWORD '${password}';`,
				`CREATE DATABASE ${database} OWNER ${POSTGRES_ROLE};`,
				'',
			].join('\n'),
		);
		if (setup.code !== 0) throw new Error(`creating role and database failed:\n${setup.output}`);
		const ready = await psql([...asRole, '-c', 'SELECT 1'], { PGPASSWORD: password });
		if (ready.code !== 0 || ready.output.trim() !== '1') {
			throw new Error(`SELECT 1 as ${POSTGRES_ROLE} over TCP failed:\n${ready.output}`);
		}
		return { port, dataDir, logFile, stop, user: POSTGRES_ROLE, password, database };
	} catch (error) {
		await stop();
		throw error;
	}
}
