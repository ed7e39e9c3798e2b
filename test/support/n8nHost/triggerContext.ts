import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import { errorArtifact, keepArtifact } from '../artifacts';
import type { CredentialStore } from './credentialStore';
import {
	capturingLogger,
	nodeOf,
	requestHelpers,
	resolvedParameters,
	valueAt,
	type LogLine,
} from './executeContext';

/**
 * A workflow's static data as n8n keeps it: the copy in the database, read at activation and saved
 * when the trigger emits (before the execution runs) and once its activation is done, never when it
 * is closed (n8n 2.41 and 1.123 alike; README, "Restarts").
 */
export class WorkflowStaticData {
	saved: IDataObject = {};
	saves = 0;
}

export interface ActivateOptions {
	node: INodeType;
	parameters: INodeParameters;
	store: CredentialStore;
	mode?: 'trigger' | 'manual';
	logs?: LogLine[];
	/** How long each "execution" takes before n8n would settle its done-promise. */
	executionMs?: number;
	/** The workflow's static data across activations; a fresh one when not given. */
	staticData?: WorkflowStaticData;
	/** Which stored credential the trigger uses, per type (default: `<type>-id`). */
	credentialIds?: Record<string, string>;
}

/** A trigger activated the way n8n activates it, with what it emitted and reported. */
export class TriggerRun {
	readonly items: IDataObject[] = [];
	readonly executions: INodeExecutionData[][][] = [];
	readonly errors: Error[] = [];
	readonly failedExecutions: Error[] = [];
	response!: ITriggerResponse;
	/** The static data the trigger sees while active (n8n's in-memory copy). */
	liveStaticData: IDataObject = {};
	/** Calls of getWorkflowStaticData. */
	staticDataReads = 0;
	private closed = false;
	private waiters: Array<() => void> = [];

	/** Executions started but not finished (their done-promise not settled yet). */
	running = 0;
	peakRunning = 0;

	emitted(
		data: INodeExecutionData[][],
		done?: { resolve(run: unknown): void },
		executionMs = 0,
	): void {
		if (this.closed) throw new Error('emit after closeFunction');
		this.running += 1;
		this.peakRunning = Math.max(this.peakRunning, this.running);
		setTimeout(() => {
			this.running -= 1;
			done?.resolve({ finished: true });
		}, executionMs);
		this.executions.push(data);
		for (const item of data[0]) this.items.push(item.json);
		keepArtifact('output', data);
		for (const wake of this.waiters.splice(0)) wake();
	}

	/** Resolves once at least `count` items were emitted; rejects after `timeoutMs`. */
	async waitForItems(count: number, timeoutMs = 10_000): Promise<IDataObject[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.items.length < count) {
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`expected ${count} items, got ${this.items.length}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.min(left, 200));
				this.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return this.items;
	}

	async close(): Promise<void> {
		await this.response.closeFunction?.();
		this.closed = true;
	}
}

/** Calls trigger() with an ITriggerFunctions like n8n's: emit, emitError, saveFailedExecution, request helpers. */
export async function activateTrigger(options: ActivateOptions): Promise<TriggerRun> {
	const run = new TriggerRun();
	const parameters = resolvedParameters(options, 0);
	const node = nodeOf(options, parameters);
	const database = options.staticData ?? new WorkflowStaticData();
	const staticData = structuredClone(database.saved);
	run.liveStaticData = staticData;
	const save = () => {
		database.saved = structuredClone(staticData);
		database.saves += 1;
	};
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: 'test-workflow', name: 'test', active: true }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => 'Asia/Shanghai',
		logger: capturingLogger(options.logs ?? []),
		getNodeParameter(name: string, fallback?: unknown) {
			const value = valueAt(parameters, name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		async getCredentials(type: string) {
			return options.store.get(type, node.credentials?.[type]?.id ?? undefined);
		},
		getWorkflowStaticData(type: 'node' | 'global') {
			run.staticDataReads += 1;
			const key = type === 'node' ? `node:${node.name}` : 'global';
			staticData[key] ??= {};
			return staticData[key] as IDataObject;
		},
		emit: (
			data: INodeExecutionData[][],
			_response?: unknown,
			done?: { resolve(run: unknown): void },
		) => {
			if (options.mode !== 'manual') save();
			run.emitted(data, done, options.executionMs);
		},
		emitError: (error: Error) => {
			keepArtifact('output', errorArtifact(error));
			run.errors.push(error);
		},
		saveFailedExecution: (error: Error) => {
			keepArtifact('output', errorArtifact(error));
			run.failedExecutions.push(error);
		},
		helpers: {
			...requestHelpers(options.store, node),
			createDeferredPromise: <T>() => {
				let resolve!: (value: T) => void;
				let reject!: (error: Error) => void;
				const promise = new Promise<T>((yes, no) => {
					resolve = yes;
					reject = no;
				});
				return { promise, resolve, reject };
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	run.response = (await options.node.trigger!.call(context as unknown as ITriggerFunctions)) ?? {};
	if (options.mode !== 'manual') save();
	return run;
}
