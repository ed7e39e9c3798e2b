import type { INodeProperties } from 'n8n-workflow';

import { queryDateHint } from '../output';

export const queryDateField: INodeProperties = {
	displayName: 'Day',
	name: 'queryDate',
	type: 'dateTime',
	default: '',
	required: true,
	hint: queryDateHint,
};

export const queryDate = { name: 'queryDate', label: 'Day' };
