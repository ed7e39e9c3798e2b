import { request } from 'undici';

import { HstPath, type AccessTokenResult, type HstEnvelope } from '../../nodes/shared/hst/api';
import { accessTokenAuthorization } from '../../nodes/shared/hst/fspToken';
import { mapInOrder } from '../../nodes/shared/execution/mapInOrder';
import { YoumeCommand } from '../../nodes/shared/youme/protocol';
import { signedYoumeQuery } from '../../nodes/shared/youme/signature';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { SANDBOX_YOUME_APP } from '../../sandbox/youme/seed';
import { callWebhook } from '../../test/e2e/harness/context';
import type { Workflow } from '../../test/e2e/harness/n8nApi';
import type { BenchN8n } from './benchN8n';
import { withCpuProfile, type CpuProfile } from './cpuProfile';
import {
	HST_APP,
	MEASURED,
	YOUME_ROOM_QUERY,
	itemsWorkflow,
	packageNode,
	type Vendor,
} from './actionWorkflows';

const demo = SANDBOX_DEVELOPERS.demo;

/** Whether a node's output kept input order and pairing: checked on every run inside n8n. */
export interface OrderCheck {
	kept: boolean;
	/** Why not, when not. */
	problem?: string;
}

export interface RunInN8n {
	/** Execution time n8n recorded for the measured nodes. */
	ms: number;
	/** When the first measured node started and the last one ended (ms since the epoch). */
	fromMs: number;
	toMs: number;
	order: OrderCheck;
}

interface NodeRun {
	startTime: number;
	executionTime: number;
	data?: { main: Array<Array<{ pairedItem?: { item: number } | Array<{ item: number }> }>> };
}

/**
 * Every input item must have output, in input order: paired item indexes never go back, every input
 * index appears, and each input gave as many items as the first one (all items ask the same question).
 */
export function checkOrderAndPairing(run: NodeRun, inputs: number): OrderCheck {
	const output = run.data?.main[0] ?? [];
	const perInput = new Array<number>(inputs).fill(0);
	let previous = -1;
	for (const [position, item] of output.entries()) {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const index = paired?.item;
		if (index === undefined || index < 0 || index >= inputs)
			return { kept: false, problem: `output item ${position} is paired to ${String(index)}` };
		if (index < previous)
			return {
				kept: false,
				problem: `output item ${position} (input ${index}) after input ${previous}`,
			};
		previous = index;
		perInput[index]++;
	}
	const missing = perInput.findIndex((count) => count === 0);
	if (missing >= 0) return { kept: false, problem: `input ${missing} has no output` };
	const uneven = perInput.findIndex((count) => count !== perInput[0]);
	if (uneven >= 0)
		return {
			kept: false,
			problem: `input ${uneven} gave ${perInput[uneven]} items, input 0 gave ${perInput[0]}`,
		};
	return { kept: true };
}

/** Runs a workflow once by hand and reads what n8n recorded for the measured nodes. */
export async function runInN8n(
	bench: BenchN8n,
	workflow: Workflow,
	measured: string[],
	inputs: number,
): Promise<RunInN8n> {
	const api = bench.n8n.api;
	const workflowId = await api.createWorkflow(workflow);
	try {
		const execution = await api.finishedExecution(
			await api.runManually(workflowId, 'Start'),
			600_000,
		);
		if (execution.data?.resultData.error || execution.status !== 'success')
			throw new Error(
				`${workflow.name} failed: ${execution.data?.resultData.error?.message ?? execution.status}`,
			);
		const runData = execution.data?.resultData.runData ?? {};
		const runs = measured.map((name) => runData[name]?.[0] as unknown as NodeRun);
		const last = runs[runs.length - 1];
		return {
			ms: runs.reduce((sum, run) => sum + Number(run.executionTime), 0),
			fromMs: runs[0].startTime,
			toMs: last.startTime + last.executionTime,
			order: checkOrderAndPairing(runData[MEASURED][0] as unknown as NodeRun, inputs),
		};
	} finally {
		await api.deleteWorkflow(workflowId);
	}
}

export interface ProfiledRun extends RunInN8n {
	profile: CpuProfile;
	wallClockOffsetUs: number;
}

export async function profiledRunInN8n(
	bench: BenchN8n,
	workflow: Workflow,
	measured: string[],
	inputs: number,
): Promise<ProfiledRun> {
	if (bench.inspectorPort === undefined) throw new Error('n8n was started without its inspector');
	const { result, profile, wallClockOffsetUs } = await withCpuProfile(bench.inspectorPort, () =>
		runInN8n(bench, workflow, measured, inputs),
	);
	return { ...result, profile, wallClockOffsetUs };
}

export async function fetchHstToken(bench: BenchN8n): Promise<string> {
	const response = await request(bench.sandbox.urls.hstGateway + HstPath.ACCESS_TOKEN, {
		headers: { authorization: accessTokenAuthorization(demo.developerId, demo.developerSecret) },
	});
	const envelope = (await response.body.json()) as HstEnvelope<AccessTokenResult>;
	return envelope.result?.access_token ?? '';
}

/** The same calls from a bare client in this process: the floor any n8n node sits on. */
export async function timeWithUndici(
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
						query: { app_id: HST_APP, msg_id: 1000 + index, page: 1, page_size: 10 },
						headers: { authorization: token },
					})
				: await request(`${bench.sandbox.urls.youme}/v2/video/${YoumeCommand.ROOM_INFO}`, {
						method: 'POST',
						query: signedYoumeQuery(SANDBOX_YOUME_APP),
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(YOUME_ROOM_QUERY),
					});
		const answer = (await response.body.json()) as { code?: number; ErrorCode?: number };
		if ((answer.code ?? answer.ErrorCode ?? 0) !== 0)
			throw new Error(`${vendor} answered ${JSON.stringify(answer).slice(0, 200)}`);
	});
	return performance.now() - started;
}

export interface TokenStorm {
	expired: boolean;
	items: number;
	fetches: number;
	ms: number;
}

/** 10 executions at once, each with 20 items sent 20 at a time: 200 requests in flight on one token. */
export async function tokenStorm(bench: BenchN8n, expired: boolean): Promise<TokenStorm> {
	const EXECUTIONS = 10;
	const ITEMS = 20;
	const gateway = new HstGatewayControl(bench.sandbox.urls.hstGateway);
	const api = bench.n8n.api;
	const path = `bench-token-${Date.now().toString(36)}`;
	const items = itemsWorkflow('bench token storm', ITEMS, [
		packageNode(bench, 'HST', { concurrency: ITEMS }),
	]);
	const [, ...rest] = items.nodes;
	const workflowId = await api.createWorkflow({
		name: items.name,
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			...rest,
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: MEASURED, type: 'main', index: 0 }]] },
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
