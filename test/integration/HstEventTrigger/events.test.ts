import { EgwEvent, EgwMediaType } from '../../../nodes/shared/hst/egw';
import { CLASSROOM, EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
});

describe('HST Event Trigger: events', () => {
	it('emits every event kind with named kind, app, group, user, media, recording fields, version and the raw frame', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }));
		const sent = await egw.egwControl.push(
			{ appId: MEETING, id: EgwEvent.USER_JOINED, groupId: 'weekly-sync', userId: 'carol' },
			{
				appId: MEETING,
				id: EgwEvent.MEDIA_STARTED,
				groupId: 'weekly-sync',
				userId: 'carol',
				mediaId: 'carol-cam',
				mediaType: EgwMediaType.VIDEO,
			},
			{
				appId: MEETING,
				id: EgwEvent.MEDIA_STARTED,
				groupId: 'weekly-sync',
				userId: 'carol',
				mediaId: 'carol-mic',
				mediaType: EgwMediaType.AUDIO,
			},
			{
				appId: MEETING,
				id: EgwEvent.RECORDING_STATUS,
				groupId: 'weekly-sync',
				userId: 'carol',
				recordId: 'rec-1',
				recordStatus: 1,
				recordMessage: 'started',
			},
			{
				appId: MEETING,
				id: EgwEvent.MEDIA_STOPPED,
				groupId: 'weekly-sync',
				userId: 'carol',
				mediaId: 'carol-cam',
				mediaType: EgwMediaType.VIDEO,
			},
			{ appId: MEETING, id: EgwEvent.USER_LEFT, groupId: 'weekly-sync', userId: 'carol' },
		);
		const items = await run.waitForItems(6);
		expect(items.map((item) => item.event)).toEqual([
			'userJoined',
			'mediaStarted',
			'mediaStarted',
			'recordingStatus',
			'mediaStopped',
			'userLeft',
		]);
		expect(items.map((item) => item.version)).toEqual(sent.map((frame) => frame.version));
		expect(items[1]).toMatchObject({
			eventId: EgwEvent.MEDIA_STARTED,
			appId: MEETING,
			groupId: 'weekly-sync',
			userId: 'carol',
			mediaId: 'carol-cam',
			mediaType: 2,
			mediaTypeName: 'video',
			recovered: false,
			raw: expect.objectContaining({ id: 20102, media_id: 'carol-cam', version: sent[1].version }),
		});
		expect(items[2].mediaTypeName).toBe('audio');
		expect(items[3]).toMatchObject({
			recordId: 'rec-1',
			recordStatus: 1,
			recordMessage: 'started',
		});
		expect(Date.parse(items[0].receivedAt as string)).toBeGreaterThan(Date.now() - 60_000);
		expect(run.executions.every((execution) => execution[0].length === 1)).toBe(true);
	});

	it('emits only the chosen events and groups, per app, on one connection per app', async () => {
		const run = await egw.activate({
			...appsParameter({ appId: CLASSROOM, groupIds: 'room-102' }, { appId: MEETING }),
			events: ['userJoined'],
		});
		expect((await egw.egwControl.sessions()).map((session) => session.apps)).toEqual(
			expect.arrayContaining([[CLASSROOM], [MEETING]]),
		);
		await egw.egwControl.push(
			{ appId: CLASSROOM, id: EgwEvent.USER_JOINED, groupId: 'room-101', userId: 'student010' },
			{ appId: CLASSROOM, id: EgwEvent.USER_JOINED, groupId: 'room-102', userId: 'student011' },
			{ appId: CLASSROOM, id: EgwEvent.USER_LEFT, groupId: 'room-102', userId: 'student011' },
			{ appId: MEETING, id: EgwEvent.USER_JOINED, groupId: 'weekly-sync', userId: 'dave' },
		);
		const items = await run.waitForItems(2);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(run.items.map((item) => [item.appId, item.groupId, item.userId]).sort()).toEqual(
			[
				[CLASSROOM, 'room-102', 'student011'],
				[MEETING, 'weekly-sync', 'dave'],
			].sort(),
		);
		expect(items.every((item) => item.event === 'userJoined')).toBe(true);
	});

	it('emits a snapshot per app on start when asked, then the events', async () => {
		const run = await egw.activate({
			...appsParameter({ appId: CLASSROOM }),
			options: { emitSnapshot: true },
		});
		const [snapshot] = await run.waitForItems(1);
		const state = await egw.egwControl.state(CLASSROOM);
		expect(snapshot).toMatchObject({ event: 'snapshot', appId: CLASSROOM, version: state.version });
		const room = (snapshot.groups as Array<Record<string, unknown>>).find(
			(group) => group.groupId === 'room-101',
		)!;
		expect(room.users).toEqual(
			expect.arrayContaining([
				{
					userId: 'teacher01',
					media: [
						{ mediaId: 'teacher01-cam', mediaType: 2, mediaTypeName: 'video' },
						{ mediaId: 'teacher01-mic', mediaType: 1, mediaTypeName: 'audio' },
					],
				},
			]),
		);
		expect(room.groupMedia).toEqual([
			{ mediaId: 'whiteboard-1', mediaType: 4, mediaTypeName: 'whiteboard' },
		]);
	});

	it('with parallel processing off, starts each execution after the previous one finished, in event order', async () => {
		const run = await egw.activate(
			{ ...appsParameter({ appId: MEETING }), options: { parallelProcessing: false } },
			'trigger',
			30,
		);
		const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
		const sent = await egw.egwControl.push(
			...users.map((userId) => ({
				appId: MEETING,
				id: EgwEvent.USER_JOINED as 20100,
				groupId: 'weekly-sync',
				userId,
			})),
		);
		await run.waitForItems(6);
		expect(run.items.map((item) => item.version)).toEqual(sent.map((frame) => frame.version));
		expect(run.peakRunning).toBe(1);
	});

	it('with parallel processing on (default), lets executions overlap', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 30);
		await egw.egwControl.push(
			...['v1', 'v2', 'v3'].map((userId) => ({
				appId: MEETING,
				id: EgwEvent.USER_JOINED as 20100,
				groupId: 'weekly-sync',
				userId,
			})),
		);
		await run.waitForItems(3);
		expect(run.peakRunning).toBe(3);
	});

	it('runs no more than Max Parallel Executions at once; the rest wait their turn, none lost', async () => {
		const run = await egw.activate(
			{ ...appsParameter({ appId: MEETING }), options: { maxParallelExecutions: 4 } },
			'trigger',
			40,
		);
		const sent = await egw.egwControl.push(
			...Array.from({ length: 20 }, (_, index) => ({
				appId: MEETING,
				id: EgwEvent.USER_JOINED as 20100,
				groupId: 'weekly-sync',
				userId: `capped-${index}`,
			})),
		);
		await run.waitForItems(20);
		expect(run.peakRunning).toBe(4);
		expect(run.items.map((item) => item.version)).toEqual(sent.map((frame) => frame.version));
	});

	it('resolves a manual (test) run on the first event', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }), 'manual');
		const listening = run.response.manualTriggerFunction!();
		await new Promise((resolve) => setTimeout(resolve, 300));
		await egw.egwControl.push({
			appId: MEETING,
			id: EgwEvent.USER_JOINED,
			groupId: 'weekly-sync',
			userId: 'erin',
		});
		await listening;
		expect(run.items.map((item) => item.userId)).toEqual(['erin']);
		await run.close();
		expect(await egw.egwControl.sessions()).toEqual([]);
	});
});
