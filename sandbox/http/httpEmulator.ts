import type { IncomingMessage, ServerResponse } from 'node:http';

import { isPlainObject, parseJson, readBody, requestUrl, sendJson } from './exchange';
import { AnswerLatency } from './latency';
import { RequestRecorder } from './recorder';
import { listen, type RunningServer } from './server';

const CONTROL_PREFIX = '/_sandbox';

export type ControlInput = Record<string, unknown>;

/**
 * An emulated vendor server on 127.0.0.1: its own API, plus a control API under `/_sandbox/` for tests
 * and the CLI (never part of the vendor's API). Every emulator lists and clears what it received.
 */
export abstract class HttpEmulator {
	readonly recorder = new RequestRecorder();
	/** The vendor's emulated distance; the emulators that offer it take it in their `POST config`. */
	readonly latency = new AnswerLatency();
	private running?: RunningServer;

	/** The vendor's API. */
	protected abstract serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void>;

	/** This emulator's own knobs; answers false for an action it does not know. */
	protected abstract control(
		action: string,
		input: ControlInput,
		response: ServerResponse,
		url: URL,
	): Promise<boolean> | boolean;

	protected async listenOn(port: number, what: string): Promise<void> {
		this.running = await listen(
			(request, response) => this.dispatch(request, response),
			port,
			what,
		);
	}

	/** The HTTP server, for emulators that also accept WebSocket upgrades on it. */
	protected get httpServer() {
		if (!this.running) throw new Error('not listening yet');
		return this.running.server;
	}

	get url(): string {
		return this.running?.url ?? '';
	}

	get port(): number {
		return this.running?.port ?? 0;
	}

	async close(): Promise<void> {
		await this.running?.close();
	}

	private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = requestUrl(request);
		if (!url.pathname.startsWith(CONTROL_PREFIX)) {
			await this.latency.wait();
			return await this.serve(request, response, url);
		}

		const action = `${request.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
		const parsed = parseJson(await readBody(request));
		const input = parsed.ok && isPlainObject(parsed.value) ? parsed.value : {};
		if (action === 'GET /requests') {
			return sendJson(
				response,
				200,
				this.recorder.list({ path: url.searchParams.get('path') ?? undefined }),
			);
		}
		if (action === 'DELETE /requests') {
			this.recorder.clear();
			return sendJson(response, 200, { cleared: true });
		}
		if (!(await this.control(action, input, response, url))) {
			sendJson(response, 404, { error: `no sandbox control ${action}` });
		}
	}
}
