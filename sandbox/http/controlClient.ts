import { request } from 'undici';

/** Calls an emulator's `/_sandbox/*` control API; works from any process (tests, CLI, benchmarks). */
export async function control<T = unknown>(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await request(`${baseUrl}/_sandbox${path}`, {
		method: method as 'GET',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode >= 400)
		throw new Error(`sandbox control ${method} ${path}: ${response.statusCode} ${text}`);
	return JSON.parse(text) as T;
}
