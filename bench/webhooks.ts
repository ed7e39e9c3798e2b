import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';

import { MediaGatewayEndpoint, gatewayHeaders } from '../nodes/shared/mediaGateway/protocol';
import { sandboxClientToken } from '../sandbox/mediaGateway/clientToken';
import { SANDBOX_MEDIA_GATEWAY } from '../sandbox/mediaGateway/seed';
import { projectRoot } from '../scripts/projectRoot';
import type { WorkflowNode } from '../test/e2e/harness/n8nApi';
import { startBenchN8n, type BenchN8n } from './lib/benchN8n';
import { saveResult, type Cell } from './lib/report';
import { median, repeat, round } from './lib/stats';

/**
 * Issue 8: requests per second through the Media Gateway Trigger against n8n's own Webhook node in the
 * same n8n, loaded by autocannon from a second process on 127.0.0.1.
 */

const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 8);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const CONNECTIONS = 10;

const exitHeaders = {
	...gatewayHeaders('sdk', {
		appKey: SANDBOX_MEDIA_GATEWAY.appKey,
		roomId: 'bench-room',
		token: SANDBOX_MEDIA_GATEWAY.token,
		clientType: SANDBOX_MEDIA_GATEWAY.clientType,
		clientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
		userId: 'bench-user',
	}),
	'content-type': 'application/json',
};

interface Target {
	label: string;
	url: string;
	method: 'GET' | 'POST';
	headers: Record<string, string>;
	body?: string;
	/** What every answer must be, so a benchmark of errors is never mistaken for one of work. */
	expectStatus: number;
}

interface Load {
	requestsPerSecond: number;
	latencyP50Ms: number;
	latencyP99Ms: number;
	unexpected: number;
}

/** autocannon in its own process, so the load generator does not share the event loop it measures. */
async function load(target: Target, connections: number): Promise<Load> {
	const args = [
		path.join(projectRoot(), 'node_modules', 'autocannon', 'autocannon.js'),
		'--json',
		'--connections',
		String(connections),
		'--duration',
		String(SECONDS),
		'--method',
		target.method,
		...Object.entries(target.headers).flatMap(([name, value]) => ['--headers', `${name}=${value}`]),
		...(target.body ? ['--body', target.body] : []),
		target.url,
	];
	const { stdout } = await promisify(execFile)(process.execPath, args, {
		maxBuffer: 16 * 1024 * 1024,
	});
	const report = JSON.parse(stdout) as {
		requests: { average: number };
		latency: { p50: number; p99: number };
		statusCodeStats?: Record<string, { count: number }>;
		errors: number;
		timeouts: number;
	};
	const unexpected =
		report.errors +
		report.timeouts +
		Object.entries(report.statusCodeStats ?? {})
			.filter(([status]) => Number(status) !== target.expectStatus)
			.reduce((sum, [, stats]) => sum + stats.count, 0);
	return {
		requestsPerSecond: report.requests.average,
		latencyP50Ms: report.latency.p50,
		latencyP99Ms: report.latency.p99,
		unexpected,
	};
}

/** Executions started by one load go on after it: wait until n8n's CPU is quiet before the next one. */
async function untilIdle(pid: number): Promise<void> {
	const cpuTicks = () => {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return Number(fields[11]) + Number(fields[12]);
	};
	for (let attempt = 0; attempt < 120; attempt++) {
		const before = cpuTicks();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		if (cpuTicks() - before < 10) return; // under 10 % of a core
	}
}

/**
 * Without authentication unless given: 1.1 is what the unauthenticated rows have always measured, 1 is what
 * workflows built before 1.1 hold (n8n evaluates one more expression per request for it); the
 * authenticated rows run 1.2 with the sandbox's Signed Client Token credential.
 */
const mediaGatewayTrigger = (
	basePath: string,
	respond: string,
	typeVersion = 1.1,
	clientToken?: { id: string; name: string },
): WorkflowNode => ({
	name: 'Trigger',
	type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
	typeVersion,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: {
		path: basePath,
		endpoints: [MediaGatewayEndpoint.WECHAT_EXIT],
		respond,
		...(clientToken ? { authentication: 'clientToken' } : {}),
		options: {},
	},
	...(clientToken ? { credentials: { mediaGatewayClientTokenApi: clientToken } } : {}),
});

/** n8n's own Webhook node; with a Header Auth credential, the baseline of an authenticated webhook. */
const webhookNode = (
	basePath: string,
	responseMode: string,
	headerAuth?: { id: string; name: string },
): WorkflowNode => ({
	name: 'Trigger',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: {
		httpMethod: 'POST',
		path: `${basePath}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
		responseMode,
		...(headerAuth ? { authentication: 'headerAuth' } : {}),
		options: {},
	},
	...(headerAuth ? { credentials: { httpHeaderAuth: headerAuth } } : {}),
});

/** The Header Auth credential of the authenticated Webhook node rows (a bench value, used nowhere else). */
const BENCH_HEADER_AUTH = { name: 'X-Bench-Secret', value: 'bench-header-auth-value-0123456789' };

/** The trigger alone, or followed by one node whose output is the answer. */
async function deploy(bench: BenchN8n, trigger: WorkflowNode, oneNode: boolean): Promise<void> {
	const nodes: WorkflowNode[] = [trigger];
	const connections: Record<string, unknown> = {};
	if (oneNode) {
		nodes.push({
			name: 'Answer',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		});
		connections.Trigger = { main: [[{ node: 'Answer', type: 'main', index: 0 }]] };
	}
	const api = bench.n8n.api;
	const id = await api.createWorkflow({
		name: `bench webhook ${trigger.parameters.path}`,
		nodes,
		connections,
		settings: { saveDataSuccessExecution: 'none' },
	});
	await api.activate(id);
}

async function untilRegistered(target: Target): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const response = await request(target.url, {
			method: target.method,
			headers: target.headers,
			body: target.body,
		});
		await response.body.dump();
		if (response.statusCode === target.expectStatus) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${target.label}: never answered ${target.expectStatus}`);
}

/** The n8n settings compared: n8n's defaults, and lazy isolate acquisition (README, Queue mode and performance). */
const CONFIGURATIONS = [
	{ label: 'default settings', env: {} },
	{
		label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
] as const;
type Configuration = (typeof CONFIGURATIONS)[number]['label'];

const TARGETS = {
	notFound: 'n8n routing only: unknown webhook (404)',
	refused: 'Media Gateway Trigger: invalid request refused (no execution)',
	refusedV1: 'Media Gateway Trigger version 1: invalid request refused (no execution)',
	monitor: 'Media Gateway Trigger: monitor/state answered by the node (no execution)',
	tokenMissing:
		'Media Gateway Trigger, Signed Client Token: no token, refused with 401 (no execution)',
	tokenForged:
		'Media Gateway Trigger, Signed Client Token: forged signature, refused with 401 (no execution)',
	gatewayNow: 'Media Gateway Trigger: respond immediately',
	tokenNow: 'Media Gateway Trigger, Signed Client Token: valid token, respond immediately',
	headerAuthRefused: 'n8n Webhook node, Header Auth: wrong value, refused with 403 (no execution)',
	headerAuthNow: 'n8n Webhook node, Header Auth: right value, respond immediately',
	webhookNow: 'n8n Webhook node: respond immediately',
	gatewayLast: 'Media Gateway Trigger: respond after a one-node workflow',
	webhookLast: 'n8n Webhook node: respond after a one-node workflow',
} as const;
type TargetKey = keyof typeof TARGETS;

interface Row {
	configuration: Configuration;
	key: TargetKey;
	connections: number;
	load: Load;
}

/** Signed by the sandbox's app server for the headers' room and user, valid long enough for a whole run. */
function benchToken(): string {
	return sandboxClientToken(
		{ appKey: SANDBOX_MEDIA_GATEWAY.appKey, roomId: 'bench-room', userId: 'bench-user' },
		{ claims: { exp: Math.floor(Date.now() / 1000) + 4 * 3600 } },
	);
}

function targetsOf(base: string): Record<TargetKey, Target> {
	const exit = (label: string, basePath: string): Target => ({
		label,
		url: `${base}/${basePath}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
		method: 'POST',
		headers: exitHeaders,
		body: '{}',
		expectStatus: 200,
	});
	const token = benchToken();
	const [header, payload] = token.split('.');
	const forged = `${header}.${payload}.${Buffer.alloc(64, 7).toString('base64url')}`;
	const withToken = (label: string, value: string | undefined, expectStatus: number): Target => {
		const headers = Object.fromEntries(
			Object.entries(exitHeaders).filter(([name]) => name !== 'Token'),
		);
		return {
			...exit(label, 'bench-mg-token'),
			headers: value === undefined ? headers : { ...headers, Token: value },
			expectStatus,
		};
	};
	return {
		notFound: { ...exit(TARGETS.notFound, 'bench-nowhere'), expectStatus: 404 },
		refused: {
			...exit(TARGETS.refused, 'bench-mg-now'),
			headers: { 'content-type': 'application/json' },
		},
		refusedV1: {
			...exit(TARGETS.refusedV1, 'bench-mg-v1'),
			headers: { 'content-type': 'application/json' },
		},
		monitor: {
			label: TARGETS.monitor,
			url: `${base}/bench-mg-now/${MediaGatewayEndpoint.MONITOR_STATE}`,
			method: 'GET',
			headers: {},
			expectStatus: 200,
		},
		tokenMissing: withToken(TARGETS.tokenMissing, undefined, 401),
		tokenForged: withToken(TARGETS.tokenForged, forged, 401),
		gatewayNow: exit(TARGETS.gatewayNow, 'bench-mg-now'),
		tokenNow: withToken(TARGETS.tokenNow, token, 200),
		headerAuthRefused: {
			...exit(TARGETS.headerAuthRefused, 'bench-wh-auth'),
			headers: { ...exitHeaders, [BENCH_HEADER_AUTH.name]: 'wrong' },
			expectStatus: 403,
		},
		headerAuthNow: {
			...exit(TARGETS.headerAuthNow, 'bench-wh-auth'),
			headers: { ...exitHeaders, [BENCH_HEADER_AUTH.name]: BENCH_HEADER_AUTH.value },
		},
		webhookNow: exit(TARGETS.webhookNow, 'bench-wh-now'),
		gatewayLast: exit(TARGETS.gatewayLast, 'bench-mg-last'),
		webhookLast: exit(TARGETS.webhookLast, 'bench-wh-last'),
	};
}

/** Every target at 10 connections in one n8n; under n8n's defaults also 1 and 100 connections. */
async function measureConfiguration(
	configuration: (typeof CONFIGURATIONS)[number],
	withGrowth: boolean,
): Promise<{ rows: Row[]; n8nVersion: string }> {
	const bench = await startBenchN8n(configuration.env);
	const targets = targetsOf(`${bench.n8n.url}/webhook`);
	const rows: Row[] = [];
	try {
		await deploy(bench, mediaGatewayTrigger('bench-mg-now', 'onReceived'), false);
		await deploy(bench, mediaGatewayTrigger('bench-mg-v1', 'onReceived', 1), false);
		await deploy(
			bench,
			mediaGatewayTrigger(
				'bench-mg-token',
				'onReceived',
				1.2,
				bench.credentials.mediaGatewayClientTokenApi,
			),
			false,
		);
		await deploy(bench, webhookNode('bench-wh-now', 'onReceived'), false);
		const headerAuth = {
			id: await bench.n8n.api.createCredential({
				name: 'bench header auth',
				type: 'httpHeaderAuth',
				data: BENCH_HEADER_AUTH,
			}),
			name: 'bench header auth',
		};
		await deploy(bench, webhookNode('bench-wh-auth', 'onReceived', headerAuth), false);
		await deploy(bench, mediaGatewayTrigger('bench-mg-last', 'lastNode'), true);
		await deploy(bench, webhookNode('bench-wh-last', 'lastNode'), true);
		for (const [key, target] of Object.entries(targets))
			if (key !== 'notFound') await untilRegistered(target);
		const pid = bench.n8n.process.pid ?? 0;
		const measure = async (key: TargetKey, connections: number) => {
			await untilIdle(pid);
			const loads = await repeat(REPEAT, async () => {
				const result = await load(targets[key], connections);
				await untilIdle(pid);
				return result;
			});
			const pick = (field: keyof Load) => median(loads.map((entry) => entry[field]));
			const result: Load = {
				requestsPerSecond: pick('requestsPerSecond'),
				latencyP50Ms: pick('latencyP50Ms'),
				latencyP99Ms: pick('latencyP99Ms'),
				unexpected: loads.reduce((sum, entry) => sum + entry.unexpected, 0),
			};
			process.stderr.write(
				`[bench webhooks] ${configuration.label}: ${TARGETS[key]} c=${connections} ${JSON.stringify(result)}\n`,
			);
			rows.push({ configuration: configuration.label, key, connections, load: result });
		};
		for (const key of Object.keys(TARGETS) as TargetKey[]) await measure(key, CONNECTIONS);
		if (withGrowth) {
			for (const connections of [1, 100]) {
				await measure('gatewayNow', connections);
				await measure('webhookNow', connections);
			}
		}
		return { rows, n8nVersion: bench.n8nVersion };
	} finally {
		await bench.stop();
	}
}

export async function run(): Promise<void> {
	const rows: Row[] = [];
	let n8nVersion = '';
	for (const [index, configuration] of CONFIGURATIONS.entries()) {
		const measured = await measureConfiguration(configuration, index === 0);
		rows.push(...measured.rows);
		n8nVersion = measured.n8nVersion;
	}

	const find = (configuration: Configuration, key: TargetKey, connections = CONNECTIONS) =>
		rows.find(
			(row) =>
				row.configuration === configuration && row.key === key && row.connections === connections,
		)!.load.requestsPerSecond;
	const table = (chosen: Row[]): Cell[][] =>
		chosen.map(({ configuration, key, connections, load: result }) => [
			TARGETS[key],
			connections,
			round(result.requestsPerSecond, 0),
			round(result.requestsPerSecond / find(configuration, 'webhookNow'), 2),
			result.latencyP50Ms,
			result.latencyP99Ms,
			result.unexpected,
		]);
	const columns = [
		'Endpoint',
		'Connections',
		'Requests/s',
		'× n8n Webhook node (immediately, same settings)',
		'Latency p50 ms',
		'Latency p99 ms',
		'Unexpected answers',
	];
	const [defaults, lazy] = CONFIGURATIONS.map((configuration) => configuration.label);
	const rate = (key: TargetKey, configuration: Configuration = defaults) =>
		round(find(configuration, key), 0);
	const ratio = (top: number, bottom: number) => round(top / bottom, 2);
	saveResult({
		name: 'webhooks',
		title: 'Media Gateway Trigger: requests per second against n8n’s Webhook node',
		order: 40,
		method: [
			`n8n ${n8nVersion} (SQLite), once with default settings and once with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true; autocannon in a second process on 127.0.0.1, ${CONNECTIONS} connections for ${SECONDS} s unless stated, median of ${REPEAT} runs; n8n's CPU is let go quiet between runs so queued executions do not bleed into the next figure.`,
			'Requests: POST wechat/exit with valid headers and body (`{}`); each workflow is the trigger alone (respond immediately) or the trigger and one No Operation node whose output is the answer. Successful executions are not saved. The Media Gateway Trigger runs at version 1.1 without authentication unless the row says otherwise.',
			'Signed Client Token rows: version 1.2 with the sandbox credential (ES256 public key, iss and aud checked, token bound to room and user), the same headers with no Token, with a token whose signature is forged (the ES256 verification runs), or with a valid token of the sandbox app server. Header Auth rows: n8n’s Webhook node with its own Header Auth credential, the same requests with a wrong or the right header value: what authentication costs in n8n’s own node.',
			'Baseline: n8n’s own Webhook node on the same path and body, responding immediately, in the same n8n. Unexpected answers counts anything but the expected status (200; 401 for the refused tokens; 403 for the refused Header Auth; 404 for the unknown path).',
		],
		tables: CONFIGURATIONS.map((configuration) => ({
			caption: `${CONNECTIONS} connections, ${configuration.label}`,
			columns,
			rows: table(
				rows.filter(
					(row) => row.configuration === configuration.label && row.connections === CONNECTIONS,
				),
			),
		})).concat({
			caption: `Cost growth: 1 → 10 → 100 connections, ${defaults}`,
			columns,
			rows: table(
				rows
					.filter(
						(row) =>
							row.configuration === defaults &&
							(row.key === 'gatewayNow' || row.key === 'webhookNow'),
					)
					.sort(
						(left, right) =>
							left.key.localeCompare(right.key) || left.connections - right.connections,
					),
			),
		}),
		findings: [
			`Default settings: requests the node answers without an execution cost far more than n8n's routing: refused requests at ${rate('refused')}/s and monitor/state at ${rate('monitor')}/s, against ${rate('notFound')}/s for n8n's own 404. n8n ${n8nVersion} takes an expression isolate (pool of 1, a new V8 isolate when it is taken) for every request to a webhook node unless lazy acquisition is on, and skips that only for its own Webhook node (live-webhooks.js, webhookPhaseNeedsIsolate).`,
			`Default settings, requests that start executions: ${rate('gatewayNow')}/s for the Media Gateway Trigger against ${rate('webhookNow')}/s for n8n's Webhook node (immediately, ${ratio(find(defaults, 'gatewayNow'), find(defaults, 'webhookNow'))}×), ${rate('gatewayLast')}/s against ${rate('webhookLast')}/s after a one-node workflow (${ratio(find(defaults, 'gatewayLast'), find(defaults, 'webhookLast'))}×): the isolate is paid once for the webhook phase and again for the execution, where n8n's own node skips the first.`,
			`With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true an isolate is built only when an expression reaches the engine. The trigger (version 1.1) declares native resolvers for its webhook fields, so its requests reach none: refused at ${rate('refused', lazy)}/s (${ratio(find(lazy, 'refused'), find(defaults, 'refused'))}× the default settings), monitor/state ${rate('monitor', lazy)}/s, respond immediately ${rate('gatewayNow', lazy)}/s (${ratio(find(lazy, 'gatewayNow'), find(lazy, 'webhookNow'))}× the Webhook node's ${rate('webhookNow', lazy)}/s), after a one-node workflow ${rate('gatewayLast', lazy)}/s against ${rate('webhookLast', lazy)}/s. Version 1 of the node refuses at ${rate('refusedV1', lazy)}/s: n8n evaluates an options.binaryData expression for every request to a version-1 webhook node.`,
			`Signed Client Token, default settings: no token refused at ${rate('tokenMissing')}/s and a forged signature at ${rate('tokenForged')}/s, against ${rate('refused')}/s for the unauthenticated refusal (${ratio(find(defaults, 'tokenForged'), find(defaults, 'refused'))}×); a valid token, respond immediately, ${rate('tokenNow')}/s against ${rate('gatewayNow')}/s without authentication (${ratio(find(defaults, 'tokenNow'), find(defaults, 'gatewayNow'))}×). With lazy acquisition: ${rate('tokenMissing', lazy)}/s and ${rate('tokenForged', lazy)}/s refused against ${rate('refused', lazy)}/s (${ratio(find(lazy, 'tokenForged'), find(lazy, 'refused'))}×), ${rate('tokenNow', lazy)}/s accepted against ${rate('gatewayNow', lazy)}/s (${ratio(find(lazy, 'tokenNow'), find(lazy, 'gatewayNow'))}×). n8n's own Webhook node with Header Auth: ${rate('headerAuthRefused')}/s refused and ${rate('headerAuthNow')}/s accepted under default settings (${rate('headerAuthRefused', lazy)}/s and ${rate('headerAuthNow', lazy)}/s with lazy acquisition). Reading a credential is what authentication costs: n8n 2.41.1 builds a workflow and acquires an expression isolate to resolve the credential's fields on every read (credentials-helper.js, applyDefaultsAndOverwrites), a fresh V8 isolate under default settings when the webhook phase holds the pool's one; the ES256 verification itself is a fraction of a millisecond.`,
		],
	});
}
