import type { CpuProfile, ProfileNode } from './cpuProfile';

/**
 * Reads a CPU profile of n8n's main process over the time a measured node ran, two ways:
 * - by owner: whose code was running (the package a function belongs to; Node.js internals and native
 *   code count for the nearest caller that belongs to a package);
 * - by activity: what the process was doing, from the whole stack (reading a credential, reading
 *   parameters, sending HTTP, this package's own logic, the rest of n8n), each sample counted once, for
 *   the first activity of that list its stack shows.
 * Only the synchronous part of a stack is in a sample: work resumed after an `await` counts for the
 * function that resumed it.
 */

export const OWNERS = [
	'this package',
	'n8n-core',
	'n8n-workflow',
	'n8n server and @n8n libraries',
	'n8n-nodes-base (HTTP Request, Code)',
	'expression engine',
	'HTTP client (axios, @n8n/backend-network)',
	'database (TypeORM, SQLite)',
	'other libraries',
	'Node.js and V8, no JavaScript caller',
	'V8 garbage collection',
] as const;
export type Owner = (typeof OWNERS)[number];

export const ACTIVITIES = [
	'reading the credential (n8n: checks, decryption)',
	'database queries (SQLite)',
	'reading parameters (n8n: getNodeParameter, expressions)',
	'sending HTTP (n8n’s helpers, axios, sockets)',
	'this package’s own logic',
	'n8n-nodes-base (HTTP Request, Code node)',
	'rest of n8n (execution engine, items)',
	'garbage collection',
	'other (event loop, V8)',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

export interface TopFunction {
	name: string;
	owner: Owner;
	ms: number;
}

export interface ProfileSummary {
	windowMs: number;
	/** Sampled time in which the process ran code (not idle). */
	busyMs: number;
	/** Sampled time in which it waited (for the vendor's answers, mostly). */
	idleMs: number;
	byOwner: Record<Owner, number>;
	byActivity: Record<Activity, number>;
	top: TopFunction[];
}

const THIS_PACKAGE = 'n8n-nodes-rtc-paas';

/** The npm package a script belongs to: the last `node_modules/<name>` (or `@scope/name`) of its path. */
export function packageOf(url: string): string | undefined {
	const marker = 'node_modules/';
	const at = url.lastIndexOf(marker);
	if (at < 0) return undefined;
	const [first, second] = url.slice(at + marker.length).split('/');
	return first.startsWith('@') ? `${first}/${second}` : first;
}

const HTTP_PACKAGES = new Set([
	'@n8n/backend-network',
	'axios',
	'follow-redirects',
	'proxy-from-env',
	'form-data',
	'qs',
]);
const DATABASE_PACKAGES = new Set([
	'@n8n/typeorm',
	'@n8n/db',
	'sqlite3',
	'tarn',
	'@n8n/sqlite-pooled',
]);
const EXPRESSION_PACKAGES = new Set([
	'@n8n/expression-runtime',
	'isolated-vm',
	'@n8n/tournament',
	'esprima-next',
	'recast',
	'ast-types',
	'jmespath',
]);

/** Whose code a frame is; undefined for Node.js internals and native code (their caller's owner counts). */
export function ownerOf(frame: ProfileNode['callFrame']): Owner | undefined {
	if (frame.functionName === '(garbage collector)') return 'V8 garbage collection';
	const name = packageOf(frame.url);
	if (name === undefined) return undefined;
	if (name === THIS_PACKAGE) return 'this package';
	if (name === 'n8n-core' || name === 'n8n-workflow') return name;
	if (name === 'n8n-nodes-base') return 'n8n-nodes-base (HTTP Request, Code)';
	if (HTTP_PACKAGES.has(name)) return 'HTTP client (axios, @n8n/backend-network)';
	if (DATABASE_PACKAGES.has(name)) return 'database (TypeORM, SQLite)';
	if (EXPRESSION_PACKAGES.has(name)) return 'expression engine';
	if (name === 'n8n' || name.startsWith('@n8n/')) return 'n8n server and @n8n libraries';
	return 'other libraries';
}

const CREDENTIAL_FUNCTIONS = new Set(['getCredentials', '_getCredentials', 'getDecrypted']);
const PARAMETER_FUNCTIONS = new Set(['getNodeParameter', '_getNodeParameter']);
const HTTP_FUNCTIONS = new Set(['httpRequestWithAuthentication', 'requestWithAuthentication']);

/** The activity a stack (innermost frame first) belongs to. */
export function activityOf(stack: ProfileNode['callFrame'][]): Activity {
	const owners = stack.map(ownerOf);
	const anyFrame = (test: (frame: ProfileNode['callFrame'], owner?: Owner) => boolean) =>
		stack.some((frame, index) => test(frame, owners[index]));
	if (stack[0]?.functionName === '(garbage collector)') return 'garbage collection';
	if (
		anyFrame(
			(frame, owner) =>
				(CREDENTIAL_FUNCTIONS.has(frame.functionName) &&
					(owner === 'n8n-core' || owner === 'n8n server and @n8n libraries')) ||
				frame.url.endsWith('/credentials-helper.js') ||
				/\/encryption\/[^/]+\.js$/.test(frame.url),
		)
	)
		return 'reading the credential (n8n: checks, decryption)';
	if (anyFrame((_, owner) => owner === 'database (TypeORM, SQLite)'))
		return 'database queries (SQLite)';
	if (
		anyFrame(
			(frame, owner) =>
				(PARAMETER_FUNCTIONS.has(frame.functionName) && owner === 'n8n-core') ||
				owner === 'expression engine' ||
				(owner === 'n8n-workflow' && /\/expression[^/]*\.js$/.test(frame.url)),
		)
	)
		return 'reading parameters (n8n: getNodeParameter, expressions)';
	if (
		anyFrame(
			(frame, owner) =>
				(HTTP_FUNCTIONS.has(frame.functionName) && owner === 'n8n-core') ||
				owner === 'HTTP client (axios, @n8n/backend-network)' ||
				/^node:(_http_|net|https?$)/.test(frame.url),
		)
	)
		return 'sending HTTP (n8n’s helpers, axios, sockets)';
	if (owners.includes('this package')) return 'this package’s own logic';
	if (owners.includes('n8n-nodes-base (HTTP Request, Code)'))
		return 'n8n-nodes-base (HTTP Request, Code node)';
	if (
		owners.some(
			(owner) =>
				owner === 'n8n-core' ||
				owner === 'n8n-workflow' ||
				owner === 'n8n server and @n8n libraries',
		)
	)
		return 'rest of n8n (execution engine, items)';
	return 'other (event loop, V8)';
}

const zeroes = <K extends string>(keys: readonly K[]) =>
	Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Summarises the samples taken between `fromMs` and `toMs` (wall clock, ms); `wallClockOffsetUs` maps the
 * profile's monotonic timestamps onto the wall clock (cpuProfile.ts).
 */
export function summariseProfile(
	profile: CpuProfile,
	wallClockOffsetUs: number,
	fromMs: number,
	toMs: number,
	topCount = 8,
): ProfileSummary {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const stackOf = (id: number) => {
		const stack: ProfileNode['callFrame'][] = [];
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
			const node = nodes.get(at)!;
			if (node.callFrame.functionName !== '(root)') stack.push(node.callFrame);
		}
		return stack;
	};

	const byOwner = zeroes(OWNERS);
	const byActivity = zeroes(ACTIVITIES);
	const functions = new Map<string, TopFunction>();
	let busyUs = 0;
	let idleUs = 0;
	const fromUs = fromMs * 1000 - wallClockOffsetUs;
	const toUs = toMs * 1000 - wallClockOffsetUs;
	let sampledAtUs = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		sampledAtUs += profile.timeDeltas[index];
		if (sampledAtUs < fromUs || sampledAtUs > toUs) continue;
		// A sample stands for the time until the next one.
		const us = profile.timeDeltas[index + 1] ?? 0;
		const stack = stackOf(profile.samples[index]);
		const leaf = stack[0];
		if (!leaf || leaf.functionName === '(idle)') {
			idleUs += us;
			continue;
		}
		busyUs += us;
		const owner = stack.map(ownerOf).find(Boolean) ?? 'Node.js and V8, no JavaScript caller';
		byOwner[owner] += us / 1000;
		byActivity[activityOf(stack)] += us / 1000;
		const name = `${leaf.functionName || '(anonymous)'} (${leaf.url.split('/').pop() || 'native'})`;
		const entry = functions.get(name) ?? { name, owner, ms: 0 };
		entry.ms += us / 1000;
		functions.set(name, entry);
	}
	return {
		windowMs: toMs - fromMs,
		busyMs: busyUs / 1000,
		idleMs: idleUs / 1000,
		byOwner,
		byActivity,
		top: [...functions.values()].sort((left, right) => right.ms - left.ms).slice(0, topCount),
	};
}
