import type { INodeProperties } from 'n8n-workflow';

import { EGW_EVENT_NAMES } from '../shared/hst/egw';
import { DEFAULT_MAX_PARALLEL_EXECUTIONS, DEFAULT_MAX_QUEUED_EVENTS } from './settings';

const EVENT_LABELS: Record<string, { name: string; description: string }> = {
	userJoined: { name: 'User Joined Group', description: 'A user entered a group (room)' },
	userLeft: { name: 'User Left Group', description: 'A user left a group (room)' },
	mediaStarted: {
		name: 'Media Started',
		description: 'A user started broadcasting audio, video or a screen share',
	},
	mediaStopped: { name: 'Media Stopped', description: 'A user stopped broadcasting a medium' },
	recordingStatus: { name: 'Recording Status', description: 'A recording changed status' },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Apps',
		name: 'apps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add App',
		default: {},
		required: true,
		description:
			'The apps whose events to receive; each gets its own connection to the event gateway',
		options: [
			{
				displayName: 'App',
				name: 'app',
				values: [
					{ displayName: 'App ID', name: 'appId', type: 'string', default: '', required: true },
					{
						displayName: 'Group IDs',
						name: 'groupIds',
						type: 'string',
						default: '',
						placeholder: 'room-101, room-102',
						description:
							'Only events of these groups (rooms), separated by commas; every group when empty',
					},
				],
			},
		],
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: Object.values(EGW_EVENT_NAMES).map((value) => ({ value, ...EVENT_LABELS[value] })),
		default: ['userJoined', 'userLeft', 'mediaStarted', 'mediaStopped', 'recordingStatus'],
		description: 'The events that start the workflow',
	},
	{
		displayName: 'Emit',
		name: 'emit',
		type: 'options',
		options: [
			{
				name: 'One Execution per Event',
				value: 'event',
				description: 'Simplest; n8n on a small server starts a few dozen executions a second',
			},
			{
				name: 'Batches of Events',
				value: 'batch',
				description: 'For busy apps: each execution gets many events as items, in order',
			},
		],
		default: 'event',
	},
	{
		displayName: 'Batching',
		name: 'batching',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: { show: { emit: ['batch'] } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description:
					'A batch starts its execution as soon as it has this many events. While an execution runs, events wait, and the next batch takes all of them.',
			},
			{
				displayName: 'Batch Window (Seconds)',
				name: 'batchWindow',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: 1,
				description: 'The longest an event waits for its batch to fill',
			},
			{
				displayName: 'One Batch per Group',
				name: 'perGroup',
				type: 'boolean',
				default: false,
				description:
					'Whether to start one execution per group (room), so a workflow handles a room at a time',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Emit Snapshot on Start',
				name: 'emitSnapshot',
				type: 'boolean',
				default: false,
				description:
					'Whether to emit, per app, who is in which group when the trigger starts (event "snapshot")',
			},
			{
				displayName: 'Heartbeat Interval (Seconds)',
				name: 'heartbeatInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 20,
				description:
					'How often to send a heartbeat. A connection silent for 1.5 intervals is replaced.',
			},
			{
				displayName: 'Max Parallel Executions',
				name: 'maxParallelExecutions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_PARALLEL_EXECUTIONS,
				description:
					'With one execution per event and Parallel Processing on: how many executions run at the same time. Further events wait in the queue. More rarely makes n8n faster and costs memory.',
			},
			{
				displayName: 'Max Queued Events',
				name: 'maxQueuedEvents',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_QUEUED_EVENTS,
				description:
					'Events waiting for executions, or in executions not finished yet, before the trigger stops taking events (reported as a failed execution); once half are processed, a full sync recovers what changed meanwhile',
			},
			{
				displayName: 'Max Reconnect Attempts',
				name: 'maxReconnectAttempts',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					'Failed reconnects in a row before the trigger reports an error and n8n restarts it; 0 never gives up',
			},
			{
				displayName: 'Max Reconnect Delay (Seconds)',
				name: 'maxReconnectDelay',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'Reconnects back off exponentially, with jitter, up to this delay',
			},
			{
				displayName: 'Parallel Processing',
				name: 'parallelProcessing',
				type: 'boolean',
				default: true,
				description:
					'Whether executions may run at the same time (one execution per event). Off: each event waits for the previous execution to finish, so executions follow event order. Batches always run one at a time.',
			},
			{
				displayName: 'Reply Timeout (Seconds)',
				name: 'replyTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'How long to wait for the gateway to answer login, subscribe and sync',
			},
		],
	},
];
