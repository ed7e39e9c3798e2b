import type { INodeParameters } from 'n8n-workflow';

import { Hst } from '../../../nodes/Hst/Hst.node';
import { EgwEvent } from '../../../nodes/shared/hst/egw';
import { HstRecordStatus } from '../../../nodes/shared/hst/recording';
import { CLASSROOM, EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { runNode } from '../../support/n8nHost/executeContext';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
	await egw.gatewayControl.reset();
	await egw.gatewayControl.configure({ recordingStepMs: 0 });
});

const runHst = (parameters: INodeParameters) =>
	runNode({ node: new Hst(), parameters, store: egw.store });

describe('recording status changes reach the HST Event Trigger as 20104', () => {
	it('a whole lifecycle, 1 → 2 → 7 → 2 → 3 → 4 → 5 → 6, each status named, versions in order', async () => {
		const run = await egw.activate({
			...appsParameter({ appId: CLASSROOM }),
			events: ['recordingStatus'],
		});
		const before = (await egw.egwControl.state(CLASSROOM)).version;
		const [started] = await runHst({
			resource: 'recording',
			operation: 'start',
			appId: CLASSROOM,
			groupId: 'room-101',
		});
		const recordId = started.json.record_id as string;
		const task = { resource: 'recording', appId: CLASSROOM, recordId };
		await egw.gatewayControl.advanceRecordings({ recordId });
		await runHst({ ...task, operation: 'pause' });
		await runHst({ ...task, operation: 'resume' });
		await runHst({ ...task, operation: 'stop' });
		for (let step = 0; step < 3; step++) await egw.gatewayControl.advanceRecordings({ recordId });

		const items = await run.waitForItems(8);
		expect(items.map((item) => [item.recordStatus, item.recordStatusName])).toEqual([
			[HstRecordStatus.INITIALIZED, 'initialized'],
			[HstRecordStatus.RECORDING, 'recording'],
			[HstRecordStatus.PAUSED, 'paused'],
			[HstRecordStatus.RECORDING, 'recording'],
			[HstRecordStatus.WAITING_TO_ENCODE, 'waitingToEncode'],
			[HstRecordStatus.ENCODING, 'encoding'],
			[HstRecordStatus.UPLOADING, 'uploading'],
			[HstRecordStatus.DONE, 'done'],
		]);
		expect(items.every((item) => item.event === 'recordingStatus')).toBe(true);
		expect(items.every((item) => item.recordId === recordId && item.groupId === 'room-101')).toBe(
			true,
		);
		expect(items.map((item) => item.version)).toEqual(
			Array.from({ length: 8 }, (_, index) => before + 1 + index),
		);
		expect(items[7].recordMessage).toBe('record files ready');
		expect((await egw.egwControl.log(CLASSROOM, before)).map((frame) => frame.id)).toEqual(
			Array(8).fill(EgwEvent.RECORDING_STATUS),
		);
	});

	it('moves by itself at the configured pace, and a failure is announced as -1', async () => {
		await egw.gatewayControl.configure({ recordingStepMs: 20 });
		const run = await egw.activate({
			...appsParameter({ appId: CLASSROOM }),
			events: ['recordingStatus'],
		});
		const [started] = await runHst({
			resource: 'recording',
			operation: 'start',
			appId: CLASSROOM,
			groupId: 'room-102',
		});
		const recordId = started.json.record_id as string;
		const recording = await run.waitForItems(2);
		expect(recording.map((item) => item.recordStatusName)).toEqual(['initialized', 'recording']);
		await egw.gatewayControl.failRecording(CLASSROOM, recordId, 'pull failed for 600 s');
		const [, , failed] = await run.waitForItems(3);
		expect(failed).toMatchObject({
			recordId,
			recordStatus: HstRecordStatus.FAILED,
			recordStatusName: 'failed',
			recordMessage: 'pull failed for 600 s',
		});
	});

	it('versions stay per app: another app’s recording events do not reach this trigger', async () => {
		const run = await egw.activate({ ...appsParameter({ appId: MEETING }) });
		const meetingVersion = (await egw.egwControl.state(MEETING)).version;
		await runHst({
			resource: 'recording',
			operation: 'start',
			appId: CLASSROOM,
			groupId: 'room-101',
		});
		await egw.egwControl.push({
			appId: MEETING,
			id: EgwEvent.USER_JOINED,
			groupId: 'weekly-sync',
			userId: 'erin',
		});
		const [item] = await run.waitForItems(1);
		expect(item).toMatchObject({
			appId: MEETING,
			event: 'userJoined',
			userId: 'erin',
			version: meetingVersion + 1,
		});
		expect(run.items).toHaveLength(1);
	});
});
