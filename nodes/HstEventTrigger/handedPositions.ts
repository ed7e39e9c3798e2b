import { applyEvent, cloneState, type AppState, type LedgerEvent } from './ledger';

interface Position {
	/** Undefined until the app's first full sync (or what an earlier activation left) gives a start. */
	state?: AppState;
	version: number;
	/** Events in delivery order whose turn has not come: an earlier one still waits for an execution. */
	pending: Array<{ seq: number; event: LedgerEvent }>;
	/** Events of this app waiting for an execution. */
	waiting: number;
	changed: boolean;
}

/**
 * Per app, the state described by the events handed to executions so far: what the trigger remembers
 * across restarts (triggerMemory.ts). Events are applied in delivery order once every event before them
 * was handed to an execution; events the trigger does not emit (other groups, other event types) are
 * applied in their turn too, so the remembered state is the whole app's, whatever the filters.
 */
export class HandedPositions {
	private readonly positions = new Map<string, Position>();
	private nextSeq = 0;

	/** The app's starting state; ignored once the app has one. */
	begin(appId: string, state: AppState, version: number): void {
		const position = this.positionOf(appId);
		if (position.state) return;
		position.state = cloneState(state);
		position.version = version;
		position.changed = true;
		this.advance(position, Number.NEGATIVE_INFINITY);
	}

	/** An event delivered by the app's subscription; `willWait`: it waits for an execution. Its sequence number. */
	delivered(appId: string, event: LedgerEvent, willWait: boolean): number {
		const position = this.positionOf(appId);
		const seq = this.nextSeq++;
		position.pending.push({ seq, event });
		if (willWait) position.waiting += 1;
		else this.advance(position, Number.NEGATIVE_INFINITY);
		return seq;
	}

	/** Events of `appId` up to sequence `seq` went to an execution. */
	handed(appId: string, seq: number, count: number): void {
		const position = this.positionOf(appId);
		position.waiting -= count;
		this.advance(position, seq);
	}

	/** Apps whose remembered state changed since the last call, with that state. */
	takeChanged(): Array<{ appId: string; state: AppState; version: number }> {
		const changed = [];
		for (const [appId, position] of this.positions) {
			if (!position.changed || !position.state) continue;
			position.changed = false;
			changed.push({ appId, state: position.state, version: position.version });
		}
		return changed;
	}

	private positionOf(appId: string): Position {
		let position = this.positions.get(appId);
		if (!position) {
			position = { version: 0, pending: [], waiting: 0, changed: false };
			this.positions.set(appId, position);
		}
		return position;
	}

	/** Applies pending events up to `handedSeq`, then the ones after it while nothing waits before them. */
	private advance(position: Position, handedSeq: number): void {
		if (!position.state) return;
		let applied = 0;
		for (const { seq, event } of position.pending) {
			if (seq > handedSeq && position.waiting > 0) break;
			applyEvent(position.state, event);
			position.version = Math.max(position.version, event.version);
			applied += 1;
		}
		if (applied === 0) return;
		position.pending.splice(0, applied);
		position.changed = true;
	}
}
