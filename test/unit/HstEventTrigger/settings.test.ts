import { NodeOperationError, type ITriggerFunctions } from 'n8n-workflow';

import { properties } from '../../../nodes/HstEventTrigger/description';
import { ALL_EVENT_NAMES, readSettings } from '../../../nodes/HstEventTrigger/settings';

function contextWith(parameters: Record<string, unknown>): ITriggerFunctions {
	return {
		getNode: () => ({ name: 'HST Event Trigger' }),
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
	} as unknown as ITriggerFunctions;
}

const apps = (...rows: Array<Record<string, string>>) => ({ app: rows });

describe('trigger settings', () => {
	it('offers and defaults to every event the gateway pushes', () => {
		const events = properties.find((property) => property.name === 'events')!;
		expect(events.default).toEqual(ALL_EVENT_NAMES);
		expect(events.options!.map((option) => (option as { value: string }).value)).toEqual(
			ALL_EVENT_NAMES,
		);
	});

	it('reads apps and group lists, with defaults for the options', () => {
		const settings = readSettings(
			contextWith({ apps: apps({ appId: ' a1 ', groupIds: 'g1, g2,,g1' }, { appId: 'a2' }) }),
		);
		expect(settings.apps).toEqual([
			{ appId: 'a1', groupIds: ['g1', 'g2'] },
			{ appId: 'a2', groupIds: [] },
		]);
		expect(settings).toMatchObject({
			heartbeatIntervalMs: 20_000,
			replyTimeoutMs: 10_000,
			maxReconnectAttempts: 10,
			emitSnapshot: false,
		});
		expect([...settings.events]).toEqual(ALL_EVENT_NAMES);
	});

	it('reads the emission: one execution per event by default, batches with their settings', () => {
		expect(readSettings(contextWith({ apps: apps({ appId: 'a' }) })).emission).toEqual({
			mode: 'event',
			batchSize: 100,
			batchWindowMs: 1000,
			perGroup: false,
			maxQueuedEvents: 10_000,
			maxParallelExecutions: 10,
		});
		const batch = readSettings(
			contextWith({
				apps: apps({ appId: 'a' }),
				emit: 'batch',
				batching: { batchSize: 500, batchWindow: 0.25, perGroup: true },
				options: { maxQueuedEvents: 2000, maxParallelExecutions: 4 },
			}),
		);
		expect(batch.emission).toEqual({
			mode: 'batch',
			batchSize: 500,
			batchWindowMs: 250,
			perGroup: true,
			maxQueuedEvents: 2000,
			maxParallelExecutions: 4,
		});
	});

	it.each([
		[{ apps: apps() }, 'Apps: add at least one app'],
		[{ apps: apps({ appId: '' }) }, 'Apps: app 1 has no App ID'],
		[{ apps: apps({ appId: 'a' }, { appId: 'a' }) }, 'Apps: a is listed twice'],
		[{ apps: apps({ appId: 'a' }), events: [] }, 'Events: choose at least one event'],
		[
			{ apps: apps({ appId: 'a' }), options: { heartbeatInterval: 0 } },
			'Heartbeat Interval: must be a number of seconds above 0',
		],
		[
			{ apps: apps({ appId: 'a' }), options: { maxReconnectAttempts: -1 } },
			'Max Reconnect Attempts: must be a whole number',
		],
		[
			{ apps: apps({ appId: 'a' }), emit: 'batch', batching: { batchSize: 0 } },
			'Batch Size: must be a whole number of 1 or more',
		],
		[
			{ apps: apps({ appId: 'a' }), emit: 'batch', batching: { batchWindow: 0 } },
			'Batch Window: must be a number of seconds above 0',
		],
		[
			{ apps: apps({ appId: 'a' }), options: { maxQueuedEvents: 0.5 } },
			'Max Queued Events: must be a whole number of 1 or more',
		],
	])('refuses %p', (parameters, message) => {
		expect(() => readSettings(contextWith(parameters))).toThrow(NodeOperationError);
		expect(() => readSettings(contextWith(parameters))).toThrow(message);
	});
});
