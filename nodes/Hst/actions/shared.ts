import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameter } from '../../shared/execution/runParameters';
import { readInteger } from '../../shared/parameters';
import { fieldsOf } from '../../shared/properties';

/** The app an operation acts on, in every resource that names one. */
export const appIdField: INodeProperties = {
	displayName: 'App ID',
	name: 'appId',
	type: 'string',
	default: '',
	required: true,
	description: 'The app_id HST answered when the app was created',
};

/** Return All + Limit, as n8n's list operations have them; the operation adds its own display options. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

const limitField = fieldsOf(returnAllAndLimit).limit;

/** undefined when Return All is on. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (readParameter(context, 'returnAll', itemIndex, false)) return undefined;
	return readInteger(context, limitField, itemIndex, { min: 1 }) ?? 50;
}

/** A caller-chosen message ID that HST echoes back; random (1..2^31-1) when the user leaves it empty or 0. */
export function messageIdOrRandom(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): number {
	const chosen = readInteger(context, { name, label: 'Message ID' }, itemIndex, {
		min: 0,
		max: 2 ** 31 - 1,
	});
	return chosen || 1 + Math.floor(Math.random() * (2 ** 31 - 1));
}
