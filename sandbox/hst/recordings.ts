import {
	HST_RECORD_STATUS_NAMES,
	HstRecordStatus,
	type HstRecordStatusId,
} from '../../nodes/shared/hst/recording';
import { recordingHistory } from './recordingHistory';
import { recordFiles, type RecordFile } from './recordFiles';

/** What init asked for, as the emulator keeps it. */
export interface TaskSettings {
	fileName?: string;
	fileType: number;
	sliceMinutes: number;
	width: number;
	height: number;
	frameRate: number;
	recordMode: number;
	companyId?: string;
	auto?: Record<string, unknown>;
}

export interface RecordingTask extends TaskSettings {
	appId: string;
	recordId: string;
	groupId: string;
	status: HstRecordStatusId;
	createdAt: number;
	stoppedAt?: number;
	/** Milliseconds spent recording (status 2) before the current stretch. */
	recordedMs: number;
	recordingSince?: number;
	layout?: { audio: unknown[]; video: unknown[] };
	overlay?: unknown[];
	/** Present once done, until deleted. */
	files?: RecordFile[];
	/** Every status the task went through, in order. */
	history: Array<{ status: HstRecordStatusId; at: number }>;
}

interface StatusChange {
	task: RecordingTask;
	message: string;
}

/** A pending automatic step: an automatic task starts recording; a stopped one encodes and uploads. */
const NEXT_STEP: Partial<Record<HstRecordStatusId, HstRecordStatusId>> = {
	[HstRecordStatus.WAITING_TO_ENCODE]: HstRecordStatus.ENCODING,
	[HstRecordStatus.ENCODING]: HstRecordStatus.UPLOADING,
	[HstRecordStatus.UPLOADING]: HstRecordStatus.DONE,
};

const DEFAULT_RECORDING_STEP_MS = 2000;

/**
 * Recording tasks and their lifecycle: 1 initialized → 2 recording (⇄ 7 paused) → 3 waiting to encode
 * → 4 encoding → 5 uploading → 6 done, or -1 failed. The automatic steps happen every `stepMs`; with
 * `stepMs` 0 they wait for `advance()`, so tests decide when time passes. Every change is announced to
 * the listeners (the event gateway pushes it as 20104).
 */
export class RecordingStore {
	readonly tasks = new Map<string, RecordingTask>();
	/** Tasks deleted with "record only": no longer listed, their files still served. */
	private readonly detached = new Map<string, RecordingTask>();
	stepMs = DEFAULT_RECORDING_STEP_MS;
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly listeners = new Set<(change: StatusChange) => void>();

	reset(seedAppIds: string[]): void {
		this.stopTimers();
		this.tasks.clear();
		this.detached.clear();
		this.stepMs = DEFAULT_RECORDING_STEP_MS;
		for (const appId of seedAppIds) {
			for (const task of recordingHistory(appId))
				this.tasks.set(this.key(appId, task.recordId), task);
		}
	}

	onStatus(listener: (change: StatusChange) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	stopTimers(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}

	key(appId: string, recordId: string): string {
		return `${appId}/${recordId}`;
	}

	find(appId: string, recordId: string): RecordingTask | undefined {
		return this.tasks.get(this.key(appId, recordId));
	}

	/** A task whose files may be served: listed, or deleted with "record only". */
	withFiles(appId: string, recordId: string): RecordingTask | undefined {
		const key = this.key(appId, recordId);
		return this.tasks.get(key) ?? this.detached.get(key);
	}

	/** Delete modes: 1 files and record, 2 files only, 3 record only. Unknown IDs are no error. */
	remove(appId: string, recordId: string, mode: number): void {
		const key = this.key(appId, recordId);
		const task = this.tasks.get(key) ?? this.detached.get(key);
		if (!task) return;
		this.clearTimer(task);
		if (mode !== 3) task.files = [];
		if (mode !== 2) {
			this.tasks.delete(key);
			if (mode === 3) this.detached.set(key, task);
			else this.detached.delete(key);
		}
	}

	of(appId: string): RecordingTask[] {
		return [...this.tasks.values()].filter((task) => task.appId === appId);
	}

	create(appId: string, groupId: string, settings: TaskSettings, now: number): RecordingTask {
		const task: RecordingTask = {
			...settings,
			appId,
			groupId,
			recordId: this.newRecordId(appId, groupId, now),
			status: HstRecordStatus.INITIALIZED,
			createdAt: now,
			recordedMs: 0,
			history: [],
		};
		this.tasks.set(this.key(appId, task.recordId), task);
		this.change(task, HstRecordStatus.INITIALIZED, now, 'record task initialized');
		return task;
	}

	/** Moves a task to `status` and announces it; the automatic steps after it are scheduled. */
	change(task: RecordingTask, status: HstRecordStatusId, now: number, message: string): void {
		if (task.status === HstRecordStatus.RECORDING && task.recordingSince !== undefined) {
			task.recordedMs += now - task.recordingSince;
			task.recordingSince = undefined;
		}
		if (status === HstRecordStatus.RECORDING) task.recordingSince = now;
		if (status === HstRecordStatus.WAITING_TO_ENCODE || status === HstRecordStatus.FAILED)
			task.stoppedAt ??= now;
		if (status === HstRecordStatus.DONE) task.files = recordFiles(task);
		task.status = status;
		task.history.push({ status, at: now });
		for (const listener of this.listeners) listener({ task, message });
		this.schedule(task);
	}

	/** The automatic step a task waits for, if any. */
	pendingStep(task: RecordingTask): HstRecordStatusId | undefined {
		if (task.status === HstRecordStatus.INITIALIZED && task.auto) return HstRecordStatus.RECORDING;
		return NEXT_STEP[task.status];
	}

	/** Takes the pending step of one task, or of every task that has one; answers the tasks moved. */
	advance(filter: { appId?: string; recordId?: string } = {}): RecordingTask[] {
		const moved = [...this.tasks.values()].filter(
			(task) =>
				(filter.appId === undefined || task.appId === filter.appId) &&
				(filter.recordId === undefined || task.recordId === filter.recordId) &&
				this.pendingStep(task) !== undefined,
		);
		for (const task of moved) this.step(task);
		return moved;
	}

	/** Adds recorded time, as if the task had been recording that much longer (more file slices). */
	elapse(task: RecordingTask, seconds: number): void {
		task.recordedMs += seconds * 1000;
	}

	recordedSeconds(task: RecordingTask, now: number): number {
		const running = task.recordingSince === undefined ? 0 : now - task.recordingSince;
		return Math.round((task.recordedMs + running) / 1000);
	}

	setPace(stepMs: number): void {
		this.stepMs = stepMs;
		this.stopTimers();
		for (const task of this.tasks.values()) this.schedule(task);
	}

	private step(task: RecordingTask): void {
		const next = this.pendingStep(task);
		if (next === undefined) return;
		this.clearTimer(task);
		const name = HST_RECORD_STATUS_NAMES[next];
		this.change(
			task,
			next,
			Date.now(),
			next === HstRecordStatus.DONE ? 'record files ready' : name,
		);
	}

	private schedule(task: RecordingTask): void {
		this.clearTimer(task);
		if (this.stepMs <= 0 || this.pendingStep(task) === undefined) return;
		const key = this.key(task.appId, task.recordId);
		this.timers.set(
			key,
			setTimeout(() => {
				this.timers.delete(key);
				this.step(task);
			}, this.stepMs),
		);
	}

	private clearTimer(task: RecordingTask): void {
		const key = this.key(task.appId, task.recordId);
		clearTimeout(this.timers.get(key));
		this.timers.delete(key);
	}

	/** HST's form: the UTC+8 start time and the group, e.g. `20260115093000_room-101`. */
	private newRecordId(appId: string, groupId: string, now: number): string {
		const stamp = new Date(now + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
		const base = `${stamp}_${groupId}`;
		let recordId = base;
		for (let copy = 2; this.find(appId, recordId); copy++) recordId = `${base}_${copy}`;
		return recordId;
	}
}
