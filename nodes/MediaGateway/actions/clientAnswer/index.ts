import type { INodeProperties } from 'n8n-workflow';

import * as build from './build';
import * as send from './send';

export const operations = { build, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['clientAnswer'] } },
		options: [
			{
				name: 'Build',
				value: 'build',
				action: 'Build a client answer',
				description:
					'Shape JSON into a client answer (resultCode 10000 when missing) without sending it',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a client answer',
				description:
					'Answer the client waiting on a Media Gateway Trigger set to respond with a respond node',
			},
		],
		default: 'build',
	},
	...build.description,
	...send.description,
];
