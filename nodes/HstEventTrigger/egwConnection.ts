import { replyIdOf, type EgwReplyFrame, type EgwRequestFrame } from '../shared/hst/egw';
import { withTimeout } from '../shared/timers';
import { WebSocket, type RawData } from '../shared/vendor/ws';

export interface ConnectionListener {
	/** A well-formed JSON object that is not the reply to a pending request. */
	onFrame(frame: Record<string, unknown>): void;
	/** A message that is not a JSON object: reported, then ignored. */
	onMalformed(text: string, reason: string): void;
	/** The socket closed, for whatever reason; called once. */
	onClosed(reason: string): void;
}

interface PendingReply {
	resolve(frame: EgwReplyFrame & Record<string, unknown>): void;
	reject(error: Error): void;
}

export class ConnectionClosedError extends Error {}

/**
 * One WebSocket to the event gateway: JSON frames out, frames in. A request waits for its reply (the
 * request id + 1); any message proves the connection alive, which the liveness check reads.
 */
export class EgwConnection {
	lastFrameAt = Date.now();
	private readonly pending = new Map<number, PendingReply>();
	private closed = false;
	private readonly closing = new AbortController();

	/** Aborts when the connection closes: lets waits end at once. */
	get closedSignal(): AbortSignal {
		return this.closing.signal;
	}

	private constructor(
		private readonly socket: WebSocket,
		private readonly listener: ConnectionListener,
	) {
		socket.on('message', (data: RawData) => this.receive(data));
		socket.on('close', (code: number, reason: Buffer) =>
			this.finish(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`),
		);
		socket.on('error', (error: Error) => this.finish(`error: ${error.message}`));
	}

	static async open(
		url: string,
		listener: ConnectionListener,
		timeoutMs: number,
		signal: AbortSignal,
	): Promise<EgwConnection> {
		const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
		const opened = new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('error', (error: Error) => reject(error));
			socket.once('close', () =>
				reject(new ConnectionClosedError(`${url} closed during the handshake`)),
			);
		});
		let open = false;
		try {
			await withTimeout(opened, timeoutMs, `connect to ${url}`, signal);
			open = true;
		} finally {
			if (!open) socket.terminate();
		}
		return new EgwConnection(socket, listener);
	}

	get isOpen(): boolean {
		return !this.closed && this.socket.readyState === WebSocket.OPEN;
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

	/** Stops reading: TCP pushes back to the gateway. Frames already read may still arrive. */
	pause(): void {
		this.socket.pause();
	}

	resume(): void {
		this.lastFrameAt = Date.now();
		this.socket.resume();
	}

	/** Ends the connection now: no closing handshake, nothing left waiting. */
	terminate(reason: string): void {
		this.socket.terminate();
		this.finish(reason);
	}

	/** Closing handshake, bounded: the socket is terminated if the gateway does not answer it in time. */
	async close(timeoutMs: number, signal: AbortSignal): Promise<void> {
		if (this.closed) return;
		const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
		this.socket.close(1000, 'n8n trigger stopped');
		try {
			await withTimeout(closed, timeoutMs, 'closing handshake', signal);
		} catch {
			this.terminate('closing handshake not answered');
		}
	}

	private receive(data: RawData): void {
		this.lastFrameAt = Date.now();
		const text = Buffer.isBuffer(data)
			? data.toString('utf8')
			: Buffer.concat(data as Buffer[]).toString('utf8');
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
		if (this.closed) return;
		this.closed = true;
		this.closing.abort();
		for (const waiting of this.pending.values()) waiting.reject(new ConnectionClosedError(reason));
		this.pending.clear();
		this.listener.onClosed(reason);
	}
}
