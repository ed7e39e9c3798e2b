import { HstRecordStatus } from '../../nodes/shared/hst/recording';
import type { ControlInput } from '../http/httpEmulator';
import { taskRecord } from './recordingQueries';
import type { RecordingTask } from './recordings';
import type { HstWorld } from './world';

/**
 * The recording knobs of the gateway emulator's control API:
 * `GET /recordings?appId=&groupId=` the tasks with their status history; `POST /recordings/advance
 * {appId?, recordId?}` takes the pending automatic step now (what `recordingStepMs` 0 waits for);
 * `POST /recordings/elapse {appId, recordId, seconds}` adds recorded time; `POST /recordings/fail
 * {appId, recordId, message?}` fails a task; `GET /live?appId=` the live streams.
 */
export function recordingControl(
	world: HstWorld,
	action: string,
	input: ControlInput,
	url: URL,
): { status: number; body: unknown } | undefined {
	const appId = String(input.appId ?? url.searchParams.get('appId') ?? '');
	const recordId = typeof input.recordId === 'string' ? input.recordId : undefined;
	const view = (task: RecordingTask) => ({
		appId: task.appId,
		...taskRecord(task, Date.now()),
		history: task.history,
		files: task.files?.length ?? 0,
	});
	const named = () => world.recordings.find(appId, recordId ?? '');
	switch (action) {
		case 'GET /recordings': {
			const groupId = url.searchParams.get('groupId');
			const tasks = world.recordings
				.of(appId)
				.filter((task) => groupId === null || task.groupId === groupId);
			return { status: 200, body: tasks.map(view) };
		}
		case 'POST /recordings/advance': {
			const filter = { appId: appId || undefined, recordId };
			return { status: 200, body: world.recordings.advance(filter).map(view) };
		}
		case 'POST /recordings/elapse': {
			const task = named();
			if (!task) return { status: 404, body: { error: `no task ${appId}/${recordId}` } };
			world.recordings.elapse(task, Number(input.seconds ?? 0));
			return { status: 200, body: view(task) };
		}
		case 'POST /recordings/fail': {
			const task = named();
			if (!task) return { status: 404, body: { error: `no task ${appId}/${recordId}` } };
			const message = typeof input.message === 'string' ? input.message : 'record task failed';
			world.recordings.change(task, HstRecordStatus.FAILED, Date.now(), message);
			return { status: 200, body: view(task) };
		}
		case 'GET /live':
			return { status: 200, body: world.liveStreams.of(appId) };
		default:
			return undefined;
	}
}
