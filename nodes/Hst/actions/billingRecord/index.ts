import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['billingRecord'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many billing records',
				description: 'Get the billing records of a period, optionally of one app',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
