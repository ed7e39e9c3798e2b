import { HstRecordPath, HstRecordStatus } from '../../nodes/shared/hst/recording';
import { formatUtc8 } from './billing';
import { ownedApp, type BusinessCall } from './businessRoutes';
import { recordFilePath } from './recordFiles';
import type { RecordingTask } from './recordings';
import { TopLevelAnswer } from './topLevel';
import {
	bad,
	optionalChoice,
	optionalInteger,
	optionalString,
	refused,
	requiredArray,
	requiredString,
} from './validate';

/**
 * The task list, the download URLs and deletion (docs/vendors/hst.md#cloud-recording). Times are
 * `yyyy-MM-dd HH:mm:ss` in UTC+8, as HST writes them; `start_time` keeps tasks started at or after it,
 * `stop_time` tasks stopped at or before it.
 */

/** The task named by `app_id` and `record_id` (of the body, or `source`), in an app of this developer. */
export function ownedTask(call: BusinessCall, source = call.body): RecordingTask {
	const app = ownedApp(call, requiredString(source, 'app_id'));
	const recordId = requiredString(source, 'record_id');
	const task = call.world.recordings.find(app.appId, recordId);
	if (!task) throw bad('record_id', `no record task ${recordId}`);
	return task;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function optionalTime(query: Record<string, string>, name: string): number | undefined {
	const text = optionalString(query, name);
	if (text === undefined) return undefined;
	const parts = TIME.exec(text);
	const instant = parts
		? Date.parse(`${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}+08:00`)
		: NaN;
	if (!Number.isFinite(instant) || formatUtc8(instant) !== text)
		throw bad(name, 'must be a time such as 2026-01-15 09:30:00');
	return instant;
}

export function taskRecord(task: RecordingTask, now: number) {
	return {
		record_id: task.recordId,
		record_mode: task.recordMode,
		group_id: task.groupId,
		start_time: formatUtc8(task.createdAt),
		stop_time: task.stoppedAt === undefined ? '' : formatUtc8(task.stoppedAt),
		status: task.status,
		file_name: task.fileName ?? task.recordId,
		company_id: task.companyId ?? '',
		record_time: Math.round(
			(task.recordedMs + (task.recordingSince ? now - task.recordingSince : 0)) / 1000,
		),
		width: task.width,
		height: task.height,
		auto: task.auto !== undefined,
	};
}

function taskList(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.query, 'app_id'));
	const recordId = optionalString(call.query, 'record_id');
	const groupId = optionalString(call.query, 'group_id');
	const status = optionalChoice(call.query, 'status', [-1, 1, 2, 3, 4, 5, 6, 7]);
	const start = optionalTime(call.query, 'start_time');
	const stop = optionalTime(call.query, 'stop_time');
	const page = optionalInteger(call.query, 'page', { min: 1 }) ?? 1;
	const pageSize = optionalInteger(call.query, 'page_size', { min: 1, max: 500 }) ?? 50;
	const matching = call.world.recordings
		.of(app.appId)
		.filter(
			(task) =>
				(recordId === undefined || task.recordId === recordId) &&
				(groupId === undefined || task.groupId === groupId) &&
				(status === undefined || task.status === status) &&
				(start === undefined || task.createdAt >= start) &&
				(stop === undefined || (task.stoppedAt !== undefined && task.stoppedAt <= stop)),
		)
		.sort((left, right) => left.createdAt - right.createdAt);
	return new TopLevelAnswer({
		total_num: matching.length,
		record_list: matching
			.slice((page - 1) * pageSize, page * pageSize)
			.map((task) => taskRecord(task, call.now)),
	});
}

/** Every file on the first page: HST documents `total_num` as the length of `data_list`. */
function downloadUrls(call: BusinessCall) {
	const task = ownedTask(call, call.query);
	const page = optionalInteger(call.query, 'page', { min: 1 }) ?? 1;
	if (task.status !== HstRecordStatus.DONE)
		throw refused(`the files of ${task.recordId} are not ready (status ${task.status})`);
	const files = page === 1 ? (task.files ?? []) : [];
	return new TopLevelAnswer({
		msg: 'OK',
		page,
		total_num: files.length,
		data_list: files.map((file) => ({
			url: call.baseUrl + recordFilePath(task, file.index),
			md5: file.md5,
			file_name: task.fileName ?? task.recordId,
			extent: file.sliceStart,
		})),
	});
}

/** Success also for unknown IDs and files already gone, as HST documents. */
function deleteRecords(call: BusinessCall) {
	const mode = optionalChoice(call.body, 'mode', [1, 2, 3]);
	if (mode === undefined) throw bad('mode', 'required');
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const recordIds = requiredArray(call.body, 'record_list').map((recordId) => {
		if (typeof recordId !== 'string' || recordId === '')
			throw bad('record_list', 'entries must be non-empty strings');
		return recordId;
	});
	for (const recordId of recordIds) call.world.recordings.remove(app.appId, recordId, mode);
	return new TopLevelAnswer({ msg: 'ok' });
}

export const recordingQueries: Record<string, (call: BusinessCall) => unknown> = {
	[`GET ${HstRecordPath.TASK_LIST}`]: taskList,
	[`GET ${HstRecordPath.DOWNLOAD_URLS}`]: downloadUrls,
	[`POST ${HstRecordPath.DELETE}`]: deleteRecords,
};
