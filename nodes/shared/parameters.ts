import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { DATE_INPUT_HELP, toEpochMilliseconds } from './dates';
import { readParameter } from './execution/runParameters';

/**
 * Typed readers for node parameters. A bad value fails before any request is sent, with a message
 * that names the field as the user sees it (its display name) and says what is wrong.
 */

export interface Field {
	/** Parameter path, e.g. `appId` or `additionalFields.status`. */
	name: string;
	/** The display name the user sees in the editor. */
	label: string;
}

export function badParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	field: Field,
	problem: string,
) {
	return new NodeOperationError(context.getNode(), `${field.label}: ${problem}`, {
		itemIndex,
		description: `Check the "${field.label}" field of this node.`,
	});
}

/**
 * n8n throws for an absent parameter when the fallback is undefined, so absence is read as null. Once per
 * run when the parameter holds no expression (runParameters.ts).
 */
function raw(context: IExecuteFunctions, field: Field, itemIndex: number): unknown {
	return readParameter(context, field.name, itemIndex, null);
}

export function readText(context: IExecuteFunctions, field: Field, itemIndex: number): string {
	const value = raw(context, field, itemIndex);
	if (value === undefined || value === null) return '';
	if (typeof value === 'object')
		throw badParameter(context, itemIndex, field, 'expected text, got an object');
	return String(value).trim();
}

export function readRequiredText(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
): string {
	const value = readText(context, field, itemIndex);
	if (value === '') throw badParameter(context, itemIndex, field, 'is empty; a value is required');
	return value;
}

interface IntegerBounds {
	min?: number;
	max?: number;
}

export function readInteger(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	bounds: IntegerBounds = {},
): number | undefined {
	const value = raw(context, field, itemIndex);
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isInteger(number)) {
		throw badParameter(
			context,
			itemIndex,
			field,
			`must be a whole number, got ${JSON.stringify(value)}`,
		);
	}
	if (bounds.min !== undefined && number < bounds.min) {
		throw badParameter(context, itemIndex, field, `must be at least ${bounds.min}, got ${number}`);
	}
	if (bounds.max !== undefined && number > bounds.max) {
		throw badParameter(context, itemIndex, field, `must be at most ${bounds.max}, got ${number}`);
	}
	return number;
}

/** A list of IDs given as an array, or as text separated by commas, spaces or new lines. */
export function readIdList(context: IExecuteFunctions, field: Field, itemIndex: number): string[] {
	const value = raw(context, field, itemIndex);
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/);
	const ids = parts.map((part) => part.trim()).filter(Boolean);
	if (ids.length === 0)
		throw badParameter(context, itemIndex, field, 'is empty; give at least one ID');
	return [...new Set(ids)];
}

/** A JSON object given as an object (from an expression) or as JSON text. */
export function readJsonObject(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	{ required }: { required: boolean },
): IDataObject | undefined {
	const value = raw(context, field, itemIndex);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (required)
			throw badParameter(context, itemIndex, field, 'is empty; a JSON object is required');
		return undefined;
	}
	const parsed =
		typeof value === 'string'
			? jsonParse<unknown>(value, { errorMessage: `${field.label}: is not valid JSON` })
			: value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw badParameter(context, itemIndex, field, 'must be a JSON object such as {"key": "value"}');
	}
	return parsed as IDataObject;
}

/** An instant in epoch milliseconds; zone-less picker values are read in the workflow's time zone. */
export function readDate(context: IExecuteFunctions, field: Field, itemIndex: number): number {
	const value = raw(context, field, itemIndex);
	if (value === undefined || value === null || value === '') {
		throw badParameter(context, itemIndex, field, 'is empty; pick a date');
	}
	const milliseconds = toEpochMilliseconds(value, context.getTimezone());
	if (milliseconds === undefined) {
		throw badParameter(
			context,
			itemIndex,
			field,
			`is not a date: ${JSON.stringify(value)}. ${DATE_INPUT_HELP}`,
		);
	}
	return milliseconds;
}
