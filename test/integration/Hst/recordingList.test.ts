import { request } from 'undici';

import { HstRecordPath, HstRecordStatus, toHstTime } from '../../../nodes/shared/hst/recording';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { RECORDING_HISTORY, recordingHistory } from '../../../sandbox/hst/recordingHistory';
import { SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { AnswerStyle } from '../../../sandbox/hst/topLevel';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
	await hst.control.configure({ recordingStepMs: 0 });
});

const classroom = SANDBOX_APPS.classroom;
const history = recordingHistory(classroom.appId);
const getMany = (parameters: Record<string, unknown>) => ({
	resource: 'recording',
	operation: 'getMany',
	appId: classroom.appId,
	...parameters,
});

describe('recording Get Many', () => {
	it('Return All pages through every task in pages of 500, the last one short', async () => {
		expect(history.length).toBeGreaterThan(1000);
		const items = await hst.run(getMany({ returnAll: true }));
		expect(items.map((item) => item.json.record_id)).toEqual(history.map((task) => task.recordId));
		const pages = await hst.requestsTo(HstRecordPath.TASK_LIST);
		expect(pages.map((page) => [page.query.page, page.query.page_size])).toEqual(
			Array.from({ length: Math.ceil(history.length / 500) }, (_, index) => [
				String(index + 1),
				'500',
			]),
		);
		expect(items[0].json).toMatchObject({
			app_id: classroom.appId,
			status: history[0].status,
			status_name: history[0].status === HstRecordStatus.DONE ? 'done' : 'failed',
			start_time: expect.stringMatching(/^2026-01-01 \d\d:\d\d:\d\d$/),
		});
	});

	it('stops at the announced total: 500 tasks take one page, not a second empty one', async () => {
		// 500 tasks straight at the gateway, with the access token the node stored in its credential.
		await hst.run(getMany({ limit: 1 }));
		const token = String(hst.store.get('hstApi').accessToken);
		const started = await Promise.all(
			Array.from({ length: 500 }, async () => {
				const response = await request(hst.gateway.url + HstRecordPath.INIT, {
					method: 'POST',
					headers: { authorization: token, 'content-type': 'application/json;charset=UTF-8' },
					body: JSON.stringify({ app_id: classroom.appId, group_id: 'room-500', auto: {} }),
				});
				return ((await response.body.json()) as { record_id: string }).record_id;
			}),
		);
		expect(new Set(started).size).toBe(500);
		await hst.control.clearRequests();
		const items = await hst.run(getMany({ returnAll: true, filters: { groupId: 'room-500' } }));
		expect(items).toHaveLength(500);
		expect((await hst.requestsTo(HstRecordPath.TASK_LIST)).map((page) => page.query.page)).toEqual([
			'1',
		]);
	});

	it('stops at the limit, with pages sized to it', async () => {
		expect(await hst.run(getMany({ limit: 700 }))).toHaveLength(700);
		expect(
			(await hst.requestsTo(HstRecordPath.TASK_LIST)).map((page) => page.query.page_size),
		).toEqual(['500', '500']);
		await hst.control.clearRequests();
		expect(await hst.run(getMany({ limit: 30 }))).toHaveLength(30);
		expect(
			(await hst.requestsTo(HstRecordPath.TASK_LIST)).map((page) => page.query.page_size),
		).toEqual(['30']);
	});

	it('filters by group, status by name and a time range read in the workflow time zone', async () => {
		const items = await hst.run(
			getMany({
				returnAll: true,
				filters: {
					groupId: 'room-103',
					status: 'failed',
					startTime: '2026-01-05T00:00:00',
					stopTime: '2026-01-25T00:00:00',
				},
			}),
		);
		const [page] = await hst.requestsTo(HstRecordPath.TASK_LIST);
		expect(page.query).toMatchObject({
			group_id: 'room-103',
			status: '-1',
			start_time: '2026-01-05 00:00:00',
			stop_time: '2026-01-25 00:00:00',
		});
		const from = Date.parse('2026-01-05T00:00:00+08:00');
		const to = Date.parse('2026-01-25T00:00:00+08:00');
		const expected = history.filter(
			(task) =>
				task.groupId === 'room-103' &&
				task.status === HstRecordStatus.FAILED &&
				task.createdAt >= from &&
				task.stoppedAt! <= to,
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((item) => item.json.record_id)).toEqual(expected.map((task) => task.recordId));
		expect(items.every((item) => item.json.status_name === 'failed')).toBe(true);
	});

	it('sends instants with an offset as HST time (UTC+8)', async () => {
		await hst.run(getMany({ filters: { startTime: '2026-01-05T00:00:00Z' } }));
		const [page] = await hst.requestsTo(HstRecordPath.TASK_LIST);
		expect(page.query.start_time).toBe('2026-01-05 08:00:00');
		expect(toHstTime(RECORDING_HISTORY.start)).toBe('2026-01-01 00:00:00');
	});
});

describe('answers with their fields under result, as some HST clients read them', () => {
	beforeEach(() => hst.control.configure({ answerStyle: AnswerStyle.UNDER_RESULT }));

	it('reads record_id, the task list with its total and the file list there too', async () => {
		const [started] = await hst.run({
			resource: 'recording',
			operation: 'start',
			appId: classroom.appId,
			groupId: 'room-101',
		});
		expect(started.json.record_id).toMatch(/_room-101$/);
		const listed = await hst.run(getMany({ returnAll: true, filters: { groupId: 'room-101' } }));
		expect(listed.map((item) => item.json.record_id)).toContain(started.json.record_id);
		const done = history.find((task) => task.status === HstRecordStatus.DONE)!;
		const files = await hst.run({
			resource: 'recording',
			operation: 'getDownloadUrls',
			appId: classroom.appId,
			recordId: done.recordId,
		});
		expect(files.length).toBe(done.files!.length);
		expect(files[0].json.url).toContain('/record-files/');
	});
});

describe('recording errors', () => {
	it('names the HST code, its meaning and HST message for an unknown task', async () => {
		await expect(
			hst.run({
				resource: 'recording',
				operation: 'stop',
				appId: classroom.appId,
				recordId: 'nope',
			}),
		).rejects.toMatchObject({
			message: `HST ${HstStatus.BAD_PARAMETER}: A parameter is invalid`,
			description:
				'HST says "bad parameter record_id: no record task nope" (POST /v1/record/finish)',
		});
	});

	it('reports that an app without the recording service cannot record', async () => {
		await expect(
			hst.run({
				resource: 'recording',
				operation: 'start',
				appId: SANDBOX_APPS.meeting.appId,
				groupId: 'weekly-sync',
			}),
		).rejects.toMatchObject({
			message: expect.stringMatching(/^HST 30001: Refused by the recording or live service/),
			description: expect.stringContaining('has no recording service'),
		});
	});

	it('with Continue On Fail, a failing item becomes an error paired to it and the others go on', async () => {
		const [started] = await hst.run({
			resource: 'recording',
			operation: 'start',
			appId: classroom.appId,
			groupId: 'room-101',
		});
		const recordId = started.json.record_id as string;
		await hst.control.advanceRecordings({ recordId });
		const items = await hst.run(
			(itemIndex) => ({
				resource: 'recording',
				operation: 'pause',
				appId: classroom.appId,
				recordId: itemIndex === 1 ? 'missing' : recordId,
			}),
			{ items: 3, continueOnFail: true },
		);
		expect(items.map((item) => [item.pairedItem, Object.keys(item.json).sort()])).toEqual([
			[{ item: 0 }, expect.arrayContaining(['paused', 'record_id'])],
			[{ item: 1 }, ['description', 'error']],
			[{ item: 2 }, ['description', 'error']],
		]);
		expect(items[1].json.description).toContain('no record task missing');
		expect(items[2].json.description).toContain('is not recording');
	});
});
