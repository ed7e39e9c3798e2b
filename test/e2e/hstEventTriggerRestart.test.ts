import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { EgwEvent, EgwMediaType } from '../../nodes/shared/hst/egw';
import { EgwControl } from '../../sandbox/hst/egwControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { TEST_ARTIFACTS_ENV } from '../../sandbox/secretLedger';
import { e2eContext } from './harness/context';
import type { N8nApi } from './harness/n8nApi';
import { startN8n, type N8nInstance } from './harness/n8nInstance';
import { N8N_LTS, N8N_PRIMARY, ensureN8nRuntime } from './harness/n8nRuntime';
import { until } from '../support/waiting';

jest.setTimeout(600_000);

/**
 * Restarts of n8n itself and re-publishes, with an n8n of this file's own (stopped and started with
 * the same user folder, so the same database). The other account of the sandbox, so the suite's n8n
 * keeps its token.
 */
const context = e2eContext();
const egw = new EgwControl(context.sandbox.egw);
const APP = SANDBOX_APPS.tenantApp.appId;
const TRIGGER = 'HST Event Trigger';

let n8n: N8nInstance;
let userFolder: string;
const startOwnN8n = async () =>
	await startN8n({
		runtime: await ensureN8nRuntime(context.line === 'lts' ? N8N_LTS : N8N_PRIMARY),
		userFolder,
	});

beforeAll(async () => {
	const artifacts = process.env[TEST_ARTIFACTS_ENV];
	if (artifacts) mkdirSync(artifacts, { recursive: true });
	userFolder = mkdtempSync(path.join(artifacts ?? tmpdir(), 'n8n-restarts-'));
	n8n = await startN8n({
		runtime: await ensureN8nRuntime(context.line === 'lts' ? N8N_LTS : N8N_PRIMARY),
		packageTarball: context.packageTarball,
		userFolder,
	});
});

afterAll(async () => {
	await n8n?.stop();
});

const change = (id: number, groupId: string, userId: string, mediaId?: string) => ({
	appId: APP,
	id: id as 20100,
	groupId,
	userId,
	...(mediaId ? { mediaId, mediaType: EgwMediaType.VIDEO } : {}),
});

const subscribed = async () =>
	(await egw.sessions()).some((session) => session.apps.includes(APP)) ? true : undefined;

const RANK: Record<string, number> = {
	mediaStopped: 0,
	userLeft: 1,
	userJoined: 2,
	mediaStarted: 3,
};

/**
 * Every item the trigger started executions with, in the order it emitted them: by version, and a full
 * sync's recovered events (which share its version) by group, user and kind, as the trigger orders them.
 * n8n may run one-per-event executions in any order.
 */
async function emitted(api: N8nApi, workflowId: string) {
	const executions = await api.executions(workflowId, { includeData: true });
	return executions
		.flatMap((execution) => execution.data?.resultData.runData[TRIGGER]?.[0]?.data?.main[0] ?? [])
		.map((item) => item.json)
		.sort(
			(left, right) =>
				Number(left.version) - Number(right.version) ||
				Number(left.recovered) - Number(right.recovered) ||
				String(left.groupId).localeCompare(String(right.groupId)) ||
				String(left.userId).localeCompare(String(right.userId)) ||
				RANK[String(left.event)] - RANK[String(right.event)],
		);
}

async function items(api: N8nApi, workflowId: string, count: number) {
	return await until(
		async () => {
			const found = await emitted(api, workflowId);
			return found.length >= count ? found : undefined;
		},
		`${count} executions`,
		120_000,
	);
}

const summary = (list: Array<Record<string, unknown>>) =>
	list.map((item) => [item.event, item.groupId, item.userId, item.mediaId ?? null, item.recovered]);

async function deployTrigger(api: N8nApi): Promise<string> {
	const tenant = SANDBOX_DEVELOPERS.tenant;
	const credential = await api.createCredential({
		name: `HST tenant ${Date.now()}`,
		type: 'hstApi',
		data: {
			gatewayUrl: context.sandbox.hstGateway,
			accessUrl: context.sandbox.egw,
			developerId: tenant.developerId,
			developerSecret: tenant.developerSecret,
		},
	});
	const workflowId = await api.createWorkflow({
		name: 'e2e HST Event Trigger across restarts',
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-rtc-paas.hstEventTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { apps: { app: [{ appId: APP, groupIds: '' }] }, options: {} },
				credentials: { hstApi: { id: credential, name: 'HST tenant' } },
			},
		],
		connections: {},
	});
	await api.activate(workflowId);
	return workflowId;
}

describe('HST Event Trigger in n8n: nothing lost across restarts and re-publishes', () => {
	let workflowId: string;

	it('n8n stopped: what changed meanwhile arrives as recovered events after the restart, once', async () => {
		workflowId = await deployTrigger(n8n.api);
		await until(subscribed, 'the trigger to subscribe', 120_000);
		await egw.push(change(EgwEvent.USER_JOINED, 'lab-1', 'before'));
		await items(n8n.api, workflowId, 1);
		// n8n saved the trigger's memory with the emit that handed the event to its execution.
		const saved = (await n8n.api.workflow(workflowId)) as { staticData?: unknown };
		expect(saved.staticData).toMatchObject({
			[`node:${TRIGGER}`]: { apps: { [APP]: { groups: { 'lab-1': { before: [] } } } } },
		});

		await n8n.stop();
		await egw.push(
			change(EgwEvent.USER_JOINED, 'lab-1', 'ann'),
			change(EgwEvent.MEDIA_STARTED, 'lab-1', 'ann', 'ann-cam'),
			change(EgwEvent.USER_LEFT, 'lab-1', 'before'),
			change(EgwEvent.USER_JOINED, 'lab-2', 'ben'),
			change(EgwEvent.USER_JOINED, 'lab-2', 'blink'),
			change(EgwEvent.USER_LEFT, 'lab-2', 'blink'),
		);
		n8n = await startOwnN8n();
		await until(subscribed, 'the trigger to subscribe again', 120_000);
		await egw.push(change(EgwEvent.USER_JOINED, 'lab-2', 'live-after'));

		const all = await items(n8n.api, workflowId, 6);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(summary(await emitted(n8n.api, workflowId))).toEqual([
			['userJoined', 'lab-1', 'before', null, false],
			['userJoined', 'lab-1', 'ann', null, true],
			['mediaStarted', 'lab-1', 'ann', 'ann-cam', true],
			['userLeft', 'lab-1', 'before', null, true],
			['userJoined', 'lab-2', 'ben', null, true],
			['userJoined', 'lab-2', 'live-after', null, false],
		]);
		expect(all).toHaveLength(6);
	});

	it('re-published: what changed while unpublished arrives as recovered events, once', async () => {
		await n8n.api.deactivate(workflowId);
		await until(async () => ((await subscribed()) ? undefined : true), 'the trigger to leave');
		const before = (await emitted(n8n.api, workflowId)).length;
		await egw.push(
			change(EgwEvent.MEDIA_STOPPED, 'lab-1', 'ann', 'ann-cam'),
			change(EgwEvent.USER_JOINED, 'lab-3', 'cy'),
		);
		await n8n.api.activate(workflowId);
		await until(subscribed, 'the trigger to subscribe again', 120_000);

		await items(n8n.api, workflowId, before + 2);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(summary((await emitted(n8n.api, workflowId)).slice(before))).toEqual([
			['mediaStopped', 'lab-1', 'ann', 'ann-cam', true],
			['userJoined', 'lab-3', 'cy', null, true],
		]);
	});
});
