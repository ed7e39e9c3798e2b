import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../../shared/execution/runPerItem';
import * as callRecord from './callRecord';
import * as room from './room';
import * as statistics from './statistics';

export const resources = {
	callRecord: callRecord.operations,
	room: room.operations,
	statistics: statistics.operations,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call Record', value: 'callRecord' },
			{ name: 'Room', value: 'room' },
			{ name: 'Statistic', value: 'statistics' },
		],
		default: 'callRecord',
	},
	...callRecord.description,
	...room.description,
	...statistics.description,
	requestOptionsProperty,
];
