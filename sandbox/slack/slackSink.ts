import type { IncomingMessage, ServerResponse } from 'node:http';

import { isPlainObject, parseJson, readBody, sendJson } from '../http/exchange';
import { HttpEmulator, type ControlInput } from '../http/httpEmulator';

export interface SlackMessage {
	at: number;
	path: string;
	text?: string;
	blocks?: unknown[];
}

/** A webhook path that looks like Slack's, for credentials and examples. */
const SANDBOX_SLACK_WEBHOOK_PATH = '/services/T0SANDBOX/B0SANDBOX/sandboxsandboxsandbox';

/**
 * A Slack incoming webhook as Slack answers it: POST JSON with `text` or `blocks` → 200 `ok`;
 * otherwise 400 `invalid_payload` or `no_text`. Every message is kept so it can be shown and asserted.
 */
export class SlackSinkEmulator extends HttpEmulator {
	readonly messages: SlackMessage[] = [];

	static async start(options: { port?: number } = {}): Promise<SlackSinkEmulator> {
		const emulator = new SlackSinkEmulator();
		await emulator.listenOn(options.port ?? 0, 'Slack webhook sink');
		return emulator;
	}

	get webhookUrl(): string {
		return `${this.url}${SANDBOX_SLACK_WEBHOOK_PATH}`;
	}

	protected async serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void> {
		const text = (status: number, body: string) => {
			response.writeHead(status, { 'Content-Type': 'text/plain' });
			response.end(body);
		};
		if (request.method !== 'POST' || !url.pathname.startsWith('/services/'))
			return text(404, 'no_service');
		const parsed = parseJson(await readBody(request));
		if (!parsed.ok || !isPlainObject(parsed.value)) return text(400, 'invalid_payload');
		const { text: message, blocks } = parsed.value as { text?: unknown; blocks?: unknown };
		if (typeof message !== 'string' && !Array.isArray(blocks)) return text(400, 'no_text');
		this.messages.push({
			at: Date.now(),
			path: url.pathname,
			...(typeof message === 'string' ? { text: message } : {}),
			...(Array.isArray(blocks) ? { blocks } : {}),
		});
		return text(200, 'ok');
	}

	protected control(action: string, _input: ControlInput, response: ServerResponse): boolean {
		switch (action) {
			case 'GET /messages':
				sendJson(response, 200, this.messages);
				return true;
			case 'POST /reset':
				this.messages.length = 0;
				sendJson(response, 200, { reset: true });
				return true;
			default:
				return false;
		}
	}
}
