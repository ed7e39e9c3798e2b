import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';

import { N8nApi } from './n8nApi';
import { environmentWithoutNpmConfig, type N8nRuntime } from './n8nRuntime';

/** The owner n8n is set up with, by environment: no browser needed. */
export const N8N_OWNER = {
	email: 'owner@sandbox.local',
	password: 'Sandbox-Owner-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** Fixed, so credentials stored in a kept user folder stay readable across restarts. */
const ENCRYPTION_KEY = 'n8n-nodes-rtc-paas-sandbox-encryption-key';

/** What one n8n process does: `n8n start` (main), `n8n worker` or `n8n webhook` (queue mode). */
export type N8nRole = 'main' | 'worker' | 'webhook';

const ROLE_COMMAND: Record<N8nRole, string> = {
	main: 'start',
	worker: 'worker',
	webhook: 'webhook',
};

export interface StartN8nOptions {
	runtime: N8nRuntime;
	/** Default main. A worker listens (health checks only) on `port` as its QUEUE_HEALTH_CHECK_PORT. */
	role?: N8nRole;
	/** The packed package (npm pack) to install as a community package. */
	packageTarball?: string;
	port?: number;
	userFolder?: string;
	env?: Record<string, string>;
	/** Flags for n8n's Node.js itself, before n8n's entry (e.g. `--inspect=127.0.0.1:9229` for profiling). */
	nodeArgs?: string[];
	/** How long n8n may take to become ready. */
	startTimeoutMs?: number;
}

export interface N8nProcess {
	role: N8nRole;
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

export interface N8nInstance extends N8nProcess {
	api: N8nApi;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/** What a user does by hand: `npm install <package>` inside `~/.n8n/nodes`, then (re)start n8n. */
export function installCommunityPackage(userFolder: string, tarball: string): void {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesFolder, { recursive: true });
	writeFileSync(
		path.join(nodesFolder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	// n8n provides n8n-workflow itself: installing the peer dependency would load a second copy.
	execFileSync(
		'npm',
		[
			'install',
			tarball,
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{
			cwd: nodesFolder,
			env: environmentWithoutNpmConfig(),
			stdio: 'pipe',
		},
	);
}

function ownerPasswordHash(runtime: N8nRuntime): string {
	// n8n's own bcrypt, from the runtime, so the hash matches what n8n verifies.
	const bcrypt = require(path.join(runtime.dir, 'node_modules', 'bcryptjs')) as {
		hashSync(text: string, rounds: number): string;
	};
	return bcrypt.hashSync(N8N_OWNER.password, 10);
}

export function n8nEnvironment(
	runtime: N8nRuntime,
	userFolder: string,
	port: number,
	brokerPort: number,
) {
	return {
		...environmentWithoutNpmConfig(),
		// Jest sets NODE_ENV=test, under which n8n refuses to load nodes.
		NODE_ENV: 'production',
		PATH: runtime.path,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: N8N_OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: N8N_OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: N8N_OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(runtime),
		N8N_LOG_LEVEL: 'debug',
		...runtime.spec.env,
	};
}

async function waitUntilReady(
	role: N8nRole,
	url: string,
	child: ChildProcess,
	logFile: string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(
				`n8n exited with code ${child.exitCode} while starting:\n${readFileSync(logFile, 'utf8').slice(-4000)}`,
			);
		}
		try {
			// 1.x reports ready while its REST API still answers 503 "starting up": wait for that too.
			const readiness = await request(`${url}/healthz/readiness`);
			await readiness.body.dump();
			if (readiness.statusCode === 200 && role !== 'main') return;
			const rest = await request(`${url}/rest/login`);
			await rest.body.dump();
			if (readiness.statusCode === 200 && rest.statusCode !== 503 && rest.statusCode !== 404)
				return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(
		`n8n was not ready within ${timeoutMs} ms:\n${readFileSync(logFile, 'utf8').slice(-4000)}`,
	);
}

async function rest(url: string, path: string, body: unknown, cookie?: string) {
	const response = await request(`${url}/rest${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	return { status: response.statusCode, text, setCookie: response.headers['set-cookie'] };
}

/**
 * Logs in as the owner and creates an API key with every scope there is. 2.x sets the owner up from the
 * environment; 1.x has no such variables, so there the owner is set up through the API on first start.
 */
async function createApiKey(url: string): Promise<{ apiKey: string; cookie: string }> {
	const credentials = { emailOrLdapLoginId: N8N_OWNER.email, password: N8N_OWNER.password };
	let login = await rest(url, '/login', credentials);
	if (login.status === 401) {
		const setup = await rest(url, '/owner/setup', { ...N8N_OWNER });
		if (setup.status === 200) login = await rest(url, '/login', credentials);
	}
	if (login.status !== 200) {
		throw new Error(`n8n login failed: ${login.status} ${login.text.slice(0, 300)}`);
	}
	const cookie = [login.setCookie]
		.flat()
		.filter(Boolean)
		.map((value) => String(value).split(';')[0])
		.join('; ');
	const scopes = await rest(url, '/api-keys/scopes', undefined, cookie);
	const body: Record<string, unknown> = { label: `sandbox-${Date.now()}`, expiresAt: null };
	if (scopes.status === 200) body.scopes = (JSON.parse(scopes.text) as { data: string[] }).data;
	const created = await rest(url, '/api-keys', body, cookie);
	if (created.status !== 200)
		throw new Error(`n8n API key creation failed: ${created.status} ${created.text}`);
	const data = (JSON.parse(created.text) as { data: { rawApiKey?: string; apiKey?: string } }).data;
	return { apiKey: String(data.rawApiKey ?? data.apiKey), cookie };
}

/** Starts one n8n process and waits until it is ready; nothing more (no login, no API key). */
export async function startN8nProcess(options: StartN8nOptions): Promise<N8nProcess> {
	const role = options.role ?? 'main';
	const userFolder = options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'n8n-rtc-paas-'));
	mkdirSync(userFolder, { recursive: true });
	if (options.packageTarball) installCommunityPackage(userFolder, options.packageTarball);
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, `n8n-${role}.log`);
	const log = openSync(logFile, 'a');
	const env = n8nEnvironment(options.runtime, userFolder, port, await freePort());
	if (role === 'worker') {
		// A worker serves only health checks, on a port of its own (its default clashes with main's).
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
		});
	}
	const nodeArgs = [...(options.nodeArgs ?? []), options.runtime.n8nEntry, ROLE_COMMAND[role]];
	const child = spawn(options.runtime.nodeBinary, nodeArgs, {
		cwd: userFolder,
		env: { ...env, ...options.env },
		stdio: ['ignore', log, log],
		detached: true,
	});
	closeSync(log);

	// The whole process group: n8n's task runner is a child process of its own.
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		signalGroup('SIGTERM');
		const forced = setTimeout(() => signalGroup('SIGKILL'), 15_000);
		await exited;
		clearTimeout(forced);
	};
	try {
		await waitUntilReady(role, url, child, logFile, options.startTimeoutMs ?? 180_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { role, url, port, userFolder, logFile, process: child, stop };
}

/** A main n8n, ready to be driven through its public API as the owner. */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	const started = await startN8nProcess({ ...options, role: 'main' });
	try {
		const { apiKey, cookie } = await createApiKey(started.url);
		return { ...started, api: new N8nApi(started.url, apiKey, cookie) };
	} catch (error) {
		await started.stop();
		throw error;
	}
}
