import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toYoumeQueryDate, unixSecondsToIso } from '../../shared/youme/days';
import { YOUME_UNIX_TIME_FIELDS, type YoumeEnvelope } from '../../shared/youme/protocol';
import { readParameter } from '../../shared/execution/runParameters';
import { badParameter, type Field } from '../../shared/parameters';

/** "Options → Output": an item per record (default) or Youme's answer as it came. */
export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'One Item per Record',
			value: 'records',
			description: 'Each record or data point becomes an item',
		},
		{ name: 'Raw Answer', value: 'raw', description: "Youme's answer as it came, as one item" },
	],
	default: 'records',
};

export function wantsRawAnswer(context: IExecuteFunctions, itemIndex: number): boolean {
	return readParameter(context, 'options.output', itemIndex, 'records') === 'raw';
}

/** Adds `<Field>Iso` next to every Unix-second time field; the original values stay as Youme sent them. */
export function withIsoTimes<T extends object>(record: T): T & IDataObject {
	const result: IDataObject = { ...(record as IDataObject) };
	for (const field of YOUME_UNIX_TIME_FIELDS) {
		const iso = unixSecondsToIso(result[field]);
		if (iso !== undefined) result[`${field}Iso`] = iso;
	}
	return result as T & IDataObject;
}

/** The raw answer without the status fields, or nothing when Youme had no data. */
export function rawAnswer(answer: YoumeEnvelope | undefined): IDataObject[] {
	if (!answer) return [];
	const statusFields = new Set(['Status', 'ActionStatus', 'ErrorCode', 'ErrorInfo']);
	return [
		Object.fromEntries(
			Object.entries(answer).filter(([key]) => !statusFields.has(key)),
		) as IDataObject,
	];
}

export const queryDateHint =
	'The day as Youme counts it, in UTC+8 (China). A picked date is taken as it is; a value with a time zone (e.g. {{ $now }}) becomes the UTC+8 day containing it.';

export function readQueryDate(context: IExecuteFunctions, field: Field, itemIndex: number): string {
	const value = readParameter(context, field.name, itemIndex, null);
	if (value === null || value === '')
		throw badParameter(context, itemIndex, field, 'is empty; pick a day');
	const day = toYoumeQueryDate(value, context.getTimezone());
	if (!day)
		throw badParameter(
			context,
			itemIndex,
			field,
			`is not a day: ${JSON.stringify(value)}. Pick a date, or give yyyy-MM-dd`,
		);
	return day;
}
