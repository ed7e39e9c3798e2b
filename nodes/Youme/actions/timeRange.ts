import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toUnixSecondsString } from '../../shared/youme/days';
import { badParameter, readDate, type Field } from '../../shared/parameters';

export const beginTimeField: INodeProperties = {
	displayName: 'Begin Time',
	name: 'beginTime',
	type: 'dateTime',
	default: '',
	required: true,
	hint: "Sent as Unix seconds; read in the workflow's time zone unless the value has an offset",
};

export const endTimeField: INodeProperties = {
	displayName: 'End Time',
	name: 'endTime',
	type: 'dateTime',
	default: '',
	required: true,
	hint: "Sent as Unix seconds; read in the workflow's time zone unless the value has an offset",
};

/**
 * `BeginTime`/`EndTime` as Youme wants them (docs/vendors/youme.md#times-and-days): Unix-second strings, begin not
 * after end.
 */
export function readTimeRange(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: { beginTime: Field; endTime: Field },
): { BeginTime: string; EndTime: string } {
	const begin = readDate(context, fields.beginTime, itemIndex);
	const end = readDate(context, fields.endTime, itemIndex);
	if (end < begin)
		throw badParameter(context, itemIndex, fields.endTime, `is before ${fields.beginTime.label}`);
	return { BeginTime: toUnixSecondsString(begin), EndTime: toUnixSecondsString(end) };
}
