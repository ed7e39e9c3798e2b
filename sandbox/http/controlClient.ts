import { request } from 'undici';
import type { RecordedRequest } from './recorder';

/**
 * Calls an emulator's `/_sandbox/*` control API; works from any process (tests, CLI, benchmarks).
 * Each call on a connection of its own: a benchmark keeps this process's event loop busy for seconds,
 * and a kept-alive connection that the emulator's server closed meanwhile would be reused and reset.
 */
export async function control<T = unknown>(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await request(`${baseUrl}/_sandbox${path}`, {
		method: method as 'GET',
		reset: true,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode >= 400)
		throw new Error(`sandbox control ${method} ${path}: ${response.statusCode} ${text}`);
	return JSON.parse(text) as T;
}

/** What every HTTP emulator's control API offers: the requests it recorded. */
export class RecordingEmulatorControl {
	constructor(readonly baseUrl: string) {}

	/** The requests recorded, all or those to one path. */
	requests(path?: string): Promise<RecordedRequest[]> {
		const query = path ? `?path=${encodeURIComponent(path)}` : '';
		return control(this.baseUrl, 'GET', `/requests${query}`);
	}

	clearRequests(): Promise<unknown> {
		return control(this.baseUrl, 'DELETE', '/requests');
	}
}
