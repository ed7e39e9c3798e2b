import { createHash } from 'node:crypto';
import { request } from 'undici';

import { HstRecordPath, HstRecordStatus } from '../../../nodes/shared/hst/recording';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
	await hst.control.configure({ recordingStepMs: 0 });
});

const classroom = SANDBOX_APPS.classroom;
const recording = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'recording',
	operation,
	appId: classroom.appId,
	...parameters,
});

async function statusOf(recordId: string) {
	const [task] = (await hst.control.recordings(classroom.appId)).filter(
		(candidate) => candidate.record_id === recordId,
	);
	return task.status;
}

async function download(url: string) {
	const response = await request(url);
	const bytes = Buffer.from(await response.body.arrayBuffer());
	return { status: response.statusCode, type: response.headers['content-type'], bytes };
}

describe('recording: start, layout, text, pause, resume, stop', () => {
	it('starts an automatic recording: auto {} and a generated seq, then HST starts recording', async () => {
		const [started] = await hst.run(recording('start', { groupId: 'room-101' }));
		expect(started.json).toMatchObject({
			app_id: classroom.appId,
			group_id: 'room-101',
			layout_mode: 'automatic',
			record_id: expect.stringMatching(/^\d{14}_room-101$/),
		});
		const [sent] = await hst.requestsTo(HstRecordPath.INIT);
		expect(sent.body).toEqual({
			app_id: classroom.appId,
			group_id: 'room-101',
			seq: started.json.seq,
			auto: {},
		});
		expect(sent.body).toMatchObject({ seq: expect.stringMatching(/^n8n-\d+-\d+$/) });
		const recordId = started.json.record_id as string;
		expect(await statusOf(recordId)).toBe(HstRecordStatus.INITIALIZED);
		await hst.control.advanceRecordings({ recordId });
		expect(await statusOf(recordId)).toBe(HstRecordStatus.RECORDING);
	});

	it('sends every option of a manual recording by its HST name and number', async () => {
		await hst.run(
			recording('start', {
				groupId: 'room-102',
				layoutMode: 'manual',
				options: {
					fileName: 'maths-2026',
					fileType: 'mp3',
					sliceMinutes: 15,
					width: 1280,
					height: 720,
					frameRate: 25,
					stopAfterSeconds: 30,
					recordWhiteboard: false,
					companyId: 'school-7',
					seq: 'my-seq',
				},
			}),
		);
		const [sent] = await hst.requestsTo(HstRecordPath.INIT);
		expect(sent.body).toEqual({
			app_id: classroom.appId,
			group_id: 'room-102',
			seq: 'my-seq',
			file_name: 'maths-2026',
			file_type: 1,
			file_duration: 15,
			width: 1280,
			height: 720,
			frame_rate: 25,
			timeout: 30,
			white_board: 0,
			company_id: 'school-7',
		});
	});

	it('sends the automatic layout options: main speaker, main media, max videos, crop mode', async () => {
		await hst.run(
			recording('start', {
				groupId: 'room-101',
				automaticLayout: {
					layout: 'mainSpeaker',
					mainSpeakerUserId: 'teacher01',
					mainMedia: 'screenShare',
					maxVideos: 4,
					cropMode: 'scaleAndFit',
				},
			}),
		);
		const [sent] = await hst.requestsTo(HstRecordPath.INIT);
		expect((sent.body as Record<string, unknown>).auto).toEqual({
			type: 2,
			user_id: 'teacher01',
			main_media_type: 0,
			media_count: 4,
			crop_mode: 3,
		});
	});

	it('a manual recording starts with its first layout; texts, pause, resume and stop follow', async () => {
		const [started] = await hst.run(
			recording('start', { groupId: 'room-101', layoutMode: 'manual' }),
		);
		const recordId = started.json.record_id as string;
		const [layout] = await hst.run(
			recording('setLayout', {
				recordId,
				audio: { entry: [{ userId: 'teacher01', mediaId: 'teacher01-mic' }] },
				video: {
					entry: [
						{ userId: 'teacher01', mediaId: 'teacher01-cam', x: 0, y: 0, w: 960, h: 540 },
						{
							userId: 'teacher01',
							mediaId: 'screen-1',
							source: 'screenShare',
							x: 960,
							w: 960,
							h: 540,
							cropMode: 'scaleAndFit',
						},
					],
				},
			}),
		);
		expect(layout.json).toMatchObject({ record_id: recordId, audio_count: 1, video_count: 2 });
		const [sentLayout] = await hst.requestsTo(HstRecordPath.SET_LAYOUT);
		expect(sentLayout.body).toMatchObject({
			app_id: classroom.appId,
			record_id: recordId,
			seq: expect.any(String),
			audio_list: [{ user_id: 'teacher01', media_id: 'teacher01-mic', media_type: 1 }],
			video_list: [
				{ user_id: 'teacher01', media_id: 'teacher01-cam', media_type: 2, crop_mode: 1 },
				{ media_id: 'screen-1', media_type: 0, x: 960, y: 0, w: 960, h: 540, crop_mode: 3 },
			],
		});
		expect(await statusOf(recordId)).toBe(HstRecordStatus.RECORDING);

		const [overlay] = await hst.run(
			recording('addTextOverlay', {
				recordId,
				texts: {
					text: [{ content: '数学 · Lesson 4', color: '#ff8800', x: 40, y: 1000, size: 28 }],
				},
			}),
		);
		expect(overlay.json).toMatchObject({ record_id: recordId, text_count: 1 });
		const [sentOverlay] = await hst.requestsTo(HstRecordPath.SET_OVERLAY);
		expect(sentOverlay.body).toEqual({
			app_id: classroom.appId,
			record_id: recordId,
			subtitle_list: [
				{ x: 40, y: 1000, content: '数学 · Lesson 4', color: 0xff8800, size: 28, transparency: 0 },
			],
		});

		const [paused] = await hst.run(recording('pause', { recordId }));
		expect(paused.json).toMatchObject({
			app_id: classroom.appId,
			record_id: recordId,
			paused: true,
		});
		expect(await statusOf(recordId)).toBe(HstRecordStatus.PAUSED);
		await expect(hst.run(recording('pause', { recordId }))).rejects.toMatchObject({
			message: `HST ${HstStatus.MEDIA_TASK_REFUSED}: Refused by the recording or live service (the task or group is not in a state that allows this)`,
			description: expect.stringContaining(`is not recording`),
		});
		const [resumed] = await hst.run(recording('resume', { recordId }));
		expect(resumed.json).toMatchObject({ resumed: true });
		expect(await statusOf(recordId)).toBe(HstRecordStatus.RECORDING);

		await hst.control.elapseRecording(classroom.appId, recordId, 3700);
		const [stopped] = await hst.run(recording('stop', { recordId }));
		expect(stopped.json).toMatchObject({ record_id: recordId, stopped: true });
		expect(stopped.json.media_duration).toBeGreaterThanOrEqual(3700);
		expect(stopped.json.flow).toBe((stopped.json.media_duration as number) * 125);
		expect(await statusOf(recordId)).toBe(HstRecordStatus.WAITING_TO_ENCODE);
	});
});

describe('recording files: download URLs and delete', () => {
	async function finishedRecording(seconds: number) {
		const [started] = await hst.run(recording('start', { groupId: 'room-101' }));
		const recordId = started.json.record_id as string;
		await hst.control.advanceRecordings({ recordId });
		await hst.control.elapseRecording(classroom.appId, recordId, seconds);
		await hst.run(recording('stop', { recordId }));
		for (const expected of [4, 5, 6]) {
			const [moved] = await hst.control.advanceRecordings({ recordId });
			expect(moved.status).toBe(expected);
		}
		return recordId;
	}

	it('gives one item per file (one per hour sliced), each served by the sandbox with its md5', async () => {
		const recordId = await finishedRecording(2 * 3600 + 60);
		const files = await hst.run(recording('getDownloadUrls', { recordId }));
		expect(files.map((file) => file.json.file_index)).toEqual([1, 2, 3]);
		for (const file of files) {
			expect(file.json).toMatchObject({ app_id: classroom.appId, record_id: recordId });
			expect(file.pairedItem).toEqual({ item: 0 });
			const fetched = await download(file.json.url as string);
			expect(fetched.status).toBe(200);
			expect(fetched.type).toBe('video/mp4');
			expect(fetched.bytes.subarray(4, 8).toString()).toBe('ftyp');
			expect(createHash('md5').update(fetched.bytes).digest('hex')).toBe(file.json.md5);
		}
		const [query] = await hst.requestsTo(HstRecordPath.DOWNLOAD_URLS);
		expect(query.query).toEqual({ app_id: classroom.appId, record_id: recordId });
	});

	it('refuses the URLs of a recording still encoding, naming HST code and message', async () => {
		const [started] = await hst.run(recording('start', { groupId: 'room-102' }));
		await expect(
			hst.run(recording('getDownloadUrls', { recordId: started.json.record_id })),
		).rejects.toMatchObject({
			message: expect.stringMatching(/^HST 30001: /),
			description: expect.stringContaining('are not ready (status 1)'),
		});
	});

	it('deletes files only (the task stays listed), then files and record', async () => {
		const recordId = await finishedRecording(600);
		const [url] = (await hst.run(recording('getDownloadUrls', { recordId }))).map(
			(item) => item.json.url as string,
		);
		const [filesOnly] = await hst.run(
			recording('delete', { recordIds: recordId, mode: 'filesOnly' }),
		);
		expect(filesOnly.json).toMatchObject({
			app_id: classroom.appId,
			record_ids: [recordId],
			mode: 'filesOnly',
			deleted: true,
		});
		const [sent] = await hst.requestsTo(HstRecordPath.DELETE);
		expect(sent.body).toEqual({ mode: 2, app_id: classroom.appId, record_list: [recordId] });
		expect((await download(url)).status).toBe(404);
		expect(await hst.run(recording('getDownloadUrls', { recordId }))).toEqual([]);
		const listed = await hst.run(recording('getMany', { filters: { recordId } }));
		expect(listed.map((item) => item.json.status_name)).toEqual(['done']);

		await hst.run(recording('delete', { recordIds: [recordId, 'never-existed'] }));
		expect(await hst.run(recording('getMany', { filters: { recordId } }))).toEqual([]);
	});

	it('deletes the record only: the task leaves the list, its files stay downloadable', async () => {
		const recordId = await finishedRecording(60);
		const [file] = await hst.run(recording('getDownloadUrls', { recordId }));
		await hst.run(recording('delete', { recordIds: recordId, mode: 'recordOnly' }));
		expect(await hst.run(recording('getMany', { filters: { recordId } }))).toEqual([]);
		expect((await download(file.json.url as string)).status).toBe(200);
	});
});
