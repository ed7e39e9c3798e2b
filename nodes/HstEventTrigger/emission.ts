import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IRun,
	type ITriggerFunctions,
} from 'n8n-workflow';

import { EGW_EVENT_NAMES, type EgwSyncReply } from '../shared/hst/egw';
import { pause } from '../shared/timers';
import { eventItem, snapshotItem } from './items';
import type { LedgerEvent } from './ledger';
import type { TriggerSettings } from './settings';

type EmitContext = Pick<ITriggerFunctions, 'emit' | 'getNode' | 'logger'> & {
	helpers: Pick<ITriggerFunctions['helpers'], 'createDeferredPromise'>;
	saveFailedExecution?: ITriggerFunctions['saveFailedExecution'];
};

/** Below this share of the bound, events are taken again after an overload. */
const RESUME_AT = 0.5;

/** An item waiting for an execution; events carry their app and sequence number (see HandedPositions). */
export interface QueuedItem {
	json: IDataObject;
	appId?: string;
	seq?: number;
}

interface EmissionHooks {
	/** The first item was emitted. */
	emitted?: () => void;
	/** The queue reached its bound (true), or drained to half of it (false). */
	pressure?: (full: boolean) => void;
	/** Every delivered event, in order; `willWait`: it waits for an execution. Answers its sequence number. */
	delivered?: (appId: string, event: LedgerEvent, willWait: boolean) => number | undefined;
	/** These items go to an execution now: called right before n8n is handed them. */
	handing?: (items: QueuedItem[]) => void;
}

/**
 * Turns delivered events into n8n executions: only the chosen events and groups, nothing once the trigger
 * is closing. Three ways, by the settings:
 *
 * - one execution per event, up to Max Parallel Executions at once (n8n may finish them in any order);
 * - one execution per event, each after the previous one finished (event order);
 * - batches: up to Batch Size events per execution, flushed at that size or after the Batch Window, one
 *   execution at a time; while an execution runs, events queue and the next batch takes all of them.
 *
 * The queue is bounded: at the bound, `pressure(true)` asks the subscriptions to stop taking events and
 * the situation is reported as a failed execution; below half the bound, `pressure(false)` lets them take
 * events again, after a full sync that emits what changed meanwhile as recovered events.
 */
export class Emission {
	private closed = false;
	private readonly queue: QueuedItem[] = [];
	private draining = false;
	/** Wakes the drain loop waiting on an empty queue. */
	private wakeOnItem?: () => void;
	/** Wakes the drain loop waiting for a running execution to finish. */
	private wakeOnSlot?: () => void;
	/** Ends a batch window early: the batch is full. */
	private wakeOnFull?: () => void;
	private firstQueuedAt = 0;
	private overloaded = false;
	/** Parallel one-per-event mode: executions started and not finished yet. */
	private inFlight = 0;
	emitted = 0;
	executions = 0;

	constructor(
		private readonly context: EmitContext,
		private readonly settings: TriggerSettings,
		private readonly hooks: EmissionHooks = {},
	) {}

	deliver(appId: string, events: LedgerEvent[]): void {
		const groups = this.groupsOf(appId);
		const receivedAt = new Date();
		for (const event of events) {
			const chosen =
				!this.closed &&
				this.settings.events.has(EGW_EVENT_NAMES[event.id]) &&
				(groups.length === 0 || groups.includes(event.groupId));
			const seq = this.hooks.delivered?.(appId, event, chosen);
			if (chosen) this.enqueue({ json: eventItem(appId, event, receivedAt), appId, seq });
		}
	}

	snapshot(appId: string, reply: EgwSyncReply): void {
		if (!this.settings.emitSnapshot) return;
		this.enqueue({ json: snapshotItem(appId, reply, this.groupsOf(appId), new Date()) });
	}

	/** Events waiting for an execution or in one that has not finished: what the bound limits. */
	get waiting(): number {
		return this.queue.length + this.inFlight;
	}

	close(): void {
		this.closed = true;
		this.wakeOnItem?.();
		this.wakeOnFull?.();
		this.wakeOnSlot?.();
	}

	private groupsOf(appId: string): string[] {
		return this.settings.apps.find((app) => app.appId === appId)?.groupIds ?? [];
	}

	private get batching(): boolean {
		return this.settings.emission.mode === 'batch';
	}

	private enqueue(item: QueuedItem): void {
		if (this.closed) return;
		if (this.queue.length === 0) this.firstQueuedAt = Date.now();
		this.queue.push(item);
		if (!this.overloaded && this.waiting >= this.settings.emission.maxQueuedEvents) this.bound();
		this.wakeOnItem?.();
		if (this.queue.length >= this.settings.emission.batchSize) this.wakeOnFull?.();
		void this.drain();
	}

	/** Each execution takes one event, or a whole batch; as many run at once as `concurrency` allows. */
	private async drain(): Promise<void> {
		if (this.draining) return;
		this.draining = true;
		while (!this.closed) {
			if (this.queue.length === 0) {
				await new Promise<void>((resolve) => (this.wakeOnItem = resolve));
				this.wakeOnItem = undefined;
				continue;
			}
			if (this.batching && this.queue.length < this.settings.emission.batchSize) {
				const left = this.settings.emission.batchWindowMs - (Date.now() - this.firstQueuedAt);
				if (left > 0) {
					const full = new AbortController();
					this.wakeOnFull = () => full.abort();
					await pause(left, full.signal);
					this.wakeOnFull = undefined;
					continue;
				}
			}
			const taken = this.batching ? this.queue.splice(0) : this.queue.splice(0, 1);
			if (this.queue.length > 0) this.firstQueuedAt = Date.now();
			const executions =
				this.batching && this.settings.emission.perGroup ? byGroup(taken) : [taken];
			for (const items of executions) this.start(items);
			// Woken by a finished execution or by close(); no promise outlives one wait (each would keep a few hundred bytes per event).
			while (!this.closed && this.inFlight >= this.concurrency) {
				await new Promise<void>((resolve) => (this.wakeOnSlot = resolve));
				this.wakeOnSlot = undefined;
			}
		}
		this.draining = false;
	}

	/**
	 * Parallel one-per-event mode runs a few executions side by side, not one per waiting event: n8n is
	 * CPU-bound, so more at once only costs memory (hundreds of MiB per hundred executions) and not speed.
	 */
	private get concurrency(): number {
		return !this.batching && this.settings.parallelProcessing
			? this.settings.emission.maxParallelExecutions
			: 1;
	}

	private start(items: QueuedItem[]): void {
		this.inFlight += 1;
		void this.emitAndWait(items)
			.catch(() => undefined) // a failed execution is n8n's to report; the next ones go on
			.finally(() => {
				this.inFlight -= 1;
				this.resumeBelowHalf();
				this.wakeOnSlot?.();
			});
	}

	private resumeBelowHalf(): void {
		if (!this.overloaded || this.waiting > this.settings.emission.maxQueuedEvents * RESUME_AT)
			return;
		this.overloaded = false;
		this.context.logger.info(
			`HST Event Trigger: ${this.waiting} events waiting; taking events from the gateway again`,
		);
		this.hooks.pressure?.(false);
	}

	private async emitAndWait(items: QueuedItem[]): Promise<void> {
		// n8n settles the done-promise when the execution this emit started has finished.
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.emit(items, done);
		await done.promise;
	}

	private emit(items: QueuedItem[], done?: Parameters<ITriggerFunctions['emit']>[2]): void {
		if (this.closed) return;
		this.emitted += items.length;
		this.executions += 1;
		this.hooks.handing?.(items);
		const data: INodeExecutionData[] = items.map((item) => ({ json: item.json }));
		this.context.emit([data], undefined, done);
		this.hooks.emitted?.();
	}

	/** Never silent: logged, and a failed execution with the counts where n8n offers one (2.x). */
	private bound(): void {
		this.overloaded = true;
		const message = `HST Event Trigger: ${this.waiting} events are waiting for executions (the bound is ${this.settings.emission.maxQueuedEvents}); new events are not taken until half of them are processed, then a full sync recovers what changed`;
		this.context.logger.error(message, {
			queued: this.waiting,
			bound: this.settings.emission.maxQueuedEvents,
			emittedSoFar: this.emitted,
			executionsSoFar: this.executions,
		});
		this.hooks.pressure?.(true);
		this.context.saveFailedExecution?.(
			new NodeOperationError(this.context.getNode(), message, {
				description: `Executions started so far: ${this.executions}, events in them: ${this.emitted}. The full sync recovers every net change (users in groups, media); what changed and changed back meanwhile, and recording status events, are not recovered. Raise Max Queued Events, or make executions faster (batches, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true).`,
			}),
		);
	}
}

/** One batch per group, each in event order, groups in the order they first appear. */
function byGroup(items: QueuedItem[]): QueuedItem[][] {
	const groups = new Map<string, QueuedItem[]>();
	for (const item of items) {
		const key = String(item.json.groupId ?? '');
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return [...groups.values()];
}
