import { control } from '../http/controlClient';
import type { RecordedRequest } from '../http/recorder';

/** Typed access to the Stream-Server emulator's control API. */
export class StreamServerControl {
	constructor(readonly baseUrl: string) {}

	requests(path?: string): Promise<RecordedRequest[]> {
		return control(
			this.baseUrl,
			'GET',
			`/requests${path ? `?path=${encodeURIComponent(path)}` : ''}`,
		);
	}

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
