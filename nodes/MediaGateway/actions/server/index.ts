import type { INodeProperties } from 'n8n-workflow';

import * as getState from './getState';

export const operations = { getState };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['server'] } },
		options: [
			{
				name: 'Get State',
				value: 'getState',
				action: 'Get the server state',
				description: 'GET monitor/state',
			},
		],
		default: 'getState',
	},
	...getState.description,
];
