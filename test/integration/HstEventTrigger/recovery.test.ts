import { EgwEvent, EgwMediaType } from '../../../nodes/shared/hst/egw';
import { stateFromSync } from '../../../nodes/HstEventTrigger/ledger';
import { replay } from '../../support/egwGroundTruth';
import { EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { waitFor } from '../../support/waiting';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
});

const meeting = (id: number, userId: string, extra: Record<string, unknown> = {}) => ({
	appId: MEETING,
	id: id as 20100,
	groupId: 'weekly-sync',
	userId,
	...extra,
});

describe('HST Event Trigger: nothing lost, nothing duplicated', () => {
	it('recovers events lost in transit from the version gap, marked as recovered, each change once', async () => {
		const start = stateFromSync(await egw.egwControl.state(MEETING));
		const run = await egw.activate(appsParameter({ appId: MEETING }));
		await egw.egwControl.push(meeting(EgwEvent.USER_JOINED, 'carol'));
		await run.waitForItems(1);
		await egw.egwControl.fault('loseEvents', { appId: MEETING, count: 3 });
		await egw.egwControl.push(
			meeting(EgwEvent.USER_JOINED, 'dave'),
			meeting(EgwEvent.MEDIA_STARTED, 'dave', {
				mediaId: 'dave-screen',
				mediaType: EgwMediaType.SCREEN_SHARE,
			}),
			meeting(EgwEvent.USER_LEFT, 'carol'),
			meeting(EgwEvent.USER_JOINED, 'erin'),
		);
		await run.waitForItems(5);
		await new Promise((resolve) => setTimeout(resolve, 200));

		expect(run.items.map((item) => [item.event, item.userId, item.recovered])).toEqual([
			['userJoined', 'carol', false],
			['userLeft', 'carol', true],
			['userJoined', 'dave', true],
			['mediaStarted', 'dave', true],
			['userJoined', 'erin', true],
		]);
		const final = await egw.egwControl.state(MEETING);
		expect(
			run.items.slice(1).every((item) => item.version === final.version && item.raw === null),
		).toBe(true);
		expect(replay(start, run.items)).toEqual(stateFromSync(final));
	});

	it('after a dropped connection, reconnects, full-syncs and emits what changed meanwhile', async () => {
		const start = stateFromSync(await egw.egwControl.state(MEETING));
		const run = await egw.activate({
			...appsParameter({ appId: MEETING }),
			options: { heartbeatInterval: 1 },
		});
		await egw.egwControl.fault('drop', { appId: MEETING });
		await egw.egwControl.push(
			meeting(EgwEvent.USER_JOINED, 'frank'),
			meeting(EgwEvent.USER_LEFT, 'alice'),
		);
		await waitFor(async () =>
			(await egw.egwControl.sessions()).some((session) => session.apps.includes(MEETING)),
		);
		await egw.egwControl.push(meeting(EgwEvent.USER_JOINED, 'carol'));
		await run.waitForItems(3);

		expect(run.items.map((item) => [item.event, item.userId, item.recovered])).toEqual([
			['userLeft', 'alice', true],
			['userJoined', 'frank', true],
			['userJoined', 'carol', false],
		]);
		expect(replay(start, run.items)).toEqual(stateFromSync(await egw.egwControl.state(MEETING)));
		expect(run.errors).toEqual([]);
	});

	it('notices a half-open connection (nothing read, nothing sent, TCP up) and replaces it', async () => {
		const interval = 1;
		const run = await egw.activate({
			...appsParameter({ appId: MEETING }),
			options: { heartbeatInterval: interval },
		});
		await egw.egwControl.fault('halfOpen', { appId: MEETING });
		const since = Date.now();
		await egw.egwControl.push(meeting(EgwEvent.USER_JOINED, 'dave'));
		await waitFor(async () =>
			(await egw.egwControl.sessions()).some(
				(session) => !session.deaf && session.apps.includes(MEETING),
			),
		);
		const detectedAfterMs = Date.now() - since;
		process.stdout.write(
			`half-open connection replaced after ${detectedAfterMs} ms (heartbeat ${interval * 1000} ms)\n`,
		);
		const [item] = await run.waitForItems(1);
		expect(item).toMatchObject({ event: 'userJoined', userId: 'dave', recovered: true });
	});

	it('skips malformed frames without losing the stream', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }));
		await egw.egwControl.fault('malformed', { appId: MEETING });
		await egw.egwControl.fault('malformed', { appId: MEETING, text: '[1,2,3]' });
		await egw.egwControl.fault('malformed', {
			appId: MEETING,
			text: '{"id":20100,"group_id":"weekly-sync"}',
		});
		await egw.egwControl.push(meeting(EgwEvent.USER_JOINED, 'dave'));
		await run.waitForItems(1);
		expect(run.items).toEqual([
			expect.objectContaining({ event: 'userJoined', userId: 'dave', recovered: false }),
		]);
		expect(egw.logs.filter((line) => line.message.includes('skipped'))).toHaveLength(3);
		expect(run.errors).toEqual([]);
	});

	it('keeps a steady stream exact through 20 forced disconnects and several lost-frame gaps', async () => {
		const groupsAndUsers = { groups: 4, users: 12 };
		const start = stateFromSync(await egw.egwControl.state(MEETING));
		const baseVersion = (await egw.egwControl.state(MEETING)).version;
		const run = await egw.activate({
			...appsParameter({ appId: MEETING }),
			options: { heartbeatInterval: 1, maxReconnectDelay: 1 },
		});
		await egw.egwControl.startGenerator({ appId: MEETING, rate: 200, seed: 7, ...groupsAndUsers });
		let disconnects = 0;
		for (let round = 0; round < 20; round++) {
			await new Promise((resolve) => setTimeout(resolve, 150));
			if (round % 5 === 2) await egw.egwControl.fault('loseEvents', { appId: MEETING, count: 4 });
			await egw.egwControl.fault('drop', { appId: MEETING });
			disconnects += 1;
			await waitFor(async () =>
				(await egw.egwControl.sessions()).some((session) => session.apps.includes(MEETING)),
			);
		}
		const { generated } = await egw.egwControl.stopGenerator(MEETING);
		const final = await egw.egwControl.state(MEETING);
		await waitFor(() => run.items.some((item) => item.version === final.version));
		await new Promise((resolve) => setTimeout(resolve, 300));

		const log = await egw.egwControl.log(MEETING, baseVersion);
		const live = run.items.filter((item) => !item.recovered);
		const recovered = run.items.filter((item) => item.recovered);
		// Live events: each at most once, in version order, each exactly as the gateway logged it.
		const liveVersions = live.map((item) => item.version as number);
		expect(new Set(liveVersions).size).toBe(liveVersions.length);
		expect([...liveVersions].sort((a, b) => a - b)).toEqual(liveVersions);
		const byVersion = new Map(log.map((frame) => [frame.version, frame]));
		for (const item of live) {
			const frame = byVersion.get(item.version as number)!;
			expect([item.eventId, item.groupId, item.userId]).toEqual([
				frame.id,
				frame.group_id,
				frame.user_id,
			]);
		}
		// Every change the gateway made is in the emitted stream: replaying it gives the gateway's final state.
		expect(replay(start, run.items)).toEqual(stateFromSync(final));
		expect(run.errors).toEqual([]);
		process.stdout.write(
			`chaos: ${generated} events generated, ${disconnects} disconnects, ${live.length} emitted live + ${recovered.length} recovered, 0 duplicated\n`,
		);
	}, 60_000);
});
