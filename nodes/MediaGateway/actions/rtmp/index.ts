import type { INodeProperties } from 'n8n-workflow';

import * as exchange from './exchange';
import * as exit from './exit';

export const operations = { exchange, exit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rtmp'] } },
		options: [
			{
				name: 'Exchange',
				value: 'exchange',
				action: 'Publish or update an RTMP stream',
				description: 'POST rtmp/exchange at a Stream-Server',
			},
			{
				name: 'Exit',
				value: 'exit',
				action: 'End an RTMP stream',
				description: 'POST rtmp/exit at a Stream-Server',
			},
		],
		default: 'exchange',
	},
	...exchange.description,
	...exit.description,
];
