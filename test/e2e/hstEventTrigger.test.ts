import { EgwEvent, EgwMediaType } from '../../nodes/shared/hst/egw';
import { EgwControl } from '../../sandbox/hst/egwControl';
import { SANDBOX_APPS } from '../../sandbox/hst/seed';
import { deployWorkflow, e2eContext, n8nApi } from './harness/context';
import type { Workflow } from './harness/n8nApi';
import { until } from '../support/waiting';

jest.setTimeout(120_000);

const context = e2eContext();
const egw = new EgwControl(context.sandbox.egw);
const MEETING = SANDBOX_APPS.meeting.appId;
const TRIGGER = 'HST Event Trigger';

/** The item each execution started with, by event version: with parallel processing, n8n starts executions in any order. */
async function emittedItems(workflowId: string): Promise<Array<Record<string, unknown>>> {
	const executions = await n8nApi().executions(workflowId, { includeData: true });
	return executions
		.sort((left, right) => Number(left.id) - Number(right.id))
		.flatMap((execution) => execution.data?.resultData.runData[TRIGGER]?.[0]?.data?.main[0] ?? [])
		.map((item) => item.json)
		.sort((left, right) => Number(left.version) - Number(right.version));
}

const subscribedTo = (appId: string) => async () =>
	(await egw.sessions()).some((session) => session.apps.includes(appId)) ? true : undefined;
const subscribed = subscribedTo(MEETING);

/** Deploys, subscribes and runs `test`; deactivates even when it fails, so a failure never leaves a trigger behind to disturb the next test. */
async function withTrigger(
	workflow: Workflow,
	appId: string,
	test: (workflowId: string) => Promise<void>,
): Promise<void> {
	const workflowId = await deployWorkflow(workflow);
	try {
		await until(subscribedTo(appId), 'the trigger to subscribe');
		await test(workflowId);
	} finally {
		await n8nApi().deactivate(workflowId);
	}
}

describe('HST Event Trigger in n8n', () => {
	let workflowId: string;

	beforeAll(async () => {
		await egw.reset();
		workflowId = await deployWorkflow({
			name: 'e2e HST Event Trigger',
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-rtc-paas.hstEventTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						apps: { app: [{ appId: MEETING, groupIds: '' }] },
						options: { heartbeatInterval: 2 },
					},
					credentials: { hstApi: context.credentials.hstApi },
				},
			],
			connections: {},
		});
		await until(subscribed, 'the trigger to subscribe');
	});

	afterAll(async () => {
		await n8nApi().deactivate(workflowId);
	});

	it('starts one execution per event, with the documented item', async () => {
		const sent = await egw.push(
			{ appId: MEETING, id: EgwEvent.USER_JOINED, groupId: 'weekly-sync', userId: 'carol' },
			{
				appId: MEETING,
				id: EgwEvent.MEDIA_STARTED,
				groupId: 'weekly-sync',
				userId: 'carol',
				mediaId: 'carol-cam',
				mediaType: EgwMediaType.VIDEO,
			},
			{ appId: MEETING, id: EgwEvent.USER_LEFT, groupId: 'weekly-sync', userId: 'bob' },
		);
		const items = await until(async () => {
			const found = await emittedItems(workflowId);
			return found.length >= 3 ? found : undefined;
		}, 'three executions');
		expect(items.map((item) => [item.event, item.userId, item.version, item.recovered])).toEqual([
			['userJoined', 'carol', sent[0].version, false],
			['mediaStarted', 'carol', sent[1].version, false],
			['userLeft', 'bob', sent[2].version, false],
		]);
		expect(items[1]).toMatchObject({
			appId: MEETING,
			groupId: 'weekly-sync',
			mediaId: 'carol-cam',
			mediaTypeName: 'video',
		});
	});

	it('survives a dropped connection inside n8n and delivers what changed meanwhile as recovered events', async () => {
		const before = (await emittedItems(workflowId)).length;
		await egw.fault('drop', { appId: MEETING });
		await egw.push({
			appId: MEETING,
			id: EgwEvent.USER_JOINED,
			groupId: 'weekly-sync',
			userId: 'dave',
		});
		await until(subscribed, 'the trigger to reconnect');
		await egw.push({
			appId: MEETING,
			id: EgwEvent.USER_JOINED,
			groupId: 'weekly-sync',
			userId: 'erin',
		});
		const items = await until(async () => {
			const found = await emittedItems(workflowId);
			return found.length >= before + 2 ? found.slice(before) : undefined;
		}, 'the recovered and the next event');
		expect(items.map((item) => [item.event, item.userId, item.recovered])).toEqual([
			['userJoined', 'dave', true],
			['userJoined', 'erin', false],
		]);
	});

	it('unsubscribes and logs out when the workflow is deactivated', async () => {
		await n8nApi().deactivate(workflowId);
		await until(
			async () => ((await egw.sessions()).length === 0 ? true : undefined),
			'the session to end',
		);
		const frames = (await egw.received()).map((entry) => entry.body.id);
		expect(frames.slice(-2)).toEqual([20006, 20002]);
		await n8nApi().activate(workflowId);
		await until(subscribed, 'the trigger to subscribe again');
	});
});

describe('HST Event Trigger in n8n, parallel processing off', () => {
	it('starts executions one after another, in event order', async () => {
		const CLASSROOM = SANDBOX_APPS.classroom.appId;
		const workflow: Workflow = {
			name: 'e2e HST Event Trigger sequential',
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-rtc-paas.hstEventTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						apps: { app: [{ appId: CLASSROOM, groupIds: '' }] },
						options: { parallelProcessing: false },
					},
					credentials: { hstApi: context.credentials.hstApi },
				},
			],
			connections: {},
		};
		await withTrigger(workflow, CLASSROOM, async (workflowId) => {
			const sent = await egw.push(
				...Array.from({ length: 8 }, (_, index) => ({
					appId: CLASSROOM,
					id: EgwEvent.USER_JOINED as 20100,
					groupId: 'room-102',
					userId: `student0${20 + index}`,
				})),
			);
			const versionsInExecutionOrder = await until(async () => {
				const executions = await n8nApi().executions(workflowId, { includeData: true });
				// n8n lists an execution before it has saved its data.
				if (executions.length < 8 || executions.some((execution) => !execution.finished))
					return undefined;
				return executions
					.sort((left, right) => Number(left.id) - Number(right.id))
					.map(
						(execution) =>
							execution.data?.resultData.runData[TRIGGER]?.[0]?.data?.main[0]?.[0]?.json.version,
					);
			}, 'eight executions');
			expect(versionsInExecutionOrder).toEqual(sent.map((frame) => frame.version));
		});
	});
});

describe('HST Event Trigger in n8n, batches', () => {
	it('delivers a burst of events as multi-item executions, every event once, in order', async () => {
		const CLASSROOM = SANDBOX_APPS.classroom.appId;
		const workflow: Workflow = {
			name: 'e2e HST Event Trigger batches',
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-rtc-paas.hstEventTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						apps: { app: [{ appId: CLASSROOM, groupIds: 'room-batch' }] },
						emit: 'batch',
						batching: { batchSize: 50, batchWindow: 0.5 },
					},
					credentials: { hstApi: context.credentials.hstApi },
				},
			],
			connections: {},
		};
		await withTrigger(workflow, CLASSROOM, async (workflowId) => {
			const sent = await egw.push(
				...Array.from({ length: 120 }, (_, index) => ({
					appId: CLASSROOM,
					id: EgwEvent.USER_JOINED as 20100,
					groupId: 'room-batch',
					userId: `burst-${index}`,
				})),
			);
			const executions = await until(async () => {
				const found = await n8nApi().executions(workflowId, { includeData: true });
				const items = found.reduce(
					(sum, execution) =>
						sum + (execution.data?.resultData.runData[TRIGGER]?.[0]?.data?.main[0]?.length ?? 0),
					0,
				);
				return items >= 120 && found.every((execution) => execution.finished)
					? found.sort((left, right) => Number(left.id) - Number(right.id))
					: undefined;
			}, '120 events in executions');
			const versions = executions.flatMap((execution) =>
				(execution.data?.resultData.runData[TRIGGER]?.[0]?.data?.main[0] ?? []).map(
					(item) => item.json.version,
				),
			);
			expect(versions).toEqual(sent.map((frame) => frame.version));
			expect(executions.length).toBeLessThan(10);
		});
	});
});
