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

export interface ActivateOptions {
	node: INodeType;
	parameters: INodeParameters;
	store: CredentialStore;
	mode?: 'trigger' | 'manual';
	logs?: LogLine[];
	/** How long each "execution" takes before n8n would settle its done-promise. */
	executionMs?: number;
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
		this.items.push(...data[0].map((item) => item.json));
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
		emit: (
			data: INodeExecutionData[][],
			_response?: unknown,
			done?: { resolve(run: unknown): void },
		) => run.emitted(data, done, options.executionMs),
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
	return run;
}
