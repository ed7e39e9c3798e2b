import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';

import { MediaGatewayEndpoint, gatewayHeaders } from '../nodes/shared/mediaGateway/protocol';
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

const mediaGatewayTrigger = (basePath: string, respond: string): WorkflowNode => ({
	name: 'Trigger',
	type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
	typeVersion: 1,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: {
		path: basePath,
		endpoints: [MediaGatewayEndpoint.WECHAT_EXIT],
		respond,
		options: {},
	},
});

const webhookNode = (basePath: string, responseMode: string): WorkflowNode => ({
	name: 'Trigger',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: {
		httpMethod: 'POST',
		path: `${basePath}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
		responseMode,
		options: {},
	},
});

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

export async function run(): Promise<void> {
	const bench = await startBenchN8n();
	const base = `${bench.n8n.url}/webhook`;
	const exit = (basePath: string): Omit<Target, 'label'> => ({
		url: `${base}/${basePath}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
		method: 'POST',
		headers: exitHeaders,
		body: '{}',
		expectStatus: 200,
	});
	const targets: Target[] = [
		{
			label: 'n8n routing only: unknown webhook (404)',
			...exit('bench-nowhere'),
			expectStatus: 404,
		},
		{
			label: 'Media Gateway Trigger: invalid request refused (no execution)',
			...exit('bench-mg-now'),
			headers: { 'content-type': 'application/json' },
		},
		{
			label: 'Media Gateway Trigger: monitor/state answered by the node (no execution)',
			url: `${base}/bench-mg-now/${MediaGatewayEndpoint.MONITOR_STATE}`,
			method: 'GET',
			headers: {},
			expectStatus: 200,
		},
		{ label: 'Media Gateway Trigger: respond immediately', ...exit('bench-mg-now') },
		{ label: 'n8n Webhook node: respond immediately', ...exit('bench-wh-now') },
		{ label: 'Media Gateway Trigger: respond after a one-node workflow', ...exit('bench-mg-last') },
		{ label: 'n8n Webhook node: respond after a one-node workflow', ...exit('bench-wh-last') },
	];
	const rows: Array<{ target: Target; connections: number; load: Load }> = [];
	try {
		await deploy(bench, mediaGatewayTrigger('bench-mg-now', 'onReceived'), false);
		await deploy(bench, webhookNode('bench-wh-now', 'onReceived'), false);
		await deploy(bench, mediaGatewayTrigger('bench-mg-last', 'lastNode'), true);
		await deploy(bench, webhookNode('bench-wh-last', 'lastNode'), true);
		for (const target of targets.slice(1)) await untilRegistered(target);
		const pid = bench.n8n.process.pid ?? 0;
		const measure = async (target: Target, connections: number) => {
			await untilIdle(pid);
			const loads = await repeat(REPEAT, async () => {
				const result = await load(target, connections);
				await untilIdle(pid);
				return result;
			});
			const pick = (key: keyof Load) => median(loads.map((entry) => entry[key]));
			const result: Load = {
				requestsPerSecond: pick('requestsPerSecond'),
				latencyP50Ms: pick('latencyP50Ms'),
				latencyP99Ms: pick('latencyP99Ms'),
				unexpected: loads.reduce((sum, entry) => sum + entry.unexpected, 0),
			};
			process.stderr.write(
				`[bench webhooks] ${target.label} c=${connections} ${JSON.stringify(result)}\n`,
			);
			rows.push({ target, connections, load: result });
		};
		for (const target of targets) await measure(target, CONNECTIONS);
		for (const connections of [1, 100]) {
			await measure(targets[3], connections);
			await measure(targets[4], connections);
		}
	} finally {
		await bench.stop();
	}

	const baseline = rows.find(
		(row) => row.target === targets[4] && row.connections === CONNECTIONS,
	)!;
	const table = (chosen: typeof rows): Cell[][] =>
		chosen.map(({ target, connections, load: result }) => [
			target.label,
			connections,
			round(result.requestsPerSecond, 0),
			round(result.requestsPerSecond / baseline.load.requestsPerSecond, 2),
			result.latencyP50Ms,
			result.latencyP99Ms,
			result.unexpected,
		]);
	const columns = [
		'Endpoint',
		'Connections',
		'Requests/s',
		'× n8n Webhook node (immediately)',
		'Latency p50 ms',
		'Latency p99 ms',
		'Unexpected answers',
	];
	const rate = (index: number, connections = CONNECTIONS) =>
		rows.find((row) => row.target === targets[index] && row.connections === connections)!.load
			.requestsPerSecond;
	saveResult({
		name: 'webhooks',
		title: 'Media Gateway Trigger: requests per second against n8n’s Webhook node',
		order: 40,
		method: [
			`n8n ${bench.n8nVersion} (default settings, SQLite); autocannon in a second process on 127.0.0.1, ${CONNECTIONS} connections for ${SECONDS} s unless stated, median of ${REPEAT} runs; n8n's CPU is let go quiet between runs so queued executions do not bleed into the next figure.`,
			'Requests: POST wechat/exit with valid headers and body (`{}`); each workflow is the trigger alone (respond immediately) or the trigger and one No Operation node whose output is the answer. Successful executions are not saved.',
			'Baseline: n8n’s own Webhook node on the same path and body, responding immediately. Unexpected answers counts anything but the expected status (200, or 404 for the unknown path).',
		],
		tables: [
			{
				caption: `${CONNECTIONS} connections`,
				columns,
				rows: table(rows.filter((row) => row.connections === CONNECTIONS)),
			},
			{
				caption: 'Cost growth: 1 → 10 → 100 connections',
				columns,
				rows: table(
					rows
						.filter((row) => row.target === targets[3] || row.target === targets[4])
						.sort(
							(left, right) =>
								targets.indexOf(left.target) - targets.indexOf(right.target) ||
								left.connections - right.connections,
						),
				),
			},
		],
		findings: [
			`Requests the node answers without an execution cost far more than n8n's routing: refused requests at ${round(rate(1), 0)}/s and monitor/state at ${round(rate(2), 0)}/s, against ${round(rate(0), 0)}/s for n8n's own 404 (${round(rate(0) / rate(1), 0)}×). n8n ${bench.n8nVersion} takes an expression isolate for every request to a webhook node and skips that only for its own Webhook node (live-webhooks.js, webhookPhaseNeedsIsolate), so a community trigger pays it even when it answers at once.`,
			`Requests that start executions: ${round(rate(3), 0)}/s for the Media Gateway Trigger against ${round(rate(4), 0)}/s for n8n's Webhook node (immediately, ${round(rate(3) / rate(4), 2)}×), ${round(rate(5), 0)}/s against ${round(rate(6), 0)}/s after a one-node workflow (${round(rate(5) / rate(6), 2)}×): the same isolate cost, once for the webhook phase and again for the execution, where n8n's own node skips the first.`,
		],
	});
}
