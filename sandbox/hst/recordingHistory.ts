import { HstRecordStatus, type HstRecordStatusId } from '../../nodes/shared/hst/recording';
import { between, pick, seedOf, seededRandom } from '../random';
import { recordFiles } from './recordFiles';
import type { RecordingTask } from './recordings';
import { BILLING_FIXTURE_MONTH, SANDBOX_APPS } from './seed';

/**
 * A month of finished recordings for the classroom app (January 2026, UTC+8, the billing fixture's
 * month), the same on every run: Get Many has pages to turn, and tests compute what to expect.
 */
export const RECORDING_HISTORY = {
	appId: SANDBOX_APPS.classroom.appId,
	start: BILLING_FIXTURE_MONTH.start,
	end: BILLING_FIXTURE_MONTH.end,
	rooms: Array.from({ length: 8 }, (_, index) => `room-${101 + index}`),
};

const DAY_MS = 24 * 60 * 60 * 1000;

function recordIdOf(createdAt: number, groupId: string): string {
	const stamp = new Date(createdAt + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
	return `${stamp}_${groupId}`;
}

export function recordingHistory(appId: string): RecordingTask[] {
	if (appId !== RECORDING_HISTORY.appId) return [];
	const tasks: RecordingTask[] = [];
	const seen = new Set<string>();
	for (let day = RECORDING_HISTORY.start; day < RECORDING_HISTORY.end; day += DAY_MS) {
		const random = seededRandom(seedOf(`${appId}:recordings:${day}`));
		const count = between(random, 30, 50);
		for (let index = 0; index < count; index++) {
			const groupId = pick(random, RECORDING_HISTORY.rooms);
			const createdAt = day + between(random, 8 * 3600, 20 * 3600) * 1000;
			const recordedMs = between(random, 20, 150) * 60_000;
			const failed = random() < 0.05;
			let recordId = recordIdOf(createdAt, groupId);
			for (let copy = 2; seen.has(recordId); copy++)
				recordId = `${recordIdOf(createdAt, groupId)}_${copy}`;
			seen.add(recordId);
			const stoppedAt = createdAt + recordedMs + 5000;
			const steps: HstRecordStatusId[] = failed
				? [HstRecordStatus.INITIALIZED, HstRecordStatus.RECORDING, HstRecordStatus.FAILED]
				: [1, 2, 3, 4, 5, 6];
			const task: RecordingTask = {
				appId,
				recordId,
				groupId,
				fileType: 0,
				sliceMinutes: 60,
				width: 1920,
				height: 1080,
				frameRate: 30,
				recordMode: 0,
				...(random() < 0.8 ? { auto: {} } : {}),
				status: steps[steps.length - 1],
				createdAt,
				stoppedAt,
				recordedMs,
				history: steps.map((status, step) => ({
					status,
					at: step < 2 ? createdAt + step * 5000 : stoppedAt + (step - 2) * 60_000,
				})),
			};
			if (!failed) task.files = recordFiles(task);
			tasks.push(task);
		}
	}
	return tasks.sort((left, right) => left.createdAt - right.createdAt);
}
