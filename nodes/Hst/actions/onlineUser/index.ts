import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';
import * as invite from './invite';
import * as kickOut from './kickOut';
import * as sendCommand from './sendCommand';

export const operations = { getMany, kickOut, sendCommand, invite };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['onlineUser'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many online user states',
				description: 'Get the online state and terminals of the users of an app',
			},
			{
				name: 'Invite',
				value: 'invite',
				action: 'Invite users to a group',
				description: 'Web online invite: call users into a group',
			},
			{
				name: 'Kick Out',
				value: 'kickOut',
				action: 'Kick out a user',
				description: 'Sign a user out of their terminals',
			},
			{
				name: 'Send Command',
				value: 'sendCommand',
				action: 'Send a command to terminals',
				description: 'Deliver a JSON message to chosen terminals',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...invite.description,
	...kickOut.description,
	...sendCommand.description,
];
