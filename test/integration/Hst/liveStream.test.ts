import { HstLivePath } from '../../../nodes/shared/hst/recording';
import { SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { AnswerStyle } from '../../../sandbox/hst/topLevel';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
});

const classroom = SANDBOX_APPS.classroom;
const live = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'liveStream',
	operation,
	appId: classroom.appId,
	...parameters,
});

describe('live stream', () => {
	it('starts a broadcasting group with its options and answers the FLV, HLS and RTMP URLs', async () => {
		const [started] = await hst.run(
			live('start', {
				groupId: 'room-101',
				options: { quality: 'high', cropMode: 'stretch', width: 1280, height: 720, frameRate: 20 },
			}),
		);
		expect(started.json).toMatchObject({
			app_id: classroom.appId,
			group_id: 'room-101',
			flv_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/fsp-live\/\d{14}_room-101\.flv$/),
			m3u8_url: expect.stringMatching(/\.m3u8$/),
			rtmp_url: expect.stringMatching(/^rtmp:\/\/127\.0\.0\.1:1935\/fsp-live\//),
		});
		const [sent] = await hst.requestsTo(HstLivePath.START);
		expect(sent.body).toEqual({
			app_id: classroom.appId,
			group_id: 'room-101',
			width: 1280,
			height: 720,
			frame_rate: 20,
			crop_mode: 1,
			quality_level: 3,
		});

		const listed = await hst.run(live('getMany', { returnAll: true }));
		expect(listed.map((item) => item.json)).toEqual([
			expect.objectContaining({
				app_id: classroom.appId,
				group_id: 'room-101',
				flv_url: started.json.flv_url,
				start_time: expect.any(Number),
				started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			}),
		]);

		await expect(hst.run(live('start', { groupId: 'room-101' }))).rejects.toMatchObject({
			message: expect.stringMatching(/^HST 30001: /),
			description: expect.stringContaining('group room-101 is already live'),
		});
		const [stopped] = await hst.run(live('stop', { groupId: 'room-101' }));
		expect(stopped.json).toMatchObject({ group_id: 'room-101', stopped: true });
		expect(await hst.control.liveStreams(classroom.appId)).toEqual([]);
		await expect(hst.run(live('stop', { groupId: 'room-101' }))).rejects.toMatchObject({
			description: expect.stringContaining('group room-101 is not live'),
		});
	});

	it('refuses a group where nobody broadcasts, as HST requires media first', async () => {
		await expect(
			hst.run({
				...live('start', { groupId: 'weekly-sync' }),
				appId: SANDBOX_APPS.meeting.appId,
			}),
		).rejects.toMatchObject({
			description: expect.stringContaining('nobody in group weekly-sync broadcasts'),
		});
	});

	it('applies Limit to the list and reads it under result too', async () => {
		await hst.run(live('start', { groupId: 'room-101' }));
		await hst.run(live('start', { groupId: 'room-102' }));
		expect(await hst.run(live('getMany', { limit: 1 }))).toHaveLength(1);
		await hst.control.configure({ answerStyle: AnswerStyle.UNDER_RESULT });
		const all = await hst.run(live('getMany', { returnAll: true }));
		expect(all.map((item) => item.json.group_id).sort()).toEqual(['room-101', 'room-102']);
	});
});
