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
		displayOptions: { show: { resource: ['wechat'] } },
		options: [
			{
				name: 'Exchange',
				value: 'exchange',
				action: 'Exchange resources as a mini program client',
				description: 'POST wechat/exchange at a media gateway, as a mini-program client does',
			},
			{
				name: 'Exit',
				value: 'exit',
				action: 'Leave as a mini program client',
				description: 'POST wechat/exit at a media gateway',
			},
		],
		default: 'exchange',
	},
	...exchange.description,
	...exit.description,
];
