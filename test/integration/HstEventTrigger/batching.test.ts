import type { INodeParameters } from 'n8n-workflow';

import { EgwEvent } from '../../../nodes/shared/hst/egw';
import { EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { waitFor } from '../../support/waiting';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
});

const joins = (count: number, groupOf: (index: number) => string = () => 'weekly-sync') =>
	Array.from({ length: count }, (_, index) => ({
		appId: MEETING,
		id: EgwEvent.USER_JOINED as 20100,
		groupId: groupOf(index),
		userId: `batch-user-${index}`,
	}));

const batching = (settings: INodeParameters, options: INodeParameters = {}): INodeParameters => ({
	...appsParameter({ appId: MEETING }),
	emit: 'batch',
	batching: settings,
	options,
});

describe('HST Event Trigger: batches', () => {
	it('flushes a batch as soon as it reaches Batch Size, long before the window ends', async () => {
		const run = await egw.activate(batching({ batchSize: 5, batchWindow: 30 }));
		await egw.egwControl.push(...joins(5));
		await run.waitForItems(5, 10_000);
		expect(run.executions.map((execution) => execution[0].length)).toEqual([5]);
	});

	it('flushes a smaller batch when the window ends', async () => {
		const run = await egw.activate(batching({ batchSize: 100, batchWindow: 0.3 }));
		const sent = await egw.egwControl.push(...joins(3));
		await run.waitForItems(3);
		expect(run.executions).toHaveLength(1);
		expect(run.executions[0][0].map((item) => item.json.version)).toEqual(
			sent.map((frame) => frame.version),
		);
	});

	it('keeps every item a complete event, in order', async () => {
		const run = await egw.activate(batching({ batchSize: 2, batchWindow: 0.2 }));
		await egw.egwControl.push(...joins(2));
		const items = await run.waitForItems(2);
		for (const item of items) {
			expect(item).toEqual(
				expect.objectContaining({
					event: 'userJoined',
					eventId: 20100,
					appId: MEETING,
					groupId: 'weekly-sync',
					recovered: false,
					raw: expect.objectContaining({ id: 20100 }),
				}),
			);
		}
	});

	it('starts one execution per group when asked, each in event order', async () => {
		const run = await egw.activate(batching({ batchSize: 100, batchWindow: 0.3, perGroup: true }));
		const sent = await egw.egwControl.push(
			...joins(9, (index) => (index % 3 === 0 ? 'room-a' : 'room-b')),
		);
		await run.waitForItems(9);
		const byExecution = run.executions.map((execution) =>
			execution[0].map((item) => [item.json.groupId, item.json.version]),
		);
		expect(byExecution).toEqual([
			sent.filter((frame) => frame.group_id === 'room-a').map((frame) => ['room-a', frame.version]),
			sent.filter((frame) => frame.group_id === 'room-b').map((frame) => ['room-b', frame.version]),
		]);
	});

	it('lets batches grow while executions lag, one execution at a time, every event once and in order', async () => {
		const run = await egw.activate(batching({ batchSize: 10, batchWindow: 0.1 }), 'trigger', 300);
		const sent: number[] = [];
		for (let round = 0; round < 10; round++) {
			sent.push(...(await egw.egwControl.push(...joins(10))).map((frame) => frame.version));
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await run.waitForItems(100, 20_000);
		expect(run.items.map((item) => item.version)).toEqual(sent);
		expect(run.peakRunning).toBe(1);
		expect(Math.max(...run.executions.map((execution) => execution[0].length))).toBeGreaterThan(10);
	});

	it('goes through the same path for events recovered by a full sync', async () => {
		const run = await egw.activate(batching({ batchSize: 100, batchWindow: 0.3 }));
		await egw.egwControl.fault('loseEvents', { appId: MEETING, count: 2 });
		await egw.egwControl.push(...joins(3));
		await run.waitForItems(3);
		expect(run.executions).toHaveLength(1);
		expect(run.items.map((item) => [item.userId, item.recovered])).toEqual([
			['batch-user-0', true],
			['batch-user-1', true],
			['batch-user-2', true],
		]);
	});
});

describe('HST Event Trigger: the queue bound', () => {
	it.each([
		['batches', batching({ batchSize: 5, batchWindow: 0.05 }, { maxQueuedEvents: 20 })],
		[
			'one execution per event, in order',
			{
				...appsParameter({ appId: MEETING }),
				options: { parallelProcessing: false, maxQueuedEvents: 20 },
			},
		],
		[
			'one execution per event, in parallel (unfinished executions count)',
			{ ...appsParameter({ appId: MEETING }), options: { maxQueuedEvents: 20 } },
		],
	])(
		'%s: at the bound, events are not taken, the failed execution reports the counts, and a full sync recovers the rest',
		async (_, parameters) => {
			const run = await egw.activate(parameters, 'trigger', 100);
			const sent = await egw.egwControl.push(...joins(40));
			const everyone = sent.map((frame) => frame.user_id).sort();
			await waitFor(
				() => new Set(run.items.map((item) => item.userId)).size === everyone.length,
				30_000,
			);
			await waitFor(() =>
				egw.logs.some((line) => line.message.includes('taking events from the gateway again')),
			);

			expect(run.items.map((item) => item.userId).sort()).toEqual(everyone);
			const live = run.items.filter((item) => item.recovered === false);
			const recovered = run.items.filter((item) => item.recovered === true);
			expect(live.map((item) => item.version)).toEqual(
				sent.slice(0, live.length).map((frame) => frame.version),
			);
			expect(recovered.length).toBeGreaterThan(0);
			expect(run.items.slice(live.length)).toEqual(recovered);
			// Once per overload: a recovered difference larger than the room left reaches the bound again.
			expect(run.failedExecutions.length).toBeGreaterThanOrEqual(1);
			for (const failure of run.failedExecutions)
				expect(failure.message).toMatch(
					/\d+ events are waiting for executions \(the bound is 20\); new events are not taken until half of them are processed, then a full sync recovers what changed/,
				);
			expect(
				egw.logs.some((line) => line.level === 'error' && line.message.includes('the bound is 20')),
			).toBe(true);
			expect(run.errors).toEqual([]);
		},
		40_000,
	);

	it('recovers the net change of what it did not take, not changes undone meanwhile (the documented limit)', async () => {
		const run = await egw.activate(
			{
				...appsParameter({ appId: MEETING }),
				options: { parallelProcessing: false, maxQueuedEvents: 5 },
			},
			'trigger',
			// Slow executions keep the trigger over its bound for about 1.5 s: the pushes below land there.
			500,
		);
		await egw.egwControl.push(...joins(5));
		await waitFor(() => run.failedExecutions.length === 1);
		const meanwhile = { appId: MEETING, groupId: 'weekly-sync' };
		await egw.egwControl.push(
			{ ...meanwhile, id: EgwEvent.USER_JOINED as 20100, userId: 'stays' },
			{ ...meanwhile, id: EgwEvent.USER_JOINED as 20100, userId: 'ghost' },
			{ ...meanwhile, id: EgwEvent.USER_LEFT as 20101, userId: 'ghost' },
		);
		await waitFor(() => run.items.some((item) => item.userId === 'stays'), 20_000);
		expect(run.items.find((item) => item.userId === 'stays')).toEqual(
			expect.objectContaining({ event: 'userJoined', recovered: true }),
		);
		expect(run.items.filter((item) => item.userId === 'ghost')).toEqual([]);
	}, 30_000);
});
