import type { INodeProperties } from 'n8n-workflow';

import { EGW_EVENT_NAMES } from '../shared/hst/egw';

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
					'Whether executions may run at the same time. Off: each event waits for the previous execution to finish, so executions follow event order.',
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
