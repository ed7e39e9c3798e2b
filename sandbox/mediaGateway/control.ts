import { RecordingEmulatorControl, control } from '../http/controlClient';

/** Typed access to the Stream-Server emulator's control API. */
export class StreamServerControl extends RecordingEmulatorControl {
	streams(): Promise<Record<string, { timestamp: number; uri: string; publishList: unknown[] }>> {
		return control(this.baseUrl, 'GET', '/streams');
	}

	injectFault(code: number, message = 'injected failure', times = 1): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/faults', { code, message, times });
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
