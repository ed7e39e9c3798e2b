import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/execution/runPerItem';
import * as app from './app';
import * as billingRecord from './billingRecord';
import * as onlineUser from './onlineUser';

export const resources = {
	app: app.operations,
	billingRecord: billingRecord.operations,
	onlineUser: onlineUser.operations,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'App', value: 'app' },
			{ name: 'Billing Record', value: 'billingRecord' },
			{ name: 'Online User', value: 'onlineUser' },
		],
		default: 'app',
	},
	...app.description,
	...billingRecord.description,
	...onlineUser.description,
	requestOptionsProperty,
];
