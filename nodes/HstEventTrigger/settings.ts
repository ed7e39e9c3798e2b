import { NodeOperationError, type ITriggerFunctions } from 'n8n-workflow';

import { EGW_EVENT_NAMES, type EgwEventName } from '../shared/hst/egw';
import type { BackoffSettings } from './backoff';

interface AppChoice {
	appId: string;
	/** Empty: every group of the app. */
	groupIds: string[];
}

/** The trigger's parameters, read and checked once at activation. */
/** How events become executions. */
interface EmissionSettings {
	mode: 'event' | 'batch';
	/** A batch is flushed as soon as it has this many events… */
	batchSize: number;
	/** …or this long after its first event arrived. */
	batchWindowMs: number;
	/** One execution per group (room) in each flush. */
	perGroup: boolean;
	/** Events waiting for executions or in unfinished ones before the trigger stops taking events. */
	maxQueuedEvents: number;
	/** One-per-event mode with parallel processing: executions running at once. */
	maxParallelExecutions: number;
}

export interface TriggerSettings {
	apps: AppChoice[];
	events: Set<EgwEventName>;
	emitSnapshot: boolean;
	/** Off: one execution at a time, in event order (one-per-event mode; batches always go one at a time). */
	parallelProcessing: boolean;
	emission: EmissionSettings;
	heartbeatIntervalMs: number;
	replyTimeoutMs: number;
	/** Failed reconnects in a row before the trigger reports itself failed; 0 never gives up. */
	maxReconnectAttempts: number;
	backoff: BackoffSettings;
}

/** Enough to keep both cores busy while one execution waits on I/O; more only adds memory (see BENCHMARKS.md). */
export const DEFAULT_MAX_PARALLEL_EXECUTIONS = 10;

export const DEFAULT_MAX_QUEUED_EVENTS = 10_000;

export const ALL_EVENT_NAMES = Object.values(EGW_EVENT_NAMES) as EgwEventName[];

interface AppRow {
	appId?: string;
	groupIds?: string;
}

interface BatchOptions {
	batchSize?: number;
	batchWindow?: number;
	perGroup?: boolean;
}

interface Options {
	emitSnapshot?: boolean;
	maxQueuedEvents?: number;
	maxParallelExecutions?: number;
	parallelProcessing?: boolean;
	heartbeatInterval?: number;
	replyTimeout?: number;
	maxReconnectAttempts?: number;
	maxReconnectDelay?: number;
}

export function readSettings(context: ITriggerFunctions): TriggerSettings {
	const node = context.getNode();
	const rows = ((context.getNodeParameter('apps', {}) as { app?: AppRow[] }).app ?? []).map(
		(row, position) => {
			const appId = String(row.appId ?? '').trim();
			if (!appId) throw new NodeOperationError(node, `Apps: app ${position + 1} has no App ID`);
			const groupIds = String(row.groupIds ?? '')
				.split(/[\s,]+/)
				.map((id) => id.trim())
				.filter(Boolean);
			return { appId, groupIds: [...new Set(groupIds)] };
		},
	);
	if (rows.length === 0)
		throw new NodeOperationError(node, 'Apps: add at least one app to subscribe to');
	const seen = new Set<string>();
	for (const row of rows) {
		if (seen.has(row.appId))
			throw new NodeOperationError(node, `Apps: ${row.appId} is listed twice`);
		seen.add(row.appId);
	}

	const events = new Set(context.getNodeParameter('events', ALL_EVENT_NAMES) as EgwEventName[]);
	if (events.size === 0) throw new NodeOperationError(node, 'Events: choose at least one event');

	const options = context.getNodeParameter('options', {}) as Options;
	const mode = context.getNodeParameter('emit', 'event') === 'batch' ? 'batch' : 'event';
	const batch = (mode === 'batch' ? context.getNodeParameter('batching', {}) : {}) as BatchOptions;
	const wholeNumber = (label: string, value: number, min: number) => {
		if (!Number.isInteger(value) || value < min) {
			throw new NodeOperationError(
				node,
				`${label}: must be a whole number of ${min} or more, got ${JSON.stringify(value)}`,
			);
		}
		return value;
	};
	const heartbeatSeconds = positive(node, 'Heartbeat Interval', options.heartbeatInterval ?? 20);
	const maxDelaySeconds = positive(node, 'Max Reconnect Delay', options.maxReconnectDelay ?? 60);
	const attempts = wholeNumber('Max Reconnect Attempts', options.maxReconnectAttempts ?? 10, 0);
	return {
		apps: rows,
		events,
		emitSnapshot: options.emitSnapshot ?? false,
		parallelProcessing: options.parallelProcessing ?? true,
		emission: {
			mode,
			batchSize: wholeNumber('Batch Size', batch.batchSize ?? 100, 1),
			batchWindowMs: positive(node, 'Batch Window', batch.batchWindow ?? 1) * 1000,
			perGroup: batch.perGroup ?? false,
			maxQueuedEvents: wholeNumber(
				'Max Queued Events',
				options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS,
				1,
			),
			maxParallelExecutions: wholeNumber(
				'Max Parallel Executions',
				options.maxParallelExecutions ?? DEFAULT_MAX_PARALLEL_EXECUTIONS,
				1,
			),
		},
		heartbeatIntervalMs: heartbeatSeconds * 1000,
		replyTimeoutMs: positive(node, 'Reply Timeout', options.replyTimeout ?? 10) * 1000,
		maxReconnectAttempts: attempts,
		backoff: {
			initialDelayMs: 1000,
			maxDelayMs: maxDelaySeconds * 1000,
			healthyAfterMs: Math.max(60_000, 3 * heartbeatSeconds * 1000),
		},
	};
}

function positive(
	node: ReturnType<ITriggerFunctions['getNode']>,
	label: string,
	value: number,
): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new NodeOperationError(
			node,
			`${label}: must be a number of seconds above 0, got ${JSON.stringify(value)}`,
		);
	}
	return value;
}
