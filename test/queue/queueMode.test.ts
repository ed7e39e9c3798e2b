import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';

import { mapInOrder } from '../../nodes/shared/execution/mapInOrder';
import { EgwEvent } from '../../nodes/shared/hst/egw';
import { MediaGatewayEndpoint, MediaGatewayResult } from '../../nodes/shared/mediaGateway/protocol';
import { EPHEMERAL_SANDBOX_PORTS, startSandbox, type Sandbox } from '../../sandbox';
import { EgwControl } from '../../sandbox/hst/egwControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import { Collector } from '../support/collector';
import { until } from '../support/waiting';
import type { N8nApi, Workflow } from '../e2e/harness/n8nApi';
import { startN8n } from '../e2e/harness/n8nInstance';
import { N8N_PRIMARY, ensureN8nRuntime } from '../e2e/harness/n8nRuntime';
import { buildAndPack } from '../e2e/harness/packPackage';
import {
	createCredentials,
	sandboxCredentials,
	type CredentialRefs,
} from '../../scripts/mainJob/credentials';
import { uniquePath, webhookWorkflow } from '../e2e/harness/context';
import { startQueueCluster, type QueueCluster } from './harness/queueCluster';

/**
 * The package in n8n's queue mode: main + 2 workers + 1 webhook process on PostgreSQL and Redis.
 * Figures are printed and kept in .test-artifacts/queue-mode.json for the closing note and README.
 */
jest.setTimeout(1_200_000);

const DEMO = SANDBOX_DEVELOPERS.demo.developerId;
const MEETING = SANDBOX_APPS.meeting.appId;
const ARTIFACTS =
	process.env.RTC_PAAS_TEST_ARTIFACTS ?? path.join(process.cwd(), '.test-artifacts');
const figures: Record<string, unknown> = {};
const progress = (step: string) =>
	process.stderr.write(`[queue] ${new Date().toISOString().slice(11, 19)} ${step}\n`);

let sandbox: Sandbox;
let cluster: QueueCluster;
let credentials: Required<CredentialRefs>;
let tarball: string;

beforeAll(async () => {
	const [runtime, packed] = await Promise.all([
		ensureN8nRuntime(N8N_PRIMARY),
		Promise.resolve().then(buildAndPack),
	]);
	tarball = packed;
	sandbox = await startSandbox(EPHEMERAL_SANDBOX_PORTS);
	const started = Date.now();
	cluster = await startQueueCluster({
		runtime,
		tarball,
		baseDir: path.join(ARTIFACTS, `queue-${Date.now().toString(36)}`),
		workers: 2,
	});
	progress('cluster ready');
	figures.clusterStartSeconds = Math.round((Date.now() - started) / 1000);
	credentials = (await createCredentials(
		cluster.main.api,
		sandboxCredentials(sandbox.urls),
	)) as Required<CredentialRefs>;
});

afterAll(async () => {
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(path.join(ARTIFACTS, 'queue-mode.json'), JSON.stringify(figures, null, 2));
	process.stdout.write(`queue mode figures: ${JSON.stringify(figures, null, 2)}\n`);
	await cluster?.stop();
	await sandbox?.close();
});

/** How often each process's log holds `pattern`, by role and folder. */
function countInLogs(pattern: RegExp): Record<string, number> {
	return Object.fromEntries(
		cluster
			.processes()
			.map((process) => [
				path.basename(process.userFolder),
				(readFileSync(process.logFile, 'utf8').match(new RegExp(pattern, 'g')) ?? []).length,
			]),
	);
}

/**
 * n8n 2.41.1's webhook process, in queue mode, now and then never answers a request whose execution
 * succeeded on a worker: it waits on Bull's `job.finished()`, which can miss a job that finishes
 * before it listens. Such a request is counted as lost (status 0) instead of being awaited forever.
 */
async function postUnlessLost(url: string, headers: Record<string, string>, body: string) {
	try {
		const response = await request(url, { method: 'POST', headers, body, headersTimeout: 15_000 });
		const text = await response.body.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.statusCode, json };
	} catch (error) {
		if ((error as { code?: string }).code === 'UND_ERR_HEADERS_TIMEOUT')
			return { status: 0, json: undefined };
		throw error;
	}
}

/** Lost answers allowed per run: n8n's, above; a lost answer's execution must still have succeeded. */
const maxLost = (requests: number) => Math.ceil(requests / 100);

async function deploy(workflow: Workflow, api: N8nApi = cluster.main.api): Promise<string> {
	const id = await api.createWorkflow(workflow);
	await api.activate(id);
	return id;
}

describe('action nodes on queue-mode workers', () => {
	it('run many executions at once across both workers while the HST token expires and is replaced, with one fetch per expiry', async () => {
		const hstPath = uniquePath('queue-hst');
		const youmePath = uniquePath('queue-youme');
		const hstWorkflow = await deploy(
			webhookWorkflow('queue HST', hstPath, {
				type: 'n8n-nodes-rtc-paas.hst',
				typeVersion: 1,
				parameters: {
					resource: 'onlineUser',
					operation: 'getMany',
					appId: MEETING,
					returnAll: true,
				},
				credentials: { hstApi: credentials.hstApi },
			}),
		);
		const youmeWorkflow = await deploy(
			webhookWorkflow('queue Youme', youmePath, {
				type: 'n8n-nodes-rtc-paas.youme',
				typeVersion: 1,
				parameters: {
					resource: 'callRecord',
					operation: 'getMany',
					beginTime: '2019-12-10T00:00:00+08:00',
					endTime: '2019-12-10T23:59:59+08:00',
				},
				credentials: { youmeApi: credentials.youmeApi },
			}),
		);
		// Warm: the first token, and both webhooks registered on the webhook process.
		for (const webhookPath of [hstPath, youmePath]) {
			await until(async () => {
				const answer = await postUnlessLost(
					`${cluster.webhook.url}/webhook/${webhookPath}`,
					{ 'content-type': 'application/json' },
					'{}',
				);
				return answer.status === 200 ? true : undefined;
			}, `${webhookPath} to be served`);
		}
		const executionsOf = async () => [
			...(await cluster.main.api.executions(hstWorkflow)),
			...(await cluster.main.api.executions(youmeWorkflow)),
		];
		const executionsBefore = (await executionsOf()).length;
		const tokens = sandbox.hst.tokens;
		const fetchedBefore = tokens.issued(DEMO);
		const startedBefore = countInLogs(/Worker started execution/);

		// 400 executions, 20 at a time; every 50 calls the token ends: alternately expired by the
		// gateway and replaced by "another system" (which itself takes one token: not ours to count).
		const CALLS = 400;
		let expiries = 0;
		let rotations = 0;
		progress(`${CALLS} action executions`);
		const began = Date.now();
		const answers = await mapInOrder(CALLS, 20, async (index) => {
			if (index > 0 && index % 50 === 0) {
				expiries += 1;
				if (expiries % 2 === 1) tokens.expire(DEMO);
				else {
					tokens.rotate(DEMO);
					rotations += 1;
				}
			}
			const hst = index % 2 === 0;
			const answer = await postUnlessLost(
				`${cluster.webhook.url}/webhook/${hst ? hstPath : youmePath}`,
				{ 'content-type': 'application/json' },
				'{}',
			);
			return {
				hst,
				status: answer.status,
				items: Array.isArray(answer.json) ? answer.json.length : 0,
			};
		});
		const seconds = (Date.now() - began) / 1000;
		const lost = answers.filter((answer) => answer.status === 0).length;
		const fetchedByNodes = tokens.issued(DEMO) - fetchedBefore - rotations;
		const started = countInLogs(/Worker started execution/);
		const perProcess = Object.fromEntries(
			Object.entries(started).map(([name, count]) => [name, count - (startedBefore[name] ?? 0)]),
		);
		figures.actions = {
			executions: CALLS,
			seconds,
			executionsPerSecond: Math.round((CALLS / seconds) * 10) / 10,
			executionsPerProcess: perProcess,
			tokenEnds: expiries,
			tokenFetchesByNodes: fetchedByNodes,
			refreshLogLinesPerProcess: countInLogs(/HST access token refreshed/),
			answersLostByN8n: lost,
		};

		const executions = await executionsOf();
		expect(executions.length - executionsBefore).toBe(CALLS);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		expect(
			answers.filter(
				(answer) => answer.status !== 0 && (answer.status !== 200 || answer.items === 0),
			),
		).toEqual([]);
		expect(lost).toBeLessThanOrEqual(maxLost(CALLS));
		expect(expiries).toBe(7);
		expect(fetchedByNodes).toBeLessThanOrEqual(expiries);
		expect(fetchedByNodes).toBeGreaterThan(0);
		for (const worker of cluster.workers) {
			expect(perProcess[path.basename(worker.userFolder)]).toBeGreaterThan(CALLS / 10);
		}
		expect(perProcess[path.basename(cluster.main.userFolder)] ?? 0).toBe(0);
	});
});

describe('HST Event Trigger in queue mode', () => {
	const TRIGGER = 'HST Event Trigger';
	const egw = () => new EgwControl(sandbox.urls.egw);
	let workflowId: string;

	let processed: Collector<{ version: number; userId: string; recovered: boolean }>;
	beforeAll(async () => {
		processed = await Collector.start();
	});
	afterAll(async () => await processed.close());

	const joins = (prefix: string, count: number) =>
		Array.from({ length: count }, (_, index) => ({
			appId: MEETING,
			id: EgwEvent.USER_JOINED,
			groupId: 'queue-room',
			userId: `${prefix}-${index}`,
		}));

	/**
	 * Events that executions processed, one entry per execution, as the workflow's second node (run on a
	 * worker) posts them: what the workers did, not what main's execution list shows at that moment (main's
	 * view of a queued execution can lag behind the worker's in n8n 2.41.1).
	 */
	const executed = () => processed.deliveries.map((delivery) => delivery.body);

	async function untilExecuted(count: number) {
		return await until(
			() => (executed().length >= count ? executed() : undefined),
			`${count} executions`,
			90_000,
		);
	}

	const sessionsOfMeeting = async () =>
		(await egw().sessions()).filter((session) => session.apps.includes(MEETING));
	const untilSubscribed = async (what: string) =>
		await until(async () => ((await sessionsOfMeeting()).length > 0 ? true : undefined), what);

	it('runs on the main only: one execution per event before and after a restart of main, and what changed while it was down recovered', async () => {
		await egw().reset();
		workflowId = await deploy({
			name: 'queue HST Event Trigger',
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-rtc-paas.hstEventTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { apps: { app: [{ appId: MEETING, groupIds: '' }] }, options: {} },
					credentials: { hstApi: credentials.hstApi },
				},
				{
					name: 'Processed',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [240, 0],
					parameters: {
						method: 'POST',
						url: processed.url,
						sendBody: true,
						specifyBody: 'json',
						jsonBody:
							'={{ JSON.stringify({ version: $json.version, userId: $json.userId, recovered: $json.recovered }) }}',
						options: {},
					},
				},
			],
			connections: { [TRIGGER]: { main: [[{ node: 'Processed', type: 'main', index: 0 }]] } },
		});
		await untilSubscribed('a subscription');

		progress('trigger subscribed');
		const before = await egw().push(...joins('before', 25));
		await untilExecuted(25);
		progress('restarting main');
		await cluster.stopMain();
		progress('main stopped');
		const during = await egw().push(...joins('during', 10));
		await cluster.startMain();
		progress('main started');
		await untilSubscribed('the subscription after the restart');
		const after = await egw().push(...joins('after', 25));
		await untilExecuted(60);
		// Nothing more arrives late (a second subscriber would double them).
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const settled = executed();

		const live = [...before, ...after].map((frame) => frame.version).sort((a, b) => a - b);
		figures.trigger = {
			eventsIn: live.length + during.length,
			changedWhileMainWasDown: during.length,
			recovered: settled.filter((event) => event.recovered).length,
			executionsOut: settled.length,
			subscriptionsAfterRestart: (await sessionsOfMeeting()).length,
		};
		expect(
			settled
				.filter((event) => !event.recovered)
				.map((event) => event.version)
				.sort((a, b) => a - b),
		).toEqual(live);
		expect(
			settled
				.filter((event) => event.recovered)
				.map((event) => event.userId)
				.sort(),
		).toEqual(during.map((frame) => frame.user_id).sort());
		expect(settled).toHaveLength(60);
		expect((await sessionsOfMeeting()).length).toBe(1);
		await cluster.main.api.deactivate(workflowId);
	});
});

describe('Media Gateway Trigger on the webhook process', () => {
	const TRIGGER = 'Media Gateway Trigger';

	/**
	 * Trigger → an answer computed by a node on a worker (Client Answer, from the request).
	 * `responseNode` (Client Answer → Send) is what queue mode needs: the worker sends the answer as soon as
	 * the node runs. With `lastNode` the webhook process waits for the queued job to finish and, in n8n
	 * 2.41.1, misses jobs that finish before it starts waiting (measured below as answers lost).
	 */
	function gatewayWorkflow(
		gatewayPath: string,
		respond: 'responseNode' | 'lastNode' = 'responseNode',
	): Workflow {
		return {
			name: `queue media gateway ${gatewayPath}`,
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
					typeVersion: 1.1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: {
						path: gatewayPath,
						endpoints: [MediaGatewayEndpoint.WECHAT_EXCHANGE],
						respond,
						options: { allowedAppKeys: SANDBOX_MEDIA_GATEWAY.appKey },
					},
				},
				{
					name: 'Client Answer',
					type: 'n8n-nodes-rtc-paas.mediaGateway',
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						resource: 'clientAnswer',
						operation: respond === 'responseNode' ? 'send' : 'build',
						answer: '={{ { sdp: { type: "answer", sdp: "v=0 " + $json.roomId } } }}',
						options: {},
					},
				},
			],
			connections: { [TRIGGER]: { main: [[{ node: 'Client Answer', type: 'main', index: 0 }]] } },
		};
	}

	const headers = (roomId: string, appKey: string) => ({
		'content-type': 'application/json',
		'App-Key': appKey,
		RoomId: roomId,
		Token: SANDBOX_MEDIA_GATEWAY.token,
		ClientType: SANDBOX_MEDIA_GATEWAY.clientType,
		ClientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
		UserId: 'user-1',
	});

	async function exchange(
		baseUrl: string,
		gatewayPath: string,
		roomId: string,
		appKey: string = SANDBOX_MEDIA_GATEWAY.appKey,
	) {
		const answer = await postUnlessLost(
			`${baseUrl}/webhook/${gatewayPath}/${MediaGatewayEndpoint.WECHAT_EXCHANGE}`,
			headers(roomId, appKey),
			'{}',
		);
		return { status: answer.status, json: (answer.json ?? {}) as Record<string, unknown> };
	}

	/** `count` valid exchanges from 10 clients: requests per second, and answers n8n never sent. */
	async function load(baseUrl: string, gatewayPath: string, count: number) {
		const began = Date.now();
		const answers = await mapInOrder(
			count,
			10,
			async (index) => await exchange(baseUrl, gatewayPath, `rps-${index}`),
		);
		const answered = answers.filter((answer) => answer.status !== 0);
		expect(answered.filter((answer) => answer.json.resultCode !== MediaGatewayResult.OK)).toEqual(
			[],
		);
		const requestsPerSecond = Math.round((count / ((Date.now() - began) / 1000)) * 10) / 10;
		return { requestsPerSecond, answersLost: count - answered.length };
	}

	async function deployGateway(api: N8nApi, baseUrl: string, respond?: 'lastNode') {
		const gatewayPath = uniquePath(`gateway-${respond ?? 'respond-node'}`);
		const workflowId = await deploy(gatewayWorkflow(gatewayPath, respond), api);
		await until(async () => {
			const probe = await exchange(baseUrl, gatewayPath, 'probe');
			return probe.status === 200 ? true : undefined;
		}, 'the trigger to be served');
		return { gatewayPath, workflowId };
	}

	it('answers valid requests with data computed on a worker and refuses invalid ones without an execution, with main stopped', async () => {
		const { gatewayPath, workflowId } = await deployGateway(cluster.main.api, cluster.webhook.url);
		const executionsBefore = (await cluster.main.api.executions(workflowId)).length;

		progress('stopping main for the webhook process alone');
		await cluster.stopMain();
		const valid = await mapInOrder(
			20,
			5,
			async (index) => await exchange(cluster.webhook.url, gatewayPath, `room-${index}`),
		);
		const invalid = await mapInOrder(
			20,
			5,
			async (index) =>
				await exchange(cluster.webhook.url, gatewayPath, `room-${index}`, 'not-our-app-key'),
		);
		await cluster.startMain();

		const answered = valid.flatMap((answer, index) =>
			answer.status === 0 ? [] : [{ index, answer }],
		);
		expect(answered.map(({ answer }) => answer.json)).toEqual(
			answered.map(({ index }) => ({
				resultCode: MediaGatewayResult.OK,
				sdp: { type: 'answer', sdp: `v=0 room-${index}` },
			})),
		);
		expect(answered).toHaveLength(valid.length);
		expect(
			invalid.every(
				(answer) =>
					answer.json.resultCode !== MediaGatewayResult.OK &&
					typeof answer.json.message === 'string',
			),
		).toBe(true);
		const executions = await until(async () => {
			const found = (await cluster.main.api.executions(workflowId)).length - executionsBefore;
			return found >= 20 ? found : undefined;
		}, '20 executions recorded');
		expect(executions).toBe(20);
		figures.mediaGateway = {
			validAnsweredWithMainStopped: answered.length,
			validSentWithMainStopped: valid.length,
			invalidRefusedWithMainStopped: invalid.length,
			executionsForValid: executions,
		};
		const respondNode = await load(cluster.webhook.url, gatewayPath, 200);
		expect(respondNode.answersLost).toBe(0);
		const lastNode = await deployGateway(cluster.main.api, cluster.webhook.url, 'lastNode');
		figures.mediaGatewayWebhookProcess = {
			respondNode,
			lastNode: await load(cluster.webhook.url, lastNode.gatewayPath, 200),
		};
	});

	it('compares with single-process n8n in the same run', async () => {
		// After the cluster: the two would compete for the same two cores.
		await cluster.stop();
		const runtime = await ensureN8nRuntime(N8N_PRIMARY);
		const single = await startN8n({
			runtime,
			packageTarball: tarball,
			userFolder: path.join(ARTIFACTS, `queue-single-${Date.now().toString(36)}`),
			env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', N8N_LOG_LEVEL: 'info' },
		});
		try {
			const respondNode = await deployGateway(single.api, single.url);
			const lastNode = await deployGateway(single.api, single.url, 'lastNode');
			figures.mediaGatewaySingleProcess = {
				respondNode: await load(single.url, respondNode.gatewayPath, 200),
				lastNode: await load(single.url, lastNode.gatewayPath, 200),
			};
		} finally {
			await single.stop();
		}
		expect(figures.mediaGatewaySingleProcess).toBeDefined();
	});
});
