import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { request } from 'undici';

/** An HTTP failure shaped like the axios errors n8n's helpers throw (status on `response`). */
export class HostHttpError extends Error {
	constructor(
		message: string,
		readonly response?: { status: number; data: unknown; headers: Record<string, unknown> },
		readonly code?: string,
	) {
		super(message);
	}
}

function withQuery(url: string, qs: IDataObject | undefined): string {
	if (!qs) return url;
	const target = new URL(url);
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null) continue;
		for (const single of Array.isArray(value) ? value : [value])
			target.searchParams.append(key, String(single));
	}
	return target.toString();
}

/**
 * `helpers.httpRequest` over real sockets with undici, following n8n's contract: `json` parses the
 * answer, objects are sent as JSON, status >= 400 throws unless `ignoreHttpStatusErrors`,
 * `returnFullResponse` gives `{ body, headers, statusCode }`.
 */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = withQuery(
		options.baseURL ? `${options.baseURL.replace(/\/$/, '')}${options.url}` : options.url,
		options.qs,
	);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {}))
		headers[name.toLowerCase()] = String(value);
	let body: string | undefined;
	if (options.body !== undefined && options.body !== null && options.method !== 'GET') {
		if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
			body = String(options.body);
		} else {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
	}
	if (options.json) headers.accept ??= 'application/json';

	let response;
	try {
		response = await request(url, { method: (options.method ?? 'GET') as 'GET', headers, body });
	} catch (error) {
		const cause = error as { cause?: { code?: string }; code?: string };
		throw new HostHttpError(
			`connect failure: ${(error as Error).message}`,
			undefined,
			cause.code ?? cause.cause?.code,
		);
	}
	const text = await response.body.text();
	const isJson = options.json || /json/.test(String(response.headers['content-type'] ?? ''));
	let data: unknown = text;
	if (isJson && text !== '') {
		try {
			data = JSON.parse(text);
		} catch {
			data = text;
		}
	}
	if (response.statusCode >= 400 && !options.ignoreHttpStatusErrors) {
		throw new HostHttpError(`Request failed with status code ${response.statusCode}`, {
			status: response.statusCode,
			data,
			headers: response.headers,
		});
	}
	return options.returnFullResponse
		? { body: data, headers: response.headers, statusCode: response.statusCode }
		: data;
}
