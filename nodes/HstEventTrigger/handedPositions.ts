import type { AppState, LedgerEvent } from './ledger';

/** Where the events whose turn came go: the trigger's memory of each app. */
export interface PositionSink {
	/** The app's starting state: its first full sync, or what an earlier activation left. */
	begin(appId: string, state: AppState, version: number): void;
	/** The next event of the app, in delivery order. */
	apply(appId: string, event: LedgerEvent): void;
}

interface Position {
	begun: boolean;
	/** Events in delivery order whose turn has not come: an earlier one still waits for an execution. */
	pending: Array<{ seq: number; event: LedgerEvent }>;
	/** Events of this app waiting for an execution. */
	waiting: number;
}

/**
 * Per app, which events have been handed to executions: those are what the trigger remembers across
 * restarts (triggerMemory.ts). An event's turn comes once every event delivered before it was handed
 * to an execution; events the trigger does not emit (other groups, other event types) take their turn
 * too, so what is remembered is the whole app, whatever the filters.
 */
export class HandedPositions {
	private readonly positions = new Map<string, Position>();
	private nextSeq = 0;

	constructor(private readonly sink: PositionSink) {}

	/** The app's starting state; ignored once the app has one. */
	begin(appId: string, state: AppState, version: number): void {
		const position = this.positionOf(appId);
		if (position.begun) return;
		position.begun = true;
		this.sink.begin(appId, state, version);
		this.advance(appId, position, Number.NEGATIVE_INFINITY);
	}

	/** An event delivered by the app's subscription; `willWait`: it waits for an execution. Its sequence number. */
	delivered(appId: string, event: LedgerEvent, willWait: boolean): number {
		const position = this.positionOf(appId);
		const seq = this.nextSeq++;
		position.pending.push({ seq, event });
		if (willWait) position.waiting += 1;
		else this.advance(appId, position, Number.NEGATIVE_INFINITY);
		return seq;
	}

	/** `count` events of `appId`, up to sequence number `seq`, went to an execution. */
	handed(appId: string, seq: number, count: number): void {
		const position = this.positionOf(appId);
		position.waiting -= count;
		this.advance(appId, position, seq);
	}

	private positionOf(appId: string): Position {
		let position = this.positions.get(appId);
		if (!position) {
			position = { begun: false, pending: [], waiting: 0 };
			this.positions.set(appId, position);
		}
		return position;
	}

	/** Events up to `handedSeq` take their turn, then the ones after it while none of the app's waits. */
	private advance(appId: string, position: Position, handedSeq: number): void {
		if (!position.begun) return;
		let turns = 0;
		for (const { seq, event } of position.pending) {
			if (seq > handedSeq && position.waiting > 0) break;
			this.sink.apply(appId, event);
			turns += 1;
		}
		if (turns > 0) position.pending.splice(0, turns);
	}
}
