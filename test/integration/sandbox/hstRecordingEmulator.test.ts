import { request } from 'undici';

import { accessTokenAuthorization } from '../../../nodes/shared/hst/fspToken';
import { HstLivePath, HstRecordPath } from '../../../nodes/shared/hst/recording';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { HstGatewayEmulator } from '../../../sandbox/hst/gateway';
import { HstGatewayControl } from '../../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../../sandbox/hst/seed';

/**
 * The emulator on its own, as an independent HST server: requests a client could send, judged by the
 * emulator's rules (written from HST's documents), whatever the node would have sent.
 */
let gateway: HstGatewayEmulator;
let control: HstGatewayControl;
let token: string;
const app = SANDBOX_APPS.classroom.appId;

beforeAll(async () => {
	gateway = await HstGatewayEmulator.start({ port: 0 });
	control = new HstGatewayControl(gateway.url);
	const demo = SANDBOX_DEVELOPERS.demo;
	const answer = await request(`${gateway.url}/access/token`, {
		headers: { authorization: accessTokenAuthorization(demo.developerId, demo.developerSecret) },
	});
	token = ((await answer.body.json()) as { result: { access_token: string } }).result.access_token;
});
afterAll(() => gateway.close());
beforeEach(async () => {
	await control.reset();
	await control.configure({ recordingStepMs: 0 });
});

async function call(
	method: 'GET' | 'POST',
	path: string,
	fields: Record<string, unknown>,
	headers: Record<string, string> = {},
) {
	const query = method === 'GET' ? `?${new URLSearchParams(fields as Record<string, string>)}` : '';
	const response = await request(gateway.url + path + query, {
		method,
		headers: {
			authorization: token,
			...(method === 'POST' ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
			...headers,
		},
		body: method === 'POST' ? JSON.stringify(fields) : undefined,
	});
	return (await response.body.json()) as Record<string, unknown> & { code: number; msg: string };
}

async function startedTask() {
	const answer = await call('POST', HstRecordPath.INIT, {
		app_id: app,
		group_id: 'room-101',
		auto: {},
	});
	return answer.record_id as string;
}

const MISSING = HstStatus.MISSING_PARAMETER;
const BAD = HstStatus.BAD_PARAMETER;
const REFUSED = HstStatus.MEDIA_TASK_REFUSED;

describe('the HST emulator checks recording and live calls by its own rules', () => {
	it.each([
		[HstRecordPath.INIT, { group_id: 'g' }, MISSING, 'missing parameter: app_id'],
		[HstRecordPath.INIT, { app_id: app }, MISSING, 'missing parameter: group_id'],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', file_duration: 10 },
			BAD,
			'file_duration: must be at least 15',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', width: 1921 },
			BAD,
			'width: must be at most 1920',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', frame_rate: 0 },
			BAD,
			'frame_rate: must be at least 1',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', timeout: 4 },
			BAD,
			'timeout: must be at least 5',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', file_type: 2 },
			BAD,
			'file_type: must be one of 0, 1',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', auto: { type: 3 } },
			BAD,
			'type: must be one of 1, 2',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', auto: { media_count: 10 } },
			BAD,
			'media_count: must be at most 9',
		],
		[
			HstRecordPath.INIT,
			{ app_id: app, group_id: 'g', auto: 'yes' },
			BAD,
			'auto: must be an object',
		],
		[HstRecordPath.INIT, { app_id: 'someone-else', group_id: 'g' }, BAD, 'no app someone-else'],
		[
			HstRecordPath.INIT,
			{ app_id: SANDBOX_APPS.meeting.appId, group_id: 'g' },
			REFUSED,
			'has no recording service',
		],
		[HstRecordPath.FINISH, { app_id: app }, MISSING, 'missing parameter: record_id'],
		[HstRecordPath.DELETE, { app_id: app, record_list: ['r'] }, BAD, 'mode: required'],
		[
			HstRecordPath.DELETE,
			{ mode: 4, app_id: app, record_list: ['r'] },
			BAD,
			'mode: must be one of 1, 2, 3',
		],
		[HstRecordPath.DELETE, { mode: 1, app_id: app, record_list: [] }, MISSING, 'record_list'],
		[
			HstLivePath.START,
			{ app_id: app, group_id: 'room-101', quality_level: 4 },
			BAD,
			'quality_level: must be one of 1, 2, 3',
		],
		[
			HstLivePath.START,
			{ app_id: app, group_id: 'room-101', height: 1081 },
			BAD,
			'height: must be at most 1080',
		],
		[
			HstLivePath.START,
			{ app_id: app, group_id: 'empty-room' },
			REFUSED,
			'nobody in group empty-room broadcasts',
		],
		[
			HstLivePath.STOP,
			{ app_id: app, group_id: 'room-101' },
			REFUSED,
			'group room-101 is not live',
		],
	])('POST %s %j → %i', async (path, body, code, message) => {
		const answer = await call('POST', path, body);
		expect(answer.code).toBe(code);
		expect(answer.msg).toContain(message);
	});

	it.each([
		[{ page_size: '501' }, BAD, 'page_size: must be at most 500'],
		[{ page: '0' }, BAD, 'page: must be at least 1'],
		[{ status: '8' }, BAD, 'status: must be one of -1, 1, 2, 3, 4, 5, 6, 7'],
		[
			{ start_time: '2026-01-05T00:00:00Z' },
			BAD,
			'start_time: must be a time such as 2026-01-15 09:30:00',
		],
		[{ stop_time: '2026-02-30 00:00:00' }, BAD, 'stop_time: must be a time such as'],
	])('GET the task list with %j → %i', async (query, code, message) => {
		const answer = await call('GET', HstRecordPath.TASK_LIST, { app_id: app, ...query });
		expect(answer).toMatchObject({ code });
		expect(answer.msg).toContain(message);
	});

	it('checks every layout and text entry', async () => {
		const recordId = await startedTask();
		const layout = (entry: Record<string, unknown>) =>
			call('POST', HstRecordPath.SET_LAYOUT, {
				app_id: app,
				record_id: recordId,
				video_list: [entry],
			});
		const video = { user_id: 'u', media_id: 'm', media_type: 2 };
		expect((await layout({ ...video, media_type: 1 })).msg).toContain(
			'video_list.media_type: must be one of 0, 2',
		);
		expect((await layout({ ...video, x: 1921 })).msg).toContain('x: must be at most 1920');
		expect((await layout({ ...video, crop_mode: 0 })).msg).toContain(
			'crop_mode: must be one of 1, 2, 3',
		);
		expect((await layout({ media_id: 'm', media_type: 2 })).msg).toContain(
			'video_list.user_id: required',
		);
		const overlay = (fields: Record<string, unknown>) =>
			call('POST', HstRecordPath.SET_OVERLAY, { app_id: app, record_id: recordId, ...fields });
		const text = { x: 0, y: 0, content: 'hi', color: 255, size: 30, transparency: 50 };
		expect((await overlay({ subtitle_list: [{ ...text, color: undefined }] })).msg).toContain(
			'missing parameter: color',
		);
		expect((await overlay({ subtitle_list: [{ ...text, transparency: 101 }] })).msg).toContain(
			'transparency: must be at most 100',
		);
		expect(
			(await overlay({ logo_list: [{ x: 0, y: 0, file_path: 'a.png', scaleratio: 1 }] })).msg,
		).toContain('not open');
		expect((await overlay({ subtitle_list: [text] })).code).toBe(0);
	});

	it('follows the task lifecycle: no resume unless paused, nothing after the end, files only when done', async () => {
		const recordId = await startedTask();
		const task = { app_id: app, record_id: recordId };
		expect((await call('POST', HstRecordPath.SUSPEND, task)).msg).toContain('is not recording');
		await control.advanceRecordings({ recordId });
		expect((await call('POST', HstRecordPath.RESUME, task)).msg).toContain('is not paused');
		expect((await call('GET', HstRecordPath.DOWNLOAD_URLS, task)).msg).toContain(
			'not ready (status 2)',
		);
		expect(await call('POST', HstRecordPath.FINISH, task)).toMatchObject({
			code: 0,
			record_id: recordId,
		});
		expect((await call('POST', HstRecordPath.FINISH, task)).msg).toContain('has ended');
		expect((await call('POST', HstRecordPath.SET_LAYOUT, task)).msg).toContain('has ended');
		for (let step = 0; step < 3; step++) await control.advanceRecordings({ recordId });
		expect(await call('GET', HstRecordPath.DOWNLOAD_URLS, task)).toMatchObject({
			code: 0,
			total_num: 1,
			page: 1,
			data_list: [{ url: expect.stringContaining('/record-files/') }],
		});
	});

	it('finishing a task that never recorded fails it (-1) instead of encoding nothing', async () => {
		const answer = await call('POST', HstRecordPath.INIT, {
			app_id: app,
			group_id: 'g',
			seq: 'abc',
		});
		expect(answer).toMatchObject({ code: 0, seq: 'abc', id: 8194 });
		const task = { app_id: app, record_id: answer.record_id };
		await call('POST', HstRecordPath.FINISH, task);
		const [view] = (await control.recordings(app, 'g')).filter(
			(item) => item.record_id === answer.record_id,
		);
		expect(view.history.map((step) => step.status)).toEqual([1, -1]);
	});

	it('refuses calls without a token or with a body that is not JSON', async () => {
		expect(
			await call('POST', HstRecordPath.INIT, { app_id: app, group_id: 'g' }, { authorization: '' }),
		).toMatchObject({
			code: HstStatus.AUTHENTICATION_FAILED,
		});
		expect(
			await call(
				'POST',
				HstLivePath.START,
				{ app_id: app, group_id: 'g' },
				{ 'content-type': 'text/plain' },
			),
		).toMatchObject({ code: BAD });
	});
});
