import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';
import * as start from './start';
import * as stop from './stop';

export const operations = { start, stop, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['liveStream'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many live streams',
				description: 'The live streams of an app, with their URLs',
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a live stream',
				description: 'Stream a group; answers its FLV, HLS (m3u8) and RTMP URLs',
			},
			{ name: 'Stop', value: 'stop', action: 'Stop a live stream' },
		],
		default: 'start',
	},
	...start.description,
	...stop.description,
	...getMany.description,
];
