import { request } from 'undici';

import { HstPath, type AccessTokenResult, type HstEnvelope } from '../nodes/shared/hst/api';
import { accessTokenAuthorization } from '../nodes/shared/hst/fspToken';
import { YoumeCommand } from '../nodes/shared/youme/protocol';
import { signedYoumeQuery } from '../nodes/shared/youme/signature';
import { mapInOrder } from '../nodes/shared/execution/mapInOrder';
import { HstGatewayControl } from '../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../sandbox/hst/seed';
import { SANDBOX_YOUME_APP } from '../sandbox/youme/seed';
import { callWebhook } from '../test/e2e/harness/context';
import type { Workflow, WorkflowNode } from '../test/e2e/harness/n8nApi';
import { startBenchN8n, type BenchN8n } from './lib/benchN8n';
import { saveResult, type Cell } from './lib/report';
import { median, repeat, round } from './lib/stats';

/**
 * Issue 8: what one REST call costs through this package's action nodes inside n8n, against the same calls
 * from a bare undici client and through what users would build otherwise (n8n's HTTP Request node, plus a
 * Code node signing Youme requests). Then the token under load: many items at once on an expired token.
 */

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const GROWTH = [CALLS / 100, CALLS / 10, CALLS].map((count) => Math.max(1, Math.round(count)));
const CONCURRENT = 10;
const APP = SANDBOX_APPS.classroom.appId;
const ROOM = 'room-beta';
/** One day of the seeded data, as users ask for room info. */
const DAY = { begin: '2019-12-10T00:00:00+08:00', end: '2019-12-10T23:59:59+08:00' };
const ROOM_QUERY = {
	RoomId: ROOM,
	BeginTime: String(Date.parse(DAY.begin) / 1000),
	EndTime: String(Date.parse(DAY.end) / 1000),
};
const demo = SANDBOX_DEVELOPERS.demo;

type Path = 'package node' | 'HTTP Request node' | 'undici';
type Vendor = 'HST' | 'Youme';

interface Sample {
	vendor: Vendor;
	path: Path;
	calls: number;
	concurrency: number;
	/** Median over the repetitions, of the time spent in the nodes that make the calls. */
	ms: number;
}

const at = (x: number): [number, number] => [x * 220, 0];

/** Manual Trigger → a Code node making `calls` items → the nodes under measurement. */
function itemsWorkflow(name: string, calls: number, measured: WorkflowNode[]): Workflow {
	const nodes: WorkflowNode[] = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: at(0),
			parameters: {},
		},
		{
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: at(1),
			parameters: {
				jsCode: `return Array.from({ length: ${calls} }, (_, index) => ({ json: { index } }));`,
			},
		},
		...measured.map((node, index) => ({ ...node, position: at(index + 2) })),
	];
	const chain = nodes.map((node) => node.name);
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((from, index) => [
				from,
				{ main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return { name, nodes, connections };
}

function packageNode(bench: BenchN8n, vendor: Vendor, concurrency: number): WorkflowNode {
	const requestOptions = { concurrency };
	return vendor === 'HST'
		? {
				name: 'Measured',
				type: 'n8n-nodes-rtc-paas.hst',
				typeVersion: 1,
				position: at(0),
				parameters: {
					resource: 'onlineUser',
					operation: 'getMany',
					appId: APP,
					limit: 10,
					requestOptions,
				},
				credentials: { hstApi: bench.credentials.hstApi },
			}
		: {
				name: 'Measured',
				type: 'n8n-nodes-rtc-paas.youme',
				typeVersion: 1,
				position: at(0),
				parameters: {
					resource: 'room',
					operation: 'get',
					roomId: ROOM,
					options: { beginTime: DAY.begin, endTime: DAY.end },
					requestOptions,
				},
				credentials: { youmeApi: bench.credentials.youmeApi },
			};
}

/** What a user would build without this package: the token pasted in, or a Code node signing each item. */
function httpRequestNodes(bench: BenchN8n, vendor: Vendor, token: string): WorkflowNode[] {
	if (vendor === 'HST') {
		return [
			{
				name: 'Measured',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: at(0),
				parameters: {
					url: bench.sandbox.urls.hstGateway + HstPath.ONLINE_USER_STATE,
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'app_id', value: APP },
							{ name: 'msg_id', value: '={{ 1000 + $json.index }}' },
							{ name: 'page', value: '1' },
							{ name: 'page_size', value: '10' },
						],
					},
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: token }] },
					options: {},
				},
			},
		];
	}
	const { appKey, appSecret, restApiKey, identifier } = SANDBOX_YOUME_APP;
	return [
		{
			name: 'Sign',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: at(0),
			parameters: {
				jsCode: [
					"const crypto = require('crypto');",
					'return $input.all().map((item, index) => {',
					'  const curtime = String(Math.floor(Date.now() / 1000));',
					`  const checksum = crypto.createHash('sha1').update('${appSecret}${restApiKey}' + curtime).digest('hex');`,
					"  return { json: { curtime, checksum, seq: Date.now().toString(36) + '-' + index } };",
					'});',
				].join('\n'),
			},
		},
		{
			name: 'Measured',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: at(1),
			parameters: {
				method: 'POST',
				url: `${bench.sandbox.urls.youme}/v2/video/${YoumeCommand.ROOM_INFO}`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'appkey', value: appKey },
						{ name: 'identifier', value: identifier },
						{ name: 'curtime', value: '={{ $json.curtime }}' },
						{ name: 'checksum', value: '={{ $json.checksum }}' },
						{ name: 'seq', value: '={{ $json.seq }}' },
					],
				},
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify(ROOM_QUERY),
				options: {},
			},
		},
	];
}

/** Time n8n recorded in the measured nodes (not the trigger or the item maker). */
async function timeInN8n(bench: BenchN8n, workflow: Workflow, measured: string[]): Promise<number> {
	const api = bench.n8n.api;
	const workflowId = await api.createWorkflow(workflow);
	try {
		const execution = await api.finishedExecution(
			await api.runManually(workflowId, 'Start'),
			300_000,
		);
		const runData = execution.data?.resultData.runData ?? {};
		if (execution.data?.resultData.error || execution.status !== 'success')
			throw new Error(
				`${workflow.name} failed: ${execution.data?.resultData.error?.message ?? execution.status}`,
			);
		return measured.reduce(
			(sum, name) =>
				sum + Number((runData[name]?.[0] as { executionTime?: number })?.executionTime ?? NaN),
			0,
		);
	} finally {
		await api.deleteWorkflow(workflowId);
	}
}

async function fetchToken(bench: BenchN8n): Promise<string> {
	const response = await request(bench.sandbox.urls.hstGateway + HstPath.ACCESS_TOKEN, {
		headers: { authorization: accessTokenAuthorization(demo.developerId, demo.developerSecret) },
	});
	const envelope = (await response.body.json()) as HstEnvelope<AccessTokenResult>;
	return envelope.result?.access_token ?? '';
}

/** The same calls from a bare client: the floor any n8n node sits on. */
async function timeWithUndici(
	bench: BenchN8n,
	vendor: Vendor,
	calls: number,
	concurrency: number,
	token: string,
): Promise<number> {
	const started = performance.now();
	await mapInOrder(calls, concurrency, async (index) => {
		const response =
			vendor === 'HST'
				? await request(bench.sandbox.urls.hstGateway + HstPath.ONLINE_USER_STATE, {
						query: { app_id: APP, msg_id: 1000 + index, page: 1, page_size: 10 },
						headers: { authorization: token },
					})
				: await request(`${bench.sandbox.urls.youme}/v2/video/${YoumeCommand.ROOM_INFO}`, {
						method: 'POST',
						query: signedYoumeQuery(SANDBOX_YOUME_APP),
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(ROOM_QUERY),
					});
		const answer = (await response.body.json()) as { code?: number; ErrorCode?: number };
		if ((answer.code ?? answer.ErrorCode ?? 0) !== 0)
			throw new Error(`${vendor} answered ${JSON.stringify(answer).slice(0, 200)}`);
	});
	return performance.now() - started;
}

async function sample(
	vendor: Vendor,
	path: Path,
	calls: number,
	concurrency: number,
	measure: () => Promise<number>,
): Promise<Sample> {
	const times = await repeat(REPEAT, measure);
	const result = { vendor, path, calls, concurrency, ms: median(times) };
	process.stderr.write(`[bench actions] ${JSON.stringify({ ...result, times })}\n`);
	return result;
}

/**
 * HST allows one valid token per account: the bench's own token (bare client, HTTP Request node) and the
 * node's stored one replace each other. So every baseline runs first on the bench's token, then one
 * warm-up run lets the node refresh its token once, outside what is measured.
 */
async function measureCalls(bench: BenchN8n, token: string): Promise<Sample[]> {
	const samples: Sample[] = [];
	const vendors = ['HST', 'Youme'] as const;
	for (const vendor of vendors) {
		for (const calls of GROWTH)
			samples.push(
				await sample(vendor, 'undici', calls, 1, () =>
					timeWithUndici(bench, vendor, calls, 1, token),
				),
			);
		samples.push(
			await sample(vendor, 'undici', CALLS, CONCURRENT, () =>
				timeWithUndici(bench, vendor, CALLS, CONCURRENT, token),
			),
			await sample(vendor, 'HTTP Request node', CALLS, 1, () =>
				timeInN8n(
					bench,
					itemsWorkflow(`bench ${vendor} http`, CALLS, httpRequestNodes(bench, vendor, token)),
					vendor === 'HST' ? ['Measured'] : ['Sign', 'Measured'],
				),
			),
		);
	}
	for (const vendor of vendors) {
		const nodeRun = (calls: number, concurrency: number) => () =>
			timeInN8n(
				bench,
				itemsWorkflow(`bench ${vendor} node`, calls, [packageNode(bench, vendor, concurrency)]),
				['Measured'],
			);
		await nodeRun(1, 1)(); // warm-up: the node's token refresh happens here
		for (const calls of GROWTH)
			samples.push(await sample(vendor, 'package node', calls, 1, nodeRun(calls, 1)));
		samples.push(
			await sample(vendor, 'package node', CALLS, CONCURRENT, nodeRun(CALLS, CONCURRENT)),
		);
	}
	return samples;
}

interface TokenStorm {
	expired: boolean;
	items: number;
	fetches: number;
	ms: number;
}

/** 10 executions at once, each with 20 items sent 20 at a time: 200 requests in flight on one token. */
async function tokenStorm(bench: BenchN8n, expired: boolean): Promise<TokenStorm> {
	const EXECUTIONS = 10;
	const ITEMS = 20;
	const gateway = new HstGatewayControl(bench.sandbox.urls.hstGateway);
	const api = bench.n8n.api;
	const path = `bench-token-${Date.now().toString(36)}`;
	const workflowId = await api.createWorkflow({
		name: 'bench token storm',
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: at(0),
				webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: at(1),
				parameters: {
					jsCode: `return Array.from({ length: ${ITEMS} }, (_, index) => ({ json: { index } }));`,
				},
			},
			{ ...packageNode(bench, 'HST', ITEMS), position: at(2) },
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Measured', type: 'main', index: 0 }]] },
		},
	});
	await api.activate(workflowId);
	const call = async () => {
		const response = await callWebhook(path, {}, { n8nUrl: bench.n8n.url });
		if (response.status !== 200)
			throw new Error(`token storm: ${response.status} ${response.text}`);
	};
	await call(); // the webhook is registered and a token is stored
	if (expired) await gateway.expireTokens(demo.developerId);
	const before = await gateway.tokensIssued(demo.developerId);
	const started = performance.now();
	await Promise.all(Array.from({ length: EXECUTIONS }, call));
	const ms = performance.now() - started;
	const fetches = (await gateway.tokensIssued(demo.developerId)) - before;
	await api.deactivate(workflowId);
	return { expired, items: EXECUTIONS * ITEMS, fetches, ms };
}

export async function run(): Promise<void> {
	const bench = await startBenchN8n({ NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' });
	let samples: Sample[];
	const storms: TokenStorm[] = [];
	try {
		const token = await fetchToken(bench);
		samples = await measureCalls(bench, token);
		for (let round = 0; round < REPEAT; round++) {
			storms.push(await tokenStorm(bench, false), await tokenStorm(bench, true));
		}
	} finally {
		await bench.stop();
	}

	const find = (vendor: Vendor, path: Path, calls: number, concurrency = 1) =>
		samples.find(
			(entry) =>
				entry.vendor === vendor &&
				entry.path === path &&
				entry.calls === calls &&
				entry.concurrency === concurrency,
		)!;
	const perCall = (entry: Sample) => entry.ms / entry.calls;
	const comparisonRows: Cell[][] = (['HST', 'Youme'] as const).flatMap((vendor) => {
		const floor = perCall(find(vendor, 'undici', CALLS));
		return [
			find(vendor, 'undici', CALLS),
			find(vendor, 'package node', CALLS),
			find(vendor, 'HTTP Request node', CALLS),
			find(vendor, 'undici', CALLS, CONCURRENT),
			find(vendor, 'package node', CALLS, CONCURRENT),
		].map((entry) => [
			vendor,
			entry.path === 'HTTP Request node' && vendor === 'Youme'
				? 'HTTP Request node + Code node signing'
				: entry.path,
			entry.concurrency,
			round(entry.ms, 0),
			round(perCall(entry), 3),
			round(perCall(entry) / floor, 2),
		]);
	});
	const growthRows: Cell[][] = (['HST', 'Youme'] as const).flatMap((vendor) =>
		GROWTH.map((calls) => {
			const node = find(vendor, 'package node', calls);
			const raw = find(vendor, 'undici', calls);
			return [
				vendor,
				calls,
				round(perCall(node), 3),
				round(perCall(raw), 3),
				round(perCall(node) / perCall(raw), 2),
			];
		}),
	);
	const stormMedian = (expired: boolean) => {
		const chosen = storms.filter((storm) => storm.expired === expired);
		return {
			fetches: chosen.map((storm) => storm.fetches),
			ms: median(chosen.map((storm) => storm.ms)),
		};
	};
	const valid = stormMedian(false);
	const expired = stormMedian(true);
	const hstNode =
		perCall(find('HST', 'package node', CALLS)) / perCall(find('HST', 'undici', CALLS));
	const hstHttp =
		perCall(find('HST', 'HTTP Request node', CALLS)) / perCall(find('HST', 'undici', CALLS));
	const youmeNode =
		perCall(find('Youme', 'package node', CALLS)) / perCall(find('Youme', 'undici', CALLS));
	const youmeHttp =
		perCall(find('Youme', 'HTTP Request node', CALLS)) / perCall(find('Youme', 'undici', CALLS));
	const speedup = (vendor: Vendor) =>
		find(vendor, 'package node', CALLS).ms / find(vendor, 'package node', CALLS, CONCURRENT).ms;
	saveResult({
		name: 'action-nodes',
		title: 'Action nodes: cost per call, against a bare client and the HTTP Request node',
		order: 10,
		method: [
			`n8n ${bench.n8nVersion} with this package installed as a community package; the HST and Youme emulators in the benchmark process. Median of ${REPEAT} repetitions each.`,
			`Inside n8n: Manual Trigger → Code node making N items → the measured node(s); the figure is the execution time n8n recorded for the measured nodes only. HST: Online Users → Get Many (Limit 10, one page) per item; Youme: Room → Get (one day) per item.`,
			'Bare client: the same requests from undici in the benchmark process (Youme signed per request, HST with a token fetched once).',
			'What users would build otherwise: n8n’s HTTP Request node with the HST token pasted into a header (no refresh), and for Youme a Code node computing curtime, checksum and seq per item before the HTTP Request node (both nodes counted).',
			`Concurrent: the package node’s Request Options → Concurrent Requests = ${CONCURRENT} (output order and pairing unchanged) against undici with ${CONCURRENT} requests in flight.`,
			'Token storm: 10 executions started at once through a webhook, each with 20 items sent 20 at a time (200 requests in flight), once with a valid stored token and once right after the emulator expired it.',
		],
		tables: [
			{
				caption: `${CALLS} calls`,
				columns: ['Vendor', 'Path', 'In flight', 'Total ms', 'ms per call', '× bare client'],
				rows: comparisonRows,
			},
			{
				caption: 'Cost growth: per-call cost as the number of items grows 1 → 10 → 100 times',
				columns: ['Vendor', 'Items', 'Node ms per call', 'Bare client ms per call', 'Ratio'],
				rows: growthRows,
			},
			{
				caption: 'Token under load: 200 items in flight',
				columns: ['Stored token', 'Token fetches per run', 'Median ms', '× valid token'],
				rows: [
					['valid', valid.fetches.join(', '), round(valid.ms, 0), 1],
					[
						'expired',
						expired.fetches.join(', '),
						round(expired.ms, 0),
						round(expired.ms / valid.ms, 2),
					],
				],
			},
		],
		findings: [
			`Per call, the HST node costs ${round(hstNode, 1)}× a bare client and the HTTP Request node ${round(hstHttp, 1)}×; for Youme ${round(youmeNode, 1)}× against ${round(youmeHttp, 1)}× for HTTP Request + Code signing. Most of the gap to the bare client is n8n’s own cost per request and per item, which every n8n node pays.`,
			`The package nodes cost ${round(hstNode / hstHttp, 2)}× (HST) and ${round(youmeNode / youmeHttp, 2)}× (Youme) the HTTP Request path per call, for more work: they return one item per record (10 online users per HST call, one per participant for Youme) with named fields and ISO times where the HTTP Request node returns one raw answer per call, they refresh the HST token and re-sign Youme retries, and they read the credential twice per call (once for the URL, once in n8n’s authentication).`,
			`Concurrent Requests = ${CONCURRENT} makes ${CALLS} items ${round(speedup('HST'), 1)}× faster for HST and ${round(speedup('Youme'), 1)}× for Youme, with output order and pairing unchanged.`,
			`An expired token under 200 requests in flight costs ${expired.fetches.join(', ')} token fetch(es) per run (target 1) and ${round(expired.ms / valid.ms, 2)}× the time of a valid token (+${round(expired.ms - valid.ms, 0)} ms: the requests wait for one fetch and are sent again; a single n8n process adds no fixed wait before fetching: README, Queue mode).`,
		],
	});
}
