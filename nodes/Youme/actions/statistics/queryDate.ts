import type { INodeProperties } from 'n8n-workflow';

import { fieldsOf } from '../../../shared/properties';
import { queryDateHint } from '../output';

export const queryDateField: INodeProperties = {
	displayName: 'Day',
	name: 'queryDate',
	type: 'dateTime',
	default: '',
	required: true,
	hint: queryDateHint,
};

export const queryDate = fieldsOf([queryDateField]).queryDate;
