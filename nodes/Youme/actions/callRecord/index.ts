import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';
import * as getManyOfUser from './getManyOfUser';

export const operations = { getMany, getManyOfUser };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callRecord'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many call records',
				description: "Every user's sessions in a period (query_all_instance_by_time)",
			},
			{
				name: 'Get Many of User',
				value: 'getManyOfUser',
				action: 'Get many call records of a user',
				description:
					"One user's sessions in a period, room by room (query_instance_all_records_by_time)",
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getManyOfUser.description,
];
