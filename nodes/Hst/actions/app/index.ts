import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as remove from './delete';
import * as update from './update';

export const operations = { create, update, delete: remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['app'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an app',
				description: 'Create an app with its services',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete an app' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update an app',
				description: 'Change the name, status, limit or services of an app',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...remove.description,
];
