import type { IncomingMessage, ServerResponse } from 'node:http';

import {
	YOUME_DEFAULTS,
	YoumeError,
	YoumeStatus,
	type YoumeErrorCode,
} from '../../nodes/shared/youme/protocol';
import {
	BodyTooLargeError,
	isJsonContentType,
	isPlainObject,
	parseJson,
	readBody,
	sendJson,
} from '../http/exchange';
import { HttpEmulator, type ControlInput } from '../http/httpEmulator';
import { youmeChecksumMatches } from './checksum';
import { YoumeRefusal, isYoumeCommand, youmeCommands } from './commands';
import { SANDBOX_YOUME_APP } from './seed';

/**
 * Youme's document leaves open (docs/vendors/youme.md#body-and-answer) whether the status field is `Status` or
 * `ActionStatus` (Youme's SDK): answer with either.
 */
export type StatusField = 'Status' | 'ActionStatus';

interface YoumeEmulatorOptions {
	port?: number;
	statusField?: StatusField;
}

/** Youme's checksum is valid for 5 minutes (docs/vendors/youme.md#signature): curtime may lie that far either way. */
const CURTIME_WINDOW_SECONDS = 300;

/**
 * The Youme REST API, strict (docs/vendors/youme.md#sandbox-differences): POST with JSON only, appkey/identifier
 * known, curtime within ±300 s, checksum right, seq never reused, command known, body fields present and well
 * formed. HTTP 200 always.
 */
export class YoumeEmulator extends HttpEmulator {
	statusField: StatusField;
	private readonly seenSeqs = new Map<string, number>();
	private faults: Array<{ code: number; info: string; times: number }> = [];

	private constructor(options: YoumeEmulatorOptions) {
		super();
		this.statusField = options.statusField ?? 'Status';
	}

	static async start(options: YoumeEmulatorOptions = {}): Promise<YoumeEmulator> {
		const emulator = new YoumeEmulator(options);
		await emulator.listenOn(options.port ?? 0, 'Youme API');
		return emulator;
	}

	private answer(code: YoumeErrorCode | number, info: string, payload: object = {}) {
		const status = code === YoumeError.OK ? YoumeStatus.OK : YoumeStatus.FAIL;
		return { [this.statusField]: status, ErrorCode: code, ErrorInfo: info, ...payload };
	}

	protected async serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void> {
		const query = Object.fromEntries(url.searchParams);
		const raw = await readBody(request).catch((error: unknown) => error as Error);
		let body: unknown;
		const reply = (payload: Record<string, unknown>) => {
			this.recorder.record({
				at: Date.now(),
				method: request.method ?? '',
				path: url.pathname,
				query,
				headers: { 'content-type': String(request.headers['content-type'] ?? '') },
				body,
				outcome: { code: payload.ErrorCode },
			});
			sendJson(response, 200, payload);
		};
		if (raw instanceof BodyTooLargeError)
			return reply(this.answer(YoumeError.BAD_JSON, raw.message));
		if (raw instanceof Error) throw raw;

		try {
			if (request.method !== 'POST')
				throw new YoumeRefusal(YoumeError.CONTENT_TYPE, 'only POST is supported');
			if (!isJsonContentType(request))
				throw new YoumeRefusal(YoumeError.CONTENT_TYPE, 'Content-Type must be application/json');
			const parsed = parseJson(raw);
			if (!parsed.ok)
				throw new YoumeRefusal(YoumeError.BAD_JSON, `body is not JSON: ${parsed.reason}`);
			if (!isPlainObject(parsed.value))
				throw new YoumeRefusal(YoumeError.BAD_JSON, 'body must be a JSON object ({} when empty)');
			body = parsed.value;
			this.authenticate(query);
			const fault = this.faults.shift();
			if (fault && --fault.times > 0) this.faults.unshift(fault);
			if (fault) throw new YoumeRefusal(fault.code as YoumeErrorCode, fault.info);

			const [, version, service, command] = url.pathname.split('/');
			if (
				version !== YOUME_DEFAULTS.apiVersion ||
				service !== YOUME_DEFAULTS.serviceName ||
				!isYoumeCommand(command)
			) {
				throw new YoumeRefusal(YoumeError.BAD_COMMAND, `unknown command ${url.pathname}`);
			}
			return reply(this.answer(YoumeError.OK, '', youmeCommands[command](parsed.value)));
		} catch (error) {
			if (error instanceof YoumeRefusal) return reply(this.answer(error.code, error.message));
			throw error;
		}
	}

	private authenticate(query: Record<string, string>): void {
		const app = SANDBOX_YOUME_APP;
		if (query.appkey !== app.appKey) throw new YoumeRefusal(YoumeError.APP_KEY, 'unknown appkey');
		if (query.identifier !== app.identifier)
			throw new YoumeRefusal(YoumeError.APP_KEY, 'unknown identifier');
		const now = Math.floor(Date.now() / 1000);
		if (
			!/^\d+$/.test(query.curtime ?? '') ||
			Math.abs(now - Number(query.curtime)) > CURTIME_WINDOW_SECONDS
		) {
			throw new YoumeRefusal(YoumeError.CURTIME, 'curtime missing or outside ±300 s');
		}
		if (!youmeChecksumMatches(query.checksum, app, query.curtime)) {
			throw new YoumeRefusal(YoumeError.CHECKSUM, 'checksum mismatch');
		}
		if (!query.seq) throw new YoumeRefusal(YoumeError.URL_EXPIRED, 'missing seq');
		for (const [seq, at] of this.seenSeqs)
			if (now - at > CURTIME_WINDOW_SECONDS) this.seenSeqs.delete(seq);
		if (this.seenSeqs.has(query.seq))
			throw new YoumeRefusal(YoumeError.URL_EXPIRED, 'seq already used');
		this.seenSeqs.set(query.seq, now);
	}

	protected control(action: string, input: ControlInput, response: ServerResponse): boolean {
		switch (action) {
			case 'POST /faults':
				this.faults.push({
					code: Number(input.code ?? YoumeError.INTERNAL),
					info: String(input.info ?? 'injected failure'),
					times: Number(input.times ?? 1),
				});
				sendJson(response, 200, { queued: this.faults.length });
				return true;
			case 'POST /config': {
				const latencyProblem = this.latency.configure(input);
				if (latencyProblem) {
					sendJson(response, 400, { error: latencyProblem });
					return true;
				}
				if (input.statusField === 'Status' || input.statusField === 'ActionStatus')
					this.statusField = input.statusField;
				sendJson(response, 200, { statusField: this.statusField, ...this.latency.view() });
				return true;
			}
			case 'POST /reset':
				this.recorder.clear();
				this.faults = [];
				this.statusField = 'Status';
				this.latency.reset();
				sendJson(response, 200, { reset: true });
				return true;
			default:
				return false;
		}
	}
}
