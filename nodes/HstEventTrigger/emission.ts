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

/** Below this share of the bound, reading from the gateway resumes after a pause. */
const RESUME_AT = 0.5;

/**
 * Turns delivered events into n8n executions: only the chosen events and groups, nothing once the trigger
 * is closing. Three ways, by the settings:
 *
 * - one execution per event, in parallel (n8n starts concurrent executions in no particular order);
 * - one execution per event, each after the previous one finished (event order);
 * - batches: up to Batch Size events per execution, flushed at that size or after the Batch Window, one
 *   execution at a time; while an execution runs, events queue and the next batch takes all of them.
 *
 * The queue is bounded: at the bound, `pressure(true)` asks the subscriptions to stop reading from the
 * gateway (nothing is dropped; a connection the gateway closes meanwhile is recovered by a full sync) and
 * the situation is reported as a failed execution; below half the bound, reading resumes.
 */
export class Emission {
	private closed = false;
	private readonly closing = new AbortController();
	private readonly queue: IDataObject[] = [];
	private draining = false;
	/** Wakes the drain loop waiting on an empty queue. */
	private wakeOnItem?: () => void;
	/** Ends a batch window early: the batch is full. */
	private wakeOnFull?: () => void;
	private firstQueuedAt = 0;
	private paused = false;
	emitted = 0;
	executions = 0;

	constructor(
		private readonly context: EmitContext,
		private readonly settings: TriggerSettings,
		private readonly hooks: { emitted?: () => void; pressure?: (full: boolean) => void } = {},
	) {}

	deliver(appId: string, events: LedgerEvent[]): void {
		const groups = this.groupsOf(appId);
		const receivedAt = new Date();
		for (const event of events) {
			if (!this.settings.events.has(EGW_EVENT_NAMES[event.id])) continue;
			if (groups.length > 0 && !groups.includes(event.groupId)) continue;
			this.enqueue(eventItem(appId, event, receivedAt));
		}
	}

	snapshot(appId: string, reply: EgwSyncReply): void {
		if (!this.settings.emitSnapshot) return;
		this.enqueue(snapshotItem(appId, reply, this.groupsOf(appId), new Date()));
	}

	/** Items waiting for an execution. */
	get waiting(): number {
		return this.queue.length;
	}

	close(): void {
		this.closed = true;
		this.closing.abort();
		this.wakeOnItem?.();
	}

	private groupsOf(appId: string): string[] {
		return this.settings.apps.find((app) => app.appId === appId)?.groupIds ?? [];
	}

	private get batching(): boolean {
		return this.settings.emission.mode === 'batch';
	}

	private enqueue(json: IDataObject): void {
		if (this.closed) return;
		if (!this.batching && this.settings.parallelProcessing) {
			this.emit([{ json }]);
			return;
		}
		if (this.queue.length === 0) this.firstQueuedAt = Date.now();
		this.queue.push(json);
		if (!this.paused && this.queue.length >= this.settings.emission.maxQueuedEvents) this.bound();
		this.wakeOnItem?.();
		if (this.queue.length >= this.settings.emission.batchSize) this.wakeOnFull?.();
		void this.drain();
	}

	/** One execution at a time; each takes one event, or a whole batch. */
	private async drain(): Promise<void> {
		if (this.draining) return;
		this.draining = true;
		const closed = new Promise<void>((resolve) =>
			this.closing.signal.addEventListener('abort', () => resolve(), { once: true }),
		);
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
					await pause(left, AbortSignal.any([full.signal, this.closing.signal]));
					this.wakeOnFull = undefined;
					continue;
				}
			}
			const taken = this.batching ? this.queue.splice(0) : this.queue.splice(0, 1);
			if (this.queue.length > 0) this.firstQueuedAt = Date.now();
			const executions =
				this.batching && this.settings.emission.perGroup ? byGroup(taken) : [taken];
			const done = executions.map((items) => this.emitAndWait(items.map((json) => ({ json }))));
			// A failed execution is n8n's to report; the next ones go on either way.
			await Promise.race([Promise.allSettled(done), closed]);
			if (this.paused && this.queue.length <= this.settings.emission.maxQueuedEvents * RESUME_AT) {
				this.paused = false;
				this.context.logger.info(
					`HST Event Trigger: ${this.queue.length} events queued; reading from the gateway again`,
				);
				this.hooks.pressure?.(false);
			}
		}
		this.draining = false;
	}

	private async emitAndWait(items: INodeExecutionData[]): Promise<void> {
		// n8n settles the done-promise when the execution this emit started has finished.
		const done = this.context.helpers.createDeferredPromise<IRun>();
		this.emit(items, done);
		await done.promise;
	}

	private emit(items: INodeExecutionData[], done?: Parameters<ITriggerFunctions['emit']>[2]): void {
		if (this.closed) return;
		this.emitted += items.length;
		this.executions += 1;
		this.context.emit([items], undefined, done);
		this.hooks.emitted?.();
	}

	/** Never silent: logged, and a failed execution with the counts where n8n offers one (2.x). */
	private bound(): void {
		this.paused = true;
		const message = `HST Event Trigger: ${this.queue.length} events are waiting for executions (the bound is ${this.settings.emission.maxQueuedEvents}); reading from the event gateway is paused until half of them are processed`;
		this.context.logger.error(message, {
			queued: this.queue.length,
			bound: this.settings.emission.maxQueuedEvents,
			emittedSoFar: this.emitted,
			executionsSoFar: this.executions,
		});
		this.hooks.pressure?.(true);
		this.context.saveFailedExecution?.(
			new NodeOperationError(this.context.getNode(), message, {
				description: `Executions started so far: ${this.executions}, events in them: ${this.emitted}. Nothing is dropped: if the gateway closes the paused connection, the next full sync recovers what changed. Raise Max Queued Events, or make executions faster (batches, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true).`,
			}),
		);
	}
}

/** One batch per group, each in event order, groups in the order they first appear. */
function byGroup(items: IDataObject[]): IDataObject[][] {
	const groups = new Map<string, IDataObject[]>();
	for (const item of items) {
		const key = String(item.groupId ?? '');
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return [...groups.values()];
}
