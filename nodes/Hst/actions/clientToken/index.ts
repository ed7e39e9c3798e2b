import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';

export const operations = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['clientToken'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a client login token',
				description: "Sign the token a user's HST SDK logs in with, from the HST App credential",
			},
		],
		default: 'create',
	},
	...create.description,
];
