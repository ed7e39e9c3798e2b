import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/execution/runPerItem';
import * as clientAnswer from './clientAnswer';
import * as rtmp from './rtmp';
import * as server from './server';
import * as wechat from './wechat';

export const resources = {
	rtmp: rtmp.operations,
	wechat: wechat.operations,
	server: server.operations,
	clientAnswer: clientAnswer.operations,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Client Answer',
				value: 'clientAnswer',
				description: 'Shape the answer a workflow gives a client',
			},
			{
				name: 'RTMP',
				value: 'rtmp',
				description: 'Call a Stream-Server as the media gateway does',
			},
			{ name: 'Server', value: 'server', description: 'Monitor a Stream-Server or media gateway' },
			{
				name: 'WeChat Client',
				value: 'wechat',
				description: 'Call a media gateway as a mini-program client does',
			},
		],
		default: 'rtmp',
	},
	...rtmp.description,
	...wechat.description,
	...server.description,
	...clientAnswer.description,
	requestOptionsProperty,
];
