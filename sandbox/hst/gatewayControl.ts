import { RecordingEmulatorControl, control } from '../http/controlClient';
import type { HstRecordStatusId } from '../../nodes/shared/hst/recording';
import type { InjectedFault } from './gateway';
import type { LiveStream } from './liveStreams';
import type { AnswerStyleName } from './topLevel';
import type { ReceivedCommand, ReceivedInvite } from './world';

/** A recording task as the control API shows it: the task-list fields, its history and file count. */
interface RecordingView {
	appId: string;
	record_id: string;
	group_id: string;
	status: HstRecordStatusId;
	start_time: string;
	stop_time: string;
	record_time: number;
	auto: boolean;
	history: Array<{ status: HstRecordStatusId; at: number }>;
	files: number;
}

/** Typed access to the HST gateway emulator's control API. */
export class HstGatewayControl extends RecordingEmulatorControl {
	async tokensIssued(developerId: string): Promise<number> {
		const stats = await control<{ tokensIssued: Record<string, number> }>(
			this.baseUrl,
			'GET',
			'/stats',
		);
		return stats.tokensIssued[developerId] ?? 0;
	}

	invites(): Promise<ReceivedInvite[]> {
		return control(this.baseUrl, 'GET', '/invites');
	}

	commands(): Promise<ReceivedCommand[]> {
		return control(this.baseUrl, 'GET', '/commands');
	}

	expireTokens(developerId?: string): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/tokens/expire', { developerId });
	}

	/** As if another system fetched a token for this developer account. */
	rotateToken(developerId: string): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/tokens/rotate', { developerId });
	}

	/**
	 * `recordingStepMs`: time between a recording's automatic steps (0: only `advanceRecordings` moves
	 * them); `answerStyle`: recording and live fields next to `code` (HST's documents) or under `result`;
	 * `latencyMs` + up to `latencyJitterMs` before every answer (sandbox/http/latency.ts).
	 */
	configure(settings: {
		tokenLifetimeSeconds?: number;
		latencyMs?: number;
		latencyJitterMs?: number;
		recordingStepMs?: number;
		answerStyle?: AnswerStyleName;
	}): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/config', settings);
	}

	injectFault(fault: Partial<InjectedFault>): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/faults', fault);
	}

	recordings(appId: string, groupId?: string): Promise<RecordingView[]> {
		const query = new URLSearchParams({ appId, ...(groupId ? { groupId } : {}) });
		return control(this.baseUrl, 'GET', `/recordings?${query}`);
	}

	/** Takes the pending automatic step of the matching tasks now; answers the tasks moved. */
	advanceRecordings(filter: { appId?: string; recordId?: string } = {}): Promise<RecordingView[]> {
		return control(this.baseUrl, 'POST', '/recordings/advance', filter);
	}

	/** Adds recorded time to a task, as if it had been recording that much longer. */
	elapseRecording(appId: string, recordId: string, seconds: number): Promise<RecordingView> {
		return control(this.baseUrl, 'POST', '/recordings/elapse', { appId, recordId, seconds });
	}

	failRecording(appId: string, recordId: string, message?: string): Promise<RecordingView> {
		return control(this.baseUrl, 'POST', '/recordings/fail', { appId, recordId, message });
	}

	liveStreams(appId: string): Promise<LiveStream[]> {
		return control(this.baseUrl, 'GET', `/live?appId=${encodeURIComponent(appId)}`);
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
