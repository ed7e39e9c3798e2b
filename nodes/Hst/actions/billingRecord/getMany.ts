import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fieldsOf, filtersCollection } from '../../../shared/properties';

import { HstPath, type BillingRecord } from '../../../shared/hst/api';
import { HST_CHARGE_TERM_NAMES } from '../../../shared/hst/services';
import { hstApiRequestAllPages, listFromResult } from '../../transport';
import { badParameter, readDate, readText } from '../../../shared/parameters';
import { readLimit, returnAllAndLimit } from '../shared';

const show = { resource: ['billingRecord'], operation: ['getMany'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: "Start of the period, in the workflow's time zone unless the value has an offset",
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: "End of the period, in the workflow's time zone unless the value has an offset",
	},
	...returnAllAndLimit,
	filtersCollection([
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'Only records of this app',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const startTime = readDate(this, fields.startTime, itemIndex);
	const endTime = readDate(this, fields.endTime, itemIndex);
	if (endTime < startTime) {
		throw badParameter(this, itemIndex, fields.endTime, 'is before Start Time');
	}
	const appId = readText(this, fields.appId, itemIndex);
	const records = await hstApiRequestAllPages(
		this,
		{
			method: 'GET',
			path: HstPath.BILLING_RECORDS,
			qs: { start_time: startTime, end_time: endTime, ...(appId ? { app_id: appId } : {}) },
		},
		(result) => listFromResult<BillingRecord>(result),
		readLimit(this, itemIndex),
		itemIndex,
	);
	return records.map((record) => ({
		...record,
		charge_term_name: HST_CHARGE_TERM_NAMES[record.charge_term] ?? 'Unknown',
	}));
}
