import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['room'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a room',
				description: 'Who took part in a room, when, and for how long (query_room_info)',
			},
		],
		default: 'get',
	},
	...get.description,
];
