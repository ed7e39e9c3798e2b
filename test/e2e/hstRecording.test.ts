import { createHash } from 'node:crypto';
import { request } from 'undici';

import { HstLivePath, HstRecordPath, HstRecordStatus } from '../../nodes/shared/hst/recording';
import { verifyFspToken } from '../../sandbox/hst/fspTokenVerifier';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { RECORDING_HISTORY, recordingHistory } from '../../sandbox/hst/recordingHistory';
import { SANDBOX_APPS } from '../../sandbox/hst/seed';
import { sandboxCredentials } from '../../scripts/mainJob/credentials';
import { deployNodeWorkflow, e2eContext, n8nApi, type E2eContext } from './harness/context';

jest.setTimeout(180_000);

/**
 * This file's own HST PaaS credential (same sandbox account), so the token it stores stays out of the
 * credential other test files share.
 */
let context: E2eContext = e2eContext();
const gateway = new HstGatewayControl(context.sandbox.hstGateway);
const classroom = SANDBOX_APPS.classroom;

/** Deploys Webhook → HST node with these parameters and runs it once in n8n. */
async function once(
	parameters: Record<string, unknown>,
	extra: { credentialType?: string; onError?: 'continueRegularOutput' } = {},
) {
	const run = await deployNodeWorkflow(
		{
			type: 'n8n-nodes-rtc-paas.hst',
			parameters,
			credentialType: extra.credentialType ?? 'hstApi',
			...(extra.onError ? { onError: extra.onError } : {}),
		},
		context,
	);
	return await run();
}

const recording = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'recording',
	operation,
	appId: classroom.appId,
	...parameters,
});

async function statusOf(recordId: string) {
	const tasks = await gateway.recordings(classroom.appId);
	return tasks.find((task) => task.record_id === recordId)?.status;
}

beforeAll(async () => {
	await gateway.reset();
	await gateway.configure({ recordingStepMs: 0 });
	const spec = sandboxCredentials(context.sandbox).find(
		(credential) => credential.type === 'hstApi',
	)!;
	const name = 'HST PaaS (recording tests)';
	const id = await n8nApi(context).createCredential({ ...spec, name });
	context = { ...context, credentials: { ...context.credentials, hstApi: { id, name } } };
});
afterAll(() => gateway.reset());

describe('HST PaaS node in n8n: recording', () => {
	it('a manual recording from start to deleted files, each operation in its own workflow', async () => {
		const [started] = await once(
			recording('start', {
				groupId: 'room-101',
				layoutMode: 'manual',
				options: { fileName: 'e2e-lesson', sliceMinutes: 30 },
			}),
		);
		const recordId = started.record_id as string;
		expect(started).toMatchObject({ group_id: 'room-101', layout_mode: 'manual' });
		expect(recordId).toMatch(/^\d{14}_room-101$/);

		const [layout] = await once(
			recording('setLayout', {
				recordId,
				audio: { entry: [{ userId: 'teacher01', mediaId: 'teacher01-mic' }] },
				video: { entry: [{ userId: 'teacher01', mediaId: 'teacher01-cam', w: 1920, h: 1080 }] },
			}),
		);
		expect(layout).toMatchObject({ audio_count: 1, video_count: 1 });
		expect(await statusOf(recordId)).toBe(HstRecordStatus.RECORDING);

		const [overlay] = await once(
			recording('addTextOverlay', {
				recordId,
				texts: { text: [{ content: 'Lesson 4', color: '#00ff00', x: 20, y: 20 }] },
			}),
		);
		expect(overlay).toMatchObject({ text_count: 1 });
		expect((await gateway.requests(HstRecordPath.SET_OVERLAY)).at(-1)?.body).toMatchObject({
			subtitle_list: [{ content: 'Lesson 4', color: 0x00ff00 }],
		});

		expect((await once(recording('pause', { recordId })))[0]).toMatchObject({ paused: true });
		expect(await statusOf(recordId)).toBe(HstRecordStatus.PAUSED);
		expect((await once(recording('resume', { recordId })))[0]).toMatchObject({ resumed: true });
		await gateway.elapseRecording(classroom.appId, recordId, 45 * 60);
		const [stopped] = await once(recording('stop', { recordId }));
		expect(stopped).toMatchObject({ stopped: true, record_id: recordId });
		expect(stopped.media_duration).toBeGreaterThanOrEqual(45 * 60);
		for (let step = 0; step < 3; step++) await gateway.advanceRecordings({ recordId });

		const listed = await once(recording('getMany', { filters: { recordId } }));
		expect(listed).toEqual([
			expect.objectContaining({ record_id: recordId, status: 6, status_name: 'done' }),
		]);

		const files = await once(recording('getDownloadUrls', { recordId }));
		expect(files.map((file) => file.file_index)).toEqual([1, 2]);
		for (const file of files) {
			const response = await request(file.url as string);
			const bytes = Buffer.from(await response.body.arrayBuffer());
			expect(createHash('md5').update(bytes).digest('hex')).toBe(file.md5);
		}

		const [deleted] = await once(recording('delete', { recordIds: recordId }));
		expect(deleted).toMatchObject({
			record_ids: [recordId],
			mode: 'filesAndRecord',
			deleted: true,
		});
		expect((await request(files[0].url as string)).statusCode).toBe(404);
	});

	it('an automatic recording, and Get Many over pages of 500 with a time range', async () => {
		const [started] = await once(
			recording('start', {
				groupId: 'room-102',
				automaticLayout: { layout: 'mainSpeaker', mainSpeakerUserId: 'teacher02', maxVideos: 4 },
			}),
		);
		expect((await gateway.requests(HstRecordPath.INIT)).at(-1)?.body).toMatchObject({
			auto: { type: 2, user_id: 'teacher02', media_count: 4 },
			seq: started.seq,
		});
		await gateway.advanceRecordings({ recordId: started.record_id as string });
		expect(await statusOf(started.record_id as string)).toBe(HstRecordStatus.RECORDING);

		await gateway.clearRequests();
		const january = await once(
			recording('getMany', {
				returnAll: true,
				filters: {
					startTime: '2026-01-01T00:00:00+08:00',
					stopTime: '2026-02-01T00:00:00+08:00',
				},
			}),
		);
		const history = recordingHistory(RECORDING_HISTORY.appId);
		expect(january.map((item) => item.record_id)).toEqual(history.map((task) => task.recordId));
		const pages = await gateway.requests(HstRecordPath.TASK_LIST);
		expect(pages.map((page) => page.query.page_size)).toEqual(
			Array(Math.ceil(history.length / 500)).fill('500'),
		);
		expect(pages[0].query).toMatchObject({
			start_time: '2026-01-01 00:00:00',
			stop_time: '2026-02-01 00:00:00',
		});
	});

	it('a refused call fails the workflow with HST code and message; Continue On Fail keeps it as an item', async () => {
		await expect(once(recording('resume', { recordId: 'missing-task' }))).rejects.toThrow(
			/HST 606000003: A parameter is invalid/,
		);
		const [item] = await once(
			{ ...recording('start', { groupId: 'weekly-sync' }), appId: SANDBOX_APPS.meeting.appId },
			{ onError: 'continueRegularOutput' },
		);
		expect(item).toEqual({
			error:
				'HST 30001: Refused by the recording or live service (the task or group is not in a state that allows this)',
			description: `HST says "app ${SANDBOX_APPS.meeting.appId} has no recording service" (POST ${HstRecordPath.INIT})`,
		});
	});
});

describe('HST PaaS node in n8n: live stream', () => {
	it('start answers the stream URLs, Get Many lists it, stop ends it', async () => {
		const [started] = await once({
			resource: 'liveStream',
			operation: 'start',
			appId: classroom.appId,
			groupId: 'room-101',
			options: { quality: 'smooth' },
		});
		expect(started).toMatchObject({
			group_id: 'room-101',
			flv_url: expect.stringMatching(/\.flv$/),
			m3u8_url: expect.stringMatching(/\.m3u8$/),
			rtmp_url: expect.stringMatching(/^rtmp:\/\//),
		});
		expect((await gateway.requests(HstLivePath.START)).at(-1)?.body).toMatchObject({
			quality_level: 1,
		});
		const listed = await once({
			resource: 'liveStream',
			operation: 'getMany',
			appId: classroom.appId,
			returnAll: true,
		});
		expect(listed).toEqual([
			expect.objectContaining({ group_id: 'room-101', rtmp_url: started.rtmp_url }),
		]);
		const [stopped] = await once({
			resource: 'liveStream',
			operation: 'stop',
			appId: classroom.appId,
			groupId: 'room-101',
		});
		expect(stopped).toMatchObject({ group_id: 'room-101', stopped: true });
		expect(await gateway.liveStreams(classroom.appId)).toEqual([]);
	});
});

describe('HST PaaS node in n8n: client token', () => {
	it('signs a token with the HST App credential that the app secret verifies', async () => {
		const [item] = await once(
			{
				resource: 'clientToken',
				operation: 'create',
				userId: 'student042',
				groupId: 'room-101',
				options: { expiresIn: 600 },
			},
			{ credentialType: 'hstAppApi' },
		);
		const verdict = verifyFspToken(item.token as string, classroom.appSecret, {
			appId: classroom.appId,
			now: Date.now(),
			maxSkewMs: 60_000,
		});
		expect(verdict).toMatchObject({
			ok: true,
			claims: { gid: 'room-101', uid: 'student042', et: item.expires_at_unix },
		});
		expect(JSON.stringify(item)).not.toContain(classroom.appSecret);
	});

	it('tests the HST App credential in n8n: 16 characters pass, others are named', async () => {
		const api = n8nApi();
		expect(await api.testCredential(context.credentials.hstAppApi.id)).toEqual({
			status: 'OK',
			message:
				'The app secret has 16 characters and signs tokens (HST has no endpoint to check it against)',
		});
		const wrong = await api.createCredential({
			name: 'HST App wrong secret',
			type: 'hstAppApi',
			data: { appId: classroom.appId, appSecret: 'fifteen-chars!!' },
		});
		const result = await api.testCredential(wrong);
		expect(result).toEqual({
			status: 'Error',
			message:
				'App Secret must be exactly 16 characters (it is the AES-128 key of the token); this one has 15',
		});
	});
});
