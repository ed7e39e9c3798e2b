import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';

import { mapInOrder } from '../../nodes/shared/execution/mapInOrder';
import { HstPath } from '../../nodes/shared/hst/api';
import { EgwEvent } from '../../nodes/shared/hst/egw';
import { HstStatus } from '../../nodes/shared/hst/statusCodes';
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
import { clusters } from '../support/timeClusters';

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

/**
 * Lost answers allowed per run: n8n's, above (measured: up to 25 of 1,400 fast HST executions, 8 of
 * 200 media gateway requests); a lost answer's execution must still have succeeded, which the tests
 * check separately.
 */
const maxLost = (requests: number) => Math.ceil(requests / 20);

async function deploy(workflow: Workflow, api: N8nApi = cluster.main.api): Promise<string> {
	const id = await api.createWorkflow(workflow);
	await api.activate(id);
	return id;
}

/** Token fetches by the nodes (successful `GET /access/token`), by the time HST answered them. */
const nodeFetchTimes = (since: number) =>
	sandbox.hst.recorder
		.list({ path: HstPath.ACCESS_TOKEN })
		.filter((request) => request.at >= since && request.outcome.code === HstStatus.OK)
		.map((request) => request.at);

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Per process: `now` minus `before`. */
function countsSince(now: Record<string, number>, before: Record<string, number>) {
	return Object.fromEntries(
		Object.entries(now).map(([name, count]) => [name, count - (before[name] ?? 0)]),
	);
}

/** Executions started on each n8n process since `before` (from their logs). */
const executionsSince = (before: Record<string, number>) =>
	countsSince(countInLogs(/Worker started execution/), before);

/** Every worker ran a real share of the load, and the main ran none. */
function expectLoadOnBothWorkers(perProcess: Record<string, number>, executions: number) {
	for (const worker of cluster.workers) {
		expect(perProcess[path.basename(worker.userFolder)]).toBeGreaterThan(executions / 10);
	}
	expect(perProcess[path.basename(cluster.main.userFolder)] ?? 0).toBe(0);
}

describe('action nodes on queue-mode workers', () => {
	let hstPath: string;
	let youmePath: string;
	let hstWorkflow: string;
	let youmeWorkflow: string;

	beforeAll(async () => {
		hstPath = uniquePath('queue-hst');
		youmePath = uniquePath('queue-youme');
		hstWorkflow = await deploy(
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
		youmeWorkflow = await deploy(
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
	});

	const executionsOf = async () => [
		...(await cluster.main.api.executions(hstWorkflow)),
		...(await cluster.main.api.executions(youmeWorkflow)),
	];

	/** One call through the webhook process: HST or Youme. */
	async function callAction(hst: boolean) {
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
	}

	/** Every answer n8n sent has data, every execution succeeded; answers n8n lost stay within its bound. */
	async function expectAllSucceeded(
		answers: Array<{ status: number; items: number }>,
		executionsBefore: number,
	) {
		const executions = await until(async () => {
			const found = await executionsOf();
			return found.length - executionsBefore >= answers.length ? found : undefined;
		}, `${answers.length} executions recorded`);
		expect(executions.length - executionsBefore).toBe(answers.length);
		const failed = executions.filter((execution) => execution.status !== 'success');
		expect(failed).toEqual([]);
		expect(
			answers.filter(
				(answer) => answer.status !== 0 && (answer.status !== 200 || answer.items === 0),
			),
		).toEqual([]);
		const lost = answers.filter((answer) => answer.status === 0).length;
		expect(lost).toBeLessThanOrEqual(maxLost(answers.length));
		return { failedExecutions: failed.length, answersLostByN8n: lost };
	}

	it('run many executions at once across both workers while the HST token is ended 12 times (expired by HST, replaced by another system): 0 failed, about one fetch per end', async () => {
		const executionsBefore = (await executionsOf()).length;
		const tokens = sandbox.hst.tokens;
		const startedBefore = countInLogs(/Worker started execution/);
		const refreshedBefore = countInLogs(/HST access token refreshed/);
		const waitsBefore = countInLogs(/HST access token: waiting/);

		// 650 executions, 20 at a time, HST and Youme alternately; every 50 calls the token ends:
		// alternately expired by the gateway and replaced by "another system" (which itself takes one
		// token, not through HTTP, so not counted below).
		const CALLS = 650;
		const ends: Array<{ at: number; kind: 'expired' | 'replaced' }> = [];
		progress(`${CALLS} action executions, the token ended every 50`);
		const began = Date.now();
		const answers = await mapInOrder(CALLS, 20, async (index) => {
			if (index > 0 && index % 50 === 0) {
				const kind = ends.length % 2 === 0 ? 'expired' : 'replaced';
				ends.push({ at: Date.now(), kind });
				if (kind === 'expired') tokens.expire(DEMO);
				else tokens.rotate(DEMO);
			}
			return await callAction(index % 2 === 0);
		});
		const seconds = (Date.now() - began) / 1000;
		const fetchTimes = nodeFetchTimes(ends[0].at);
		const fetchesPerEnd = ends.map(
			(end, index) =>
				fetchTimes.filter((at) => at >= end.at && at < (ends[index + 1]?.at ?? Infinity)).length,
		);
		const perProcess = executionsSince(startedBefore);
		const outcome = await expectAllSucceeded(answers, executionsBefore);
		figures.actions = {
			executions: CALLS,
			seconds,
			executionsPerSecond: Math.round((CALLS / seconds) * 10) / 10,
			executionsPerProcess: perProcess,
			tokenEnds: ends.map((end) => end.kind),
			tokenFetchesPerEnd: fetchesPerEnd,
			tokenFetchesPerEndMedian: median(fetchesPerEnd),
			tokenFetchesPerEndMax: Math.max(...fetchesPerEnd),
			refreshLogLinesPerProcess: countsSince(
				countInLogs(/HST access token refreshed/),
				refreshedBefore,
			),
			waitsBeforeFetchingPerProcess: countsSince(
				countInLogs(/HST access token: waiting/),
				waitsBefore,
			),
			...outcome,
		};
		expect(ends).toHaveLength(12);
		expect(fetchTimes.length).toBeGreaterThanOrEqual(ends.length);
		expect(median(fetchesPerEnd)).toBe(1);
		expectLoadOnBothWorkers(perProcess, CALLS);
	});

	it('run HST executions across both workers while the token reaches the end of its lifetime at least 10 times: 0 failed, about one fetch each', async () => {
		// Tokens now live 10 s; with the nodes' 5 s margin each counts as expired 5 s after its fetch,
		// on every worker at the same moment.
		sandbox.hst.tokens.lifetimeSeconds = 10;
		sandbox.hst.tokens.expire(DEMO);
		const executionsBefore = (await executionsOf()).length;
		const startedBefore = countInLogs(/Worker started execution/);
		const waitsBefore = countInLogs(/HST access token: waiting/);
		const since = Date.now();
		progress('HST executions for at least 10 token lifetimes');
		const answers: Array<{ status: number; items: number }> = [];
		try {
			// Lifetimes are counted from the fetches themselves: fetches less than 2.5 s apart renewed the
			// same expiry (a wait before fetching is at most 2 s), a new lifetime starts 5 s after one.
			const lifetimes = () => clusters(nodeFetchTimes(since), 2_500);
			while (lifetimes().length < 11) {
				answers.push(...(await mapInOrder(100, 20, async () => await callAction(true))));
			}
		} finally {
			sandbox.hst.tokens.lifetimeSeconds = 7200;
		}
		// The first cluster is the forced end that started this phase; the others are lifetime ends.
		const fetchesPerLifetime = clusters(nodeFetchTimes(since), 2_500)
			.slice(1)
			.map((cluster) => cluster.length);
		const perProcess = executionsSince(startedBefore);
		const outcome = await expectAllSucceeded(answers, executionsBefore);
		figures.tokenLifetimes = {
			executions: answers.length,
			executionsPerProcess: perProcess,
			lifetimeEnds: fetchesPerLifetime.length,
			tokenFetchesPerLifetimeEnd: fetchesPerLifetime,
			tokenFetchesPerLifetimeEndMedian: median(fetchesPerLifetime),
			tokenFetchesPerLifetimeEndMax: Math.max(...fetchesPerLifetime),
			waitsBeforeFetchingPerProcess: countsSince(
				countInLogs(/HST access token: waiting/),
				waitsBefore,
			),
			...outcome,
		};
		expect(fetchesPerLifetime.length).toBeGreaterThanOrEqual(10);
		expect(median(fetchesPerLifetime)).toBe(1);
		expectLoadOnBothWorkers(perProcess, answers.length);
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
