/**
 * The WebSocket client the runtime provides: the WHATWG `WebSocket` global of Node 22 and later
 * (n8n 2.x runs on Node 24). n8n's verification allows no runtime dependencies and nothing bundled,
 * so the trigger brings no client of its own. Typed here to the part the trigger uses, because the
 * Node typings of the oldest supported Node do not declare it.
 */

interface RuntimeSocketEvents {
	open: unknown;
	message: { data: unknown };
	close: { code: number; reason: string };
	error: { message?: string; error?: { message?: string } };
}

export interface RuntimeSocket {
	readonly readyState: number;
	binaryType: string;
	send(data: string): void;
	close(code?: number, reason?: string): void;
	addEventListener<K extends keyof RuntimeSocketEvents>(
		type: K,
		listener: (event: RuntimeSocketEvents[K]) => void,
		options?: { once?: boolean },
	): void;
}

interface RuntimeSocketClass {
	new (url: string): RuntimeSocket;
	readonly OPEN: number;
}

declare const WebSocket: RuntimeSocketClass | undefined;

export const WEBSOCKET_REQUIREMENT =
	'The HST Event Trigger needs the WebSocket client built into Node.js 22 or later: run n8n 2.x, or n8n 1.x on Node.js 22 or later';

/** The runtime's WebSocket class, or undefined on a Node.js without one (20 and older). */
export function runtimeWebSocket(): RuntimeSocketClass | undefined {
	return typeof WebSocket === 'undefined' ? undefined : WebSocket;
}

/** Text of a message: gateways send text frames; a binary one (binaryType 'arraybuffer') carries the same JSON. */
export function messageText(data: unknown): string {
	if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
	return String(data);
}
