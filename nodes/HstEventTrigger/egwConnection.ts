import { replyIdOf, type EgwReplyFrame, type EgwRequestFrame } from '../shared/hst/egw';
import { withTimeout } from '../shared/timers';
import { messageText, runtimeWebSocket, type RuntimeSocket } from './runtimeWebSocket';

export interface ConnectionListener {
	/** A well-formed JSON object that is not the reply to a pending request. */
	onFrame(frame: Record<string, unknown>): void;
	/** A message that is not a JSON object: reported, then ignored. */
	onMalformed(text: string, reason: string): void;
	/** The connection ended, for whatever reason; called once. */
	onClosed(reason: string): void;
}

interface PendingReply {
	resolve(frame: EgwReplyFrame & Record<string, unknown>): void;
	reject(error: Error): void;
}

class ConnectionClosedError extends Error {}

/**
 * One WebSocket to the event gateway: JSON frames out, frames in. A request waits for its reply (the
 * request id + 1); any message proves the connection alive, which the liveness check reads.
 *
 * The runtime's WebSocket can neither pause reading nor drop a socket without a closing handshake:
 * back-pressure therefore lives above this class (the subscription stops taking events), and a
 * connection given up on is closed politely while everything waiting on it ends at once.
 */
export class EgwConnection {
	lastFrameAt = Date.now();
	private readonly pending = new Map<number, PendingReply>();
	private ended = false;
	private readonly ending = new AbortController();
	private readonly opened: Promise<void>;

	/** Aborts when the connection ends: lets waits end at once. */
	get closedSignal(): AbortSignal {
		return this.ending.signal;
	}

	private constructor(
		private readonly socket: RuntimeSocket,
		private readonly listener: ConnectionListener,
		url: string,
	) {
		socket.binaryType = 'arraybuffer';
		this.opened = new Promise<void>((resolve, reject) => {
			socket.addEventListener('open', () => resolve(), { once: true });
			this.ending.signal.addEventListener(
				'abort',
				() => reject(new ConnectionClosedError(`${url}: ${String(this.ending.signal.reason)}`)),
				{ once: true },
			);
		});
		socket.addEventListener('message', (event) => this.receive(messageText(event.data)));
		socket.addEventListener('close', (event) =>
			this.finish(`closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`),
		);
		socket.addEventListener('error', (event) =>
			this.finish(`error: ${event.error?.message ?? event.message ?? 'connection failed'}`),
		);
	}

	/** Connects, or fails within `timeoutMs`; the caller checked beforehand that the runtime has a WebSocket. */
	static async open(
		url: string,
		listener: ConnectionListener,
		timeoutMs: number,
		signal: AbortSignal,
	): Promise<EgwConnection> {
		const RuntimeWebSocket = runtimeWebSocket();
		if (!RuntimeWebSocket) throw new ConnectionClosedError('this runtime has no WebSocket client');
		const connection = new EgwConnection(new RuntimeWebSocket(url), listener, url);
		let open = false;
		try {
			await withTimeout(connection.opened, timeoutMs, `connect to ${url}`, signal);
			open = true;
		} finally {
			if (!open) connection.terminate('handshake not completed');
		}
		return connection;
	}

	get isOpen(): boolean {
		return !this.ended && this.socket.readyState === runtimeWebSocket()?.OPEN;
	}

	send(frame: EgwRequestFrame): void {
		if (!this.isOpen) throw new ConnectionClosedError('connection is closed');
		this.socket.send(JSON.stringify(frame));
	}

	/** Sends a request and waits for its reply frame. */
	async request<T extends EgwReplyFrame>(
		frame: EgwRequestFrame,
		timeoutMs: number,
		signal: AbortSignal,
	): Promise<T> {
		const replyId = replyIdOf(frame.id);
		this.pending.get(replyId)?.reject(new ConnectionClosedError(`request ${frame.id} superseded`));
		const reply = new Promise<T>((resolve, reject) => {
			this.pending.set(replyId, { resolve: resolve as PendingReply['resolve'], reject });
		});
		try {
			this.send(frame);
			return await withTimeout(reply, timeoutMs, `EGW request ${frame.id}`, signal);
		} finally {
			this.pending.delete(replyId);
		}
	}

	/**
	 * Gives the connection up now: nothing more is read or waited for. The closing handshake still
	 * goes out; a gateway that never answers it (a half-open connection) leaves the socket to the
	 * operating system, which releases it when TCP gives up.
	 */
	terminate(reason: string): void {
		this.finish(reason);
		this.socket.close(1000, 'n8n trigger reconnecting');
	}

	/** Closing handshake, bounded: the connection is given up if the gateway does not answer it in time. */
	async close(timeoutMs: number, signal: AbortSignal): Promise<void> {
		if (this.ended) return;
		this.socket.close(1000, 'n8n trigger stopped');
		await withTimeout(
			new Promise<void>((resolve) =>
				this.ending.signal.addEventListener('abort', () => resolve(), { once: true }),
			),
			timeoutMs,
			'closing handshake',
			signal,
		).catch(() => this.finish('closing handshake not answered'));
	}

	private receive(text: string): void {
		if (this.ended) return;
		this.lastFrameAt = Date.now();
		let frame: unknown;
		try {
			frame = JSON.parse(text);
		} catch (error) {
			this.listener.onMalformed(text, `not JSON: ${(error as Error).message}`);
			return;
		}
		if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
			this.listener.onMalformed(text, 'not a JSON object');
			return;
		}
		const message = frame as Record<string, unknown>;
		const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
		if (waiting) {
			waiting.resolve(message as EgwReplyFrame & Record<string, unknown>);
			return;
		}
		this.listener.onFrame(message);
	}

	private finish(reason: string): void {
		if (this.ended) return;
		this.ended = true;
		this.ending.abort(reason);
		for (const waiting of this.pending.values()) waiting.reject(new ConnectionClosedError(reason));
		this.pending.clear();
		this.listener.onClosed(reason);
	}
}
