import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/execution/runPerItem';
import * as app from './app';
import * as billingRecord from './billingRecord';
import * as clientToken from './clientToken';
import * as liveStream from './liveStream';
import * as onlineUser from './onlineUser';
import * as recording from './recording';

export const resources = {
	app: app.operations,
	billingRecord: billingRecord.operations,
	clientToken: clientToken.operations,
	liveStream: liveStream.operations,
	onlineUser: onlineUser.operations,
	recording: recording.operations,
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
			{ name: 'Client Token', value: 'clientToken' },
			{ name: 'Live Stream', value: 'liveStream' },
			{ name: 'Online User', value: 'onlineUser' },
			{ name: 'Recording', value: 'recording' },
		],
		default: 'app',
	},
	...app.description,
	...billingRecord.description,
	...clientToken.description,
	...liveStream.description,
	...onlineUser.description,
	...recording.description,
	requestOptionsProperty,
];
