import { stateFromSync } from '../../../nodes/HstEventTrigger/ledger';
import { EgwEvent, EgwMediaType } from '../../../nodes/shared/hst/egw';
import { replay } from '../../support/egwGroundTruth';
import { CLASSROOM, EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { WorkflowStaticData } from '../../support/n8nHost/triggerContext';
import { waitFor } from '../../support/waiting';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
	egw.freshCredential();
});

const event = (appId: string, groupId: string, id: number, userId: string, mediaId?: string) => ({
	appId,
	groupId,
	id: id as 20100,
	userId,
	...(mediaId ? { mediaId, mediaType: EgwMediaType.VIDEO } : {}),
});

const changes = (items: Array<Record<string, unknown>>) =>
	items.map((item) => [
		item.event,
		item.groupId,
		item.userId,
		item.mediaId ?? null,
		item.recovered,
	]);

const quietly = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('HST Event Trigger across restarts (workflow static data)', () => {
	it('emits what changed while it was stopped, in several groups, each change once, then live events', async () => {
		const database = new WorkflowStaticData();
		const first = await egw.activate(appsParameter({ appId: CLASSROOM }), 'trigger', 0, {
			staticData: database,
		});
		await egw.egwControl.push(event(CLASSROOM, 'room-101', EgwEvent.USER_JOINED, 'early'));
		await first.waitForItems(1);
		await first.close();
		const atStop = stateFromSync(await egw.egwControl.state(CLASSROOM));

		await egw.egwControl.push(
			event(CLASSROOM, 'room-101', EgwEvent.USER_JOINED, 'late'),
			event(CLASSROOM, 'room-101', EgwEvent.MEDIA_STARTED, 'late', 'late-cam'),
			event(CLASSROOM, 'room-101', EgwEvent.USER_LEFT, 'student002'),
			event(CLASSROOM, 'room-102', EgwEvent.MEDIA_STOPPED, 'teacher02', 'teacher02-cam'),
			event(CLASSROOM, 'room-103', EgwEvent.USER_JOINED, 'newcomer'),
			event(CLASSROOM, 'room-103', EgwEvent.USER_JOINED, 'flicker'),
			event(CLASSROOM, 'room-103', EgwEvent.USER_LEFT, 'flicker'),
		);
		const second = await egw.activate(appsParameter({ appId: CLASSROOM }), 'trigger', 0, {
			staticData: database,
		});
		await second.waitForItems(5);
		await egw.egwControl.push(event(CLASSROOM, 'room-101', EgwEvent.USER_JOINED, 'after'));
		await second.waitForItems(6);
		await quietly();

		expect(changes(second.items)).toEqual([
			// Groups, then users, in name order; per user media stops before a leave, starts after a join.
			['userJoined', 'room-101', 'late', null, true],
			['mediaStarted', 'room-101', 'late', 'late-cam', true],
			['userLeft', 'room-101', 'student002', null, true],
			['mediaStopped', 'room-102', 'teacher02', 'teacher02-cam', true],
			['userJoined', 'room-103', 'newcomer', null, true],
			['userJoined', 'room-101', 'after', null, false],
		]);
		expect(replay(atStop, second.items)).toEqual(
			stateFromSync(await egw.egwControl.state(CLASSROOM)),
		);
	});

	it('behaves as before on its first activation: the first full sync is the baseline', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: new WorkflowStaticData(),
		});
		await egw.egwControl.push(event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, 'carol'));
		await run.waitForItems(1);
		await quietly();
		expect(changes(run.items)).toEqual([['userJoined', 'weekly-sync', 'carol', null, false]]);
	});

	it('recovers events that were queued, not yet handed to an execution, when it was stopped', async () => {
		const database = new WorkflowStaticData();
		const slowInOrder = {
			...appsParameter({ appId: MEETING }),
			options: { parallelProcessing: false },
		};
		const first = await egw.activate(slowInOrder, 'trigger', 1000, { staticData: database });
		await egw.egwControl.push(
			...['q1', 'q2', 'q3', 'q4'].map((user) =>
				event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, user),
			),
		);
		await first.waitForItems(1);
		await first.close();
		expect(first.items.map((item) => item.userId)).toEqual(['q1']);

		const second = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: database,
		});
		await second.waitForItems(3);
		await quietly();
		expect(changes(second.items)).toEqual([
			['userJoined', 'weekly-sync', 'q2', null, true],
			['userJoined', 'weekly-sync', 'q3', null, true],
			['userJoined', 'weekly-sync', 'q4', null, true],
		]);
	});

	it('remembers the whole app, so adding a group filter brings no flood of old members', async () => {
		const database = new WorkflowStaticData();
		const first = await egw.activate(
			appsParameter({ appId: CLASSROOM, groupIds: 'room-101' }),
			'trigger',
			0,
			{ staticData: database },
		);
		await egw.egwControl.push(event(CLASSROOM, 'room-102', EgwEvent.USER_JOINED, 'unseen'));
		await egw.egwControl.push(event(CLASSROOM, 'room-101', EgwEvent.USER_JOINED, 'seen'));
		await first.waitForItems(1);
		await first.close();
		await egw.egwControl.push(event(CLASSROOM, 'room-102', EgwEvent.USER_JOINED, 'while-down'));

		const second = await egw.activate(
			appsParameter({ appId: CLASSROOM, groupIds: 'room-101, room-102' }),
			'trigger',
			0,
			{ staticData: database },
		);
		await second.waitForItems(1);
		await quietly();
		expect(changes(second.items)).toEqual([['userJoined', 'room-102', 'while-down', null, true]]);
	});

	it('starts a newly subscribed app, and one subscribed again, from its current state', async () => {
		const database = new WorkflowStaticData();
		const meetingOnly = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: database,
		});
		await meetingOnly.close();
		const classroomOnly = await egw.activate(appsParameter({ appId: CLASSROOM }), 'trigger', 0, {
			staticData: database,
		});
		await classroomOnly.close();
		await egw.egwControl.push(event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, 'forgotten'));
		const both = await egw.activate(
			appsParameter({ appId: MEETING }, { appId: CLASSROOM }),
			'trigger',
			0,
			{ staticData: database },
		);
		await quietly();
		expect(both.items).toEqual([]);
	});

	it('compares nothing with what another developer account left', async () => {
		const database = new WorkflowStaticData();
		const first = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: database,
		});
		await first.close();
		await egw.egwControl.push(event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, 'other'));
		// The same developer and gateway under another address counts as another account.
		egw.freshCredential({ gatewayUrl: egw.gateway.url.replace('127.0.0.1', 'localhost') });
		const second = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: database,
		});
		await quietly();
		expect(second.items).toEqual([]);
		expect(
			egw.logs.some((line) =>
				line.message.includes('nothing remembered for this developer account'),
			),
		).toBe(true);
	});

	it('"Listen for test event" neither reads nor writes what the trigger remembers', async () => {
		const database = new WorkflowStaticData();
		const first = await egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, {
			staticData: database,
		});
		await first.close();
		const remembered = structuredClone(database.saved);
		const saves = database.saves;
		await egw.egwControl.push(event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, 'missed'));

		const manual = await egw.activate(appsParameter({ appId: MEETING }), 'manual', 0, {
			staticData: database,
		});
		const waiting = manual.response.manualTriggerFunction!();
		await waitFor(async () =>
			(await egw.egwControl.sessions()).some((session) => session.apps.includes(MEETING)),
		);
		await egw.egwControl.push(event(MEETING, 'weekly-sync', EgwEvent.USER_JOINED, 'tester'));
		await waiting;
		await manual.close();
		expect(changes(manual.items)).toEqual([['userJoined', 'weekly-sync', 'tester', null, false]]);
		expect(manual.staticDataReads).toBe(0);
		expect(manual.liveStaticData).toEqual(remembered);
		expect(database.saved).toEqual(remembered);
		expect(database.saves).toBe(saves);
	});
});
