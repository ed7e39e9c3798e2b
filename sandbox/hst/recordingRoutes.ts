import { HstRecordPath, HstRecordStatus } from '../../nodes/shared/hst/recording';
import { HstService } from '../../nodes/shared/hst/services';
import { isPlainObject } from '../http/exchange';
import { ownedApp, type BusinessCall } from './businessRoutes';
import { ownedTask, recordingQueries } from './recordingQueries';
import type { RecordingTask, TaskSettings } from './recordings';
import { TopLevelAnswer } from './topLevel';
import {
	bad,
	optionalArray,
	optionalChoice,
	optionalInteger,
	optionalString,
	refused,
	requiredInteger,
	requiredString,
} from './validate';

/**
 * The recording API, checked the way HST documents it (docs/vendors/hst.md#cloud-recording) and the way
 * its demo calls it: `seq` and `company_id` are documented as required on init, but the demo sends
 * neither, so both are optional here; `main_media_type`, `white_board` and record mode 1 come from
 * the demo. Every answer puts its fields next to `code`.
 */

const ACTIVE = new Set<number>([
	HstRecordStatus.INITIALIZED,
	HstRecordStatus.RECORDING,
	HstRecordStatus.PAUSED,
]);

const range = (min: number, max: number) => ({ min, max });

function companyId(body: Record<string, unknown>): string | undefined {
	const value = body.company_id;
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value === 'string') return value;
	throw bad('company_id', 'must be a string');
}

function automaticLayout(body: Record<string, unknown>): Record<string, unknown> | undefined {
	if (body.auto === undefined || body.auto === null) return undefined;
	if (!isPlainObject(body.auto)) throw bad('auto', 'must be an object');
	const auto = body.auto;
	const type = optionalChoice(auto, 'type', [1, 2], 1);
	optionalString(auto, 'user_id');
	optionalChoice(auto, 'media_type', [2]);
	optionalChoice(auto, 'main_media_type', [0, 2, 4]);
	optionalInteger(auto, 'media_count', range(1, 9));
	optionalChoice(auto, 'crop_mode', [1, 2, 3]);
	return { ...auto, type };
}

function init(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const groupId = requiredString(call.body, 'group_id');
	const settings: TaskSettings = {
		fileName: optionalString(call.body, 'file_name'),
		fileType: optionalChoice(call.body, 'file_type', [0, 1], 0)!,
		sliceMinutes: optionalInteger(call.body, 'file_duration', range(15, 300)) ?? 60,
		width: optionalInteger(call.body, 'width', range(1, 1920)) ?? 1920,
		height: optionalInteger(call.body, 'height', range(1, 1080)) ?? 1080,
		recordMode: optionalChoice(call.body, 'record_mode', [0, 1], 0)!,
		frameRate: optionalInteger(call.body, 'frame_rate', range(1, 30)) ?? 30,
		companyId: companyId(call.body),
		auto: automaticLayout(call.body),
	};
	optionalInteger(call.body, 'timeout', range(5, 1800));
	optionalChoice(call.body, 'white_board', [0, 1]);
	const seq = optionalString(call.body, 'seq');
	if (!app.services.some((service) => service.service_id === HstService.RECORDING))
		throw refused(`app ${app.appId} has no recording service`);
	const task = call.world.recordings.create(app.appId, groupId, settings, call.now);
	return new TopLevelAnswer({ id: 8194, seq, record_id: task.recordId });
}

function activeTask(call: BusinessCall): RecordingTask {
	const task = ownedTask(call);
	if (!ACTIVE.has(task.status)) throw refused(`record task ${task.recordId} has ended`);
	return task;
}

function mediaEntry(entry: unknown, list: string, types: number[]) {
	if (!isPlainObject(entry)) throw bad(list, 'entries must be objects');
	const userId = entry.user_id;
	// The documents type a video's user_id as int and show strings in the example: both are taken.
	if (!(typeof userId === 'string' && userId !== '') && !Number.isSafeInteger(userId))
		throw bad(`${list}.user_id`, 'required');
	requiredString(entry, 'media_id');
	if (!types.includes(requiredInteger(entry, 'media_type')))
		throw bad(`${list}.media_type`, `must be one of ${types.join(', ')}`);
	return entry;
}

function setLayout(call: BusinessCall) {
	const task = activeTask(call);
	const audio = optionalArray(call.body, 'audio_list').map((entry) =>
		mediaEntry(entry, 'audio_list', [1]),
	);
	const video = optionalArray(call.body, 'video_list').map((entry) => {
		const checked = mediaEntry(entry, 'video_list', [0, 2]);
		optionalInteger(checked, 'x', range(0, 1920));
		optionalInteger(checked, 'y', range(0, 1080));
		optionalInteger(checked, 'w', range(1, 1920));
		optionalInteger(checked, 'h', range(1, 1080));
		optionalChoice(checked, 'crop_mode', [1, 2, 3]);
		return checked;
	});
	const seq = optionalString(call.body, 'seq');
	task.layout = { audio, video };
	// A manual task starts with its first layout; with nothing to record nothing is composed.
	const media = audio.length + video.length;
	if (!task.auto && task.status === HstRecordStatus.INITIALIZED && media > 0)
		call.world.recordings.change(task, HstRecordStatus.RECORDING, call.now, 'recording started');
	return new TopLevelAnswer({ seq, record_id: task.recordId });
}

function setOverlay(call: BusinessCall) {
	const task = activeTask(call);
	if (optionalArray(call.body, 'logo_list').length > 0)
		throw bad('logo_list', 'image overlays are not open for external use');
	task.overlay = optionalArray(call.body, 'subtitle_list').map((entry) => {
		if (!isPlainObject(entry)) throw bad('subtitle_list', 'entries must be objects');
		// The table gives [0,1920] for y as well as x.
		requiredInteger(entry, 'x', range(0, 1920));
		requiredInteger(entry, 'y', range(0, 1920));
		requiredString(entry, 'content');
		requiredInteger(entry, 'color', range(0, 0xffffff));
		requiredInteger(entry, 'size', range(1, 1000));
		requiredInteger(entry, 'transparency', range(0, 100));
		return entry;
	});
	return new TopLevelAnswer({ seq: optionalString(call.body, 'seq'), record_id: task.recordId });
}

function suspend(call: BusinessCall) {
	const task = ownedTask(call);
	if (task.status !== HstRecordStatus.RECORDING)
		throw refused(`record task ${task.recordId} is not recording`);
	call.world.recordings.change(task, HstRecordStatus.PAUSED, call.now, 'recording paused');
	return new TopLevelAnswer({ record_id: task.recordId });
}

function resume(call: BusinessCall) {
	const task = ownedTask(call);
	if (task.status !== HstRecordStatus.PAUSED)
		throw refused(`record task ${task.recordId} is not paused`);
	call.world.recordings.change(task, HstRecordStatus.RECORDING, call.now, 'recording resumed');
	return new TopLevelAnswer({ record_id: task.recordId });
}

function finish(call: BusinessCall) {
	const task = activeTask(call);
	const recordings = call.world.recordings;
	if (task.status === HstRecordStatus.INITIALIZED)
		recordings.change(task, HstRecordStatus.FAILED, call.now, 'nothing was recorded');
	else recordings.change(task, HstRecordStatus.WAITING_TO_ENCODE, call.now, 'recording finished');
	const mediaSeconds = recordings.recordedSeconds(task, call.now);
	return new TopLevelAnswer({
		record_id: task.recordId,
		media_duration: mediaSeconds,
		record_duration: Math.round((call.now - task.createdAt) / 1000),
		flow: mediaSeconds * 125,
	});
}

export const recordingRoutes: Record<string, (call: BusinessCall) => unknown> = {
	[`POST ${HstRecordPath.INIT}`]: init,
	[`POST ${HstRecordPath.SET_LAYOUT}`]: setLayout,
	[`POST ${HstRecordPath.SET_OVERLAY}`]: setOverlay,
	[`POST ${HstRecordPath.SUSPEND}`]: suspend,
	[`POST ${HstRecordPath.RESUME}`]: resume,
	[`POST ${HstRecordPath.FINISH}`]: finish,
	...recordingQueries,
};
