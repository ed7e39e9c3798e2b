import type { IDataObject, IRun, ITriggerFunctions } from 'n8n-workflow';

import { EGW_EVENT_NAMES, type EgwSyncReply } from '../shared/hst/egw';
import { eventItem, snapshotItem } from './items';
import type { LedgerEvent } from './ledger';
import type { TriggerSettings } from './settings';

type EmitContext = Pick<ITriggerFunctions, 'emit'> & {
	helpers: Pick<ITriggerFunctions['helpers'], 'createDeferredPromise'>;
};

/**
 * Turns delivered events into n8n executions: only the chosen events and groups, one execution per
 * event, nothing at all once the trigger is closing. n8n starts concurrent executions in no particular
 * order, so with parallel processing off each event waits for the previous execution to finish.
 */
export class Emission {
	private closed = false;
	private readonly queue: IDataObject[] = [];
	private draining = false;
	private readonly closing = new AbortController();
	emitted = 0;

	constructor(
		private readonly context: EmitContext,
		private readonly settings: TriggerSettings,
		private readonly onEmit: () => void = () => undefined,
	) {}

	deliver(appId: string, events: LedgerEvent[]): void {
		const groups = this.settings.apps.find((app) => app.appId === appId)?.groupIds ?? [];
		const receivedAt = new Date();
		for (const event of events) {
			if (!this.settings.events.has(EGW_EVENT_NAMES[event.id])) continue;
			if (groups.length > 0 && !groups.includes(event.groupId)) continue;
			this.enqueue(eventItem(appId, event, receivedAt));
		}
	}

	snapshot(appId: string, reply: EgwSyncReply): void {
		if (!this.settings.emitSnapshot) return;
		const groups = this.settings.apps.find((app) => app.appId === appId)?.groupIds ?? [];
		this.enqueue(snapshotItem(appId, reply, groups, new Date()));
	}

	/** Events still waiting for their turn (parallel processing off). */
	get waiting(): number {
		return this.queue.length;
	}

	close(): void {
		this.closed = true;
		this.closing.abort();
	}

	private enqueue(json: IDataObject): void {
		if (this.closed) return;
		if (this.settings.parallelProcessing) {
			this.emit(json);
			return;
		}
		this.queue.push(json);
		void this.drain();
	}

	private async drain(): Promise<void> {
		if (this.draining) return;
		this.draining = true;
		const closed = new Promise<void>((resolve) =>
			this.closing.signal.addEventListener('abort', () => resolve(), { once: true }),
		);
		while (this.queue.length > 0 && !this.closed) {
			// n8n settles the done-promise when the execution this emit started has finished.
			const done = this.context.helpers.createDeferredPromise<IRun>();
			this.emitted += 1;
			this.context.emit([[{ json: this.queue.shift()! }]], undefined, done);
			this.onEmit();
			// A failed execution is n8n's to report; the next event goes on either way.
			await Promise.race([
				done.promise.then(
					() => undefined,
					() => undefined,
				),
				closed,
			]);
		}
		this.draining = false;
	}

	private emit(json: IDataObject): void {
		this.emitted += 1;
		this.context.emit([[{ json }]]);
		this.onEmit();
	}
}
