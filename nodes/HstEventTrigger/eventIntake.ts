import type { Logger } from 'n8n-workflow';

import type { EgwEventFrame, EgwSyncReply } from '../shared/hst/egw';
import { EventLedger, eventFromFrame, isEventFrame, type LedgerEvent } from './ledger';

/** Asks the gateway for a full sync on the current connection; undefined when there is none. */
type SyncRequest = () => Promise<EgwSyncReply>;

/**
 * Where one app's event frames become events, in version order and each once. Frames that arrive while a
 * full sync is under way are held and replayed after it; a version gap asks for a full sync, whose
 * difference to what was known is emitted as recovered events; while the emission is overloaded, frames
 * are not taken, and a full sync recovers their net change afterwards.
 */
export class EventIntake {
	readonly ledger = new EventLedger();
	/** Events that arrived while a full sync was under way; replayed after it. */
	private held: EgwEventFrame[] = [];
	private holding = false;
	private overloaded = false;
	/** Events not taken while overloaded. */
	private notTaken = 0;
	/** A full sync was asked for while one ran. */
	private syncAgain = false;
	private requestSync?: SyncRequest;
	private malformedFrames = 0;

	constructor(
		private readonly appId: string,
		private readonly deliver: (events: LedgerEvent[]) => void,
		private readonly logger: Logger,
	) {}

	/** A connection opened: its events wait until its first full sync. */
	connected(requestSync: SyncRequest): void {
		this.requestSync = requestSync;
		this.holding = true;
	}

	/** The connection could not be set up: nothing is held for it. */
	disconnected(): void {
		this.requestSync = undefined;
		this.holding = false;
	}

	/** 20008 → 20009 on the current connection: what changed since the last known state is emitted, recovered. */
	async sync(): Promise<EgwSyncReply> {
		const requestSync = this.requestSync;
		if (!requestSync) throw new Error('HST event gateway full sync: no connection');
		this.holding = true;
		let reply: EgwSyncReply | undefined;
		try {
			reply = await requestSync();
		} finally {
			if (!reply) this.holding = false;
		}
		const recovered = this.ledger.sync(reply);
		if (recovered.length > 0) {
			this.logger.info(
				`HST Event Trigger: ${recovered.length} missed change(s) of app ${this.appId} recovered at version ${reply.version}`,
			);
			this.deliver(recovered);
		}
		this.holding = false;
		this.replayHeld();
		if (this.syncAgain) {
			this.syncAgain = false;
			void this.resync();
		}
		return reply;
	}

	/**
	 * Back-pressure from the emission. The runtime's WebSocket cannot stop reading, so while overloaded
	 * events are read and not taken; once the queue has drained, a full sync emits what changed
	 * meanwhile as recovered events (changes undone in between leave no trace in a snapshot).
	 */
	setOverloaded(overloaded: boolean): void {
		if (this.overloaded === overloaded) return;
		this.overloaded = overloaded;
		if (overloaded || this.notTaken === 0) return;
		this.logger.info(
			`HST Event Trigger: ${this.notTaken} event(s) of app ${this.appId} were not taken while executions lagged; full sync`,
			{ appId: this.appId },
		);
		this.notTaken = 0;
		void this.resync();
	}

	/** A frame that is not the reply to a request. */
	onFrame(frame: Record<string, unknown>): void {
		if (!isEventFrame(frame)) {
			if (typeof frame.id === 'number' && frame.id >= 20100) {
				this.malformed('an event frame without version, group or user', String(frame.id));
			}
			return;
		}
		if (this.overloaded) {
			this.notTaken += 1;
			return;
		}
		if (frame.version === undefined) {
			// A recording status without a version (as in HST's example) has no place in the version
			// order and changes no state: it is emitted as it arrives, at the version known so far.
			this.deliver([eventFromFrame({ ...frame, version: this.ledger.version ?? 0 })]);
			return;
		}
		if (this.holding) {
			this.held.push(frame);
			return;
		}
		this.take(frame);
	}

	/** Reported, never fatal: one bad frame does not end the subscription. */
	malformed(reason: string, frame: string): void {
		this.malformedFrames += 1;
		this.logger.warn(`HST Event Trigger: skipped a malformed frame from the gateway (${reason})`, {
			appId: this.appId,
			frame: frame.slice(0, 200),
			malformedSoFar: this.malformedFrames,
		});
	}

	private take(frame: EgwEventFrame): void {
		const verdict = this.ledger.accept(frame);
		if (verdict.kind === 'next') {
			this.deliver([verdict.event]);
		} else if (verdict.kind === 'gap') {
			this.logger.info(
				`HST Event Trigger: version gap in app ${this.appId} (expected ${verdict.expected}, got ${verdict.got}); full sync`,
			);
			this.held.push(frame);
			void this.resync();
		} else {
			this.logger.debug('HST Event Trigger: dropped a duplicate or stale event', {
				appId: this.appId,
				version: frame.version,
			});
		}
	}

	/** A full sync outside the connection's setup; a failure ends the connection, and the reconnect syncs. */
	private async resync(): Promise<void> {
		// A sync already under way may have read its snapshot too early: run another right after it.
		if (this.holding) {
			this.syncAgain = true;
			return;
		}
		// Without a connection, the reconnect's full sync does the work.
		if (!this.requestSync) return;
		await this.sync().catch((error: Error) => {
			this.logger.warn(
				`HST Event Trigger: full sync of app ${this.appId} failed (${error.message}); reconnecting`,
			);
			this.onSyncFailed?.();
		});
	}

	/** Set by the subscription: ends the connection a failed full sync leaves inconsistent. */
	onSyncFailed?: () => void;

	/** After a sync: events it already covers are dropped, the next ones applied, a new gap syncs again. */
	private replayHeld(): void {
		const held = this.held.sort((left, right) => left.version - right.version);
		this.held = [];
		for (const frame of held) {
			if (this.holding) {
				this.held.push(frame);
				continue;
			}
			this.take(frame);
		}
	}
}
