import { RecordingEmulatorControl, control } from '../http/controlClient';
import type { StatusField } from './emulator';

/** Typed access to the Youme emulator's control API. */
export class YoumeControl extends RecordingEmulatorControl {
	/** The next `times` well-signed requests answer `code`. */
	injectFault(code: number, times = 1, info?: string): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/faults', { code, times, info });
	}

	/** `latencyMs` + up to `latencyJitterMs` before every answer (sandbox/http/latency.ts). */
	configure(settings: {
		statusField?: StatusField;
		latencyMs?: number;
		latencyJitterMs?: number;
	}): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/config', settings);
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
