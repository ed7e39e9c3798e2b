import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this are refused; the vendor gateways never need more. */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new BodyTooLargeError(`body larger than ${limit} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(raw: Buffer): JsonBody {
	try {
		return { ok: true, value: JSON.parse(raw.toString('utf8')) };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}

export function isJsonContentType(request: IncomingMessage): boolean {
	return /^application\/json\b/i.test(String(request.headers['content-type'] ?? ''));
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': Buffer.byteLength(text),
	});
	response.end(text);
}

export function requestUrl(request: IncomingMessage): URL {
	return new URL(request.url ?? '/', 'http://sandbox.local');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
