import { NodeOperationError } from 'n8n-workflow';

import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
});

const recording = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'recording',
	operation,
	appId: 'app-1',
	recordId: 'rec-1',
	...parameters,
});
const video = (entry: Record<string, unknown>) => ({
	video: { entry: [{ userId: 'u', mediaId: 'cam', ...entry }] },
});

describe('recording, live and token parameters are refused before any request, naming the field', () => {
	it.each([
		['App ID', recording('start', { appId: ' ', groupId: 'g' }), 'is empty'],
		['Group ID', recording('start', { groupId: '' }), 'is empty'],
		[
			'Slice Duration (Minutes)',
			recording('start', { groupId: 'g', options: { sliceMinutes: 10 } }),
			'must be at least 15, got 10',
		],
		[
			'Width',
			recording('start', { groupId: 'g', options: { width: 4000 } }),
			'must be at most 1920',
		],
		[
			'Frame Rate',
			recording('start', { groupId: 'g', options: { frameRate: 0 } }),
			'must be at least 1',
		],
		[
			'Stop After Failing to Pull (Seconds)',
			recording('start', { groupId: 'g', options: { stopAfterSeconds: 2000 } }),
			'must be at most 1800',
		],
		[
			'Max Videos',
			recording('start', { groupId: 'g', automaticLayout: { maxVideos: 12 } }),
			'must be at most 9',
		],
		[
			'Main Speaker User ID',
			recording('start', { groupId: 'g', automaticLayout: { mainSpeakerUserId: 't1' } }),
			'is used only with the Main Speaker layout',
		],
		[
			'Layout',
			recording('start', { groupId: 'g', automaticLayout: { layout: 'grid' } }),
			'must be one of "even", "mainSpeaker"; got "grid"',
		],
		[
			'File Type',
			recording('start', { groupId: 'g', options: { fileType: 'avi' } }),
			'must be one of "mp4", "mp3"',
		],
		[
			'Layout Mode',
			recording('start', { groupId: 'g', layoutMode: 'both' }),
			'must be "automatic" or "manual"',
		],
		['Video', recording('setLayout'), 'add at least one audio or video'],
		[
			'Audio',
			recording('setLayout', { audio: { entry: [{ userId: 'u', mediaId: '' }] } }),
			'entry 1 has no Media ID',
		],
		[
			'Video',
			recording('setLayout', video({ x: 1921 })),
			'entry 1: X must be a whole number from 0 to 1920',
		],
		[
			'Video',
			recording('setLayout', video({ h: 0 })),
			'entry 1: Height must be a whole number from 1 to 1080',
		],
		[
			'Video',
			recording('setLayout', video({ source: 'whiteboard' })),
			'entry 1: Source must be "camera" or "screenShare"',
		],
		['Record ID', recording('setLayout', { recordId: '', ...video({}) }), 'is empty'],
		['Texts', recording('addTextOverlay'), 'add at least one text'],
		[
			'Texts',
			recording('addTextOverlay', { texts: { text: [{ content: 'hi', color: 'red' }] } }),
			'text 1: Color must be like #ff8800, got "red"',
		],
		[
			'Texts',
			recording('addTextOverlay', { texts: { text: [{ content: 'hi', y: 1200 }] } }),
			'text 1: Y must be a whole number from 0 to 1080',
		],
		[
			'Texts',
			recording('addTextOverlay', { texts: { text: [{ content: ' ' }] } }),
			'text 1: Content is empty',
		],
		['Record ID', recording('pause', { recordId: '' }), 'is empty'],
		['Status', recording('getMany', { filters: { status: 'archived' } }), 'must be one of'],
		[
			'Stop Time',
			recording('getMany', { filters: { startTime: '2026-02-01', stopTime: '2026-01-01' } }),
			'is before Start Time',
		],
		[
			'Start Time',
			recording('getMany', { filters: { startTime: 'yesterday-ish' } }),
			'is not a date',
		],
		['Record IDs', recording('delete', { recordIds: ' , ' }), 'give at least one ID'],
		[
			'Delete',
			recording('delete', { recordIds: 'r1', mode: 'everything' }),
			'must be one of "filesAndRecord", "filesOnly", "recordOnly"',
		],
		[
			'Quality',
			{
				resource: 'liveStream',
				operation: 'start',
				appId: 'a',
				groupId: 'g',
				options: { quality: 'ultra' },
			},
			'must be one of "smooth", "standard", "high"',
		],
		[
			'Height',
			{
				resource: 'liveStream',
				operation: 'start',
				appId: 'a',
				groupId: 'g',
				options: { height: 2160 },
			},
			'must be at most 1080',
		],
		['Group ID', { resource: 'liveStream', operation: 'stop', appId: 'a' }, 'is empty'],
		['User ID', { resource: 'clientToken', operation: 'create', userId: '' }, 'is empty'],
		[
			'Expires In (Seconds)',
			{ resource: 'clientToken', operation: 'create', userId: 'u', options: { expiresIn: 0 } },
			'must be at least 1',
		],
	])('%s: %p', async (label, parameters, problem) => {
		const failure = await hst.run(parameters).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message.startsWith(`${label}: `)).toBe(true);
		expect((failure as Error).message).toContain(problem);
		expect(await hst.control.requests()).toHaveLength(0);
	});
});
