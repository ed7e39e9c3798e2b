import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { HstCropMode } from '../../shared/hst/recording';
import { badParameter, readInteger, readText, type Field } from '../../shared/parameters';

/** Fields and readers the recording, live stream and client token operations share. */

export const groupIdField: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	default: '',
	required: true,
	description: 'The group (room) to record or stream',
};

export const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	description: 'The record_id HST answered when the recording was started',
};

/** A named choice and the number HST wants for it. */
export interface NamedCode {
	name: string;
	value: string;
	code: number;
	description?: string;
}

export function optionsOf(choices: NamedCode[]) {
	return choices.map(({ name, value, description }) =>
		description ? { name, value, description } : { name, value },
	);
}

/** The code of the chosen name; an unknown name (from an expression) fails naming the field. */
export function readNamedCode(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	choices: NamedCode[],
): number | undefined {
	const chosen = readText(context, field, itemIndex);
	if (chosen === '') return undefined;
	const match = choices.find((choice) => choice.value === chosen || String(choice.code) === chosen);
	if (!match) {
		throw badParameter(
			context,
			itemIndex,
			field,
			`must be one of ${choices.map((choice) => `"${choice.value}"`).join(', ')}; got ${JSON.stringify(chosen)}`,
		);
	}
	return match.code;
}

export const CROP_MODES: NamedCode[] = [
	{
		name: 'Stretch',
		value: 'stretch',
		code: HstCropMode.STRETCH,
		description: 'Fill the area, distorting the picture if needed',
	},
	{
		name: 'Scale and Crop',
		value: 'scaleAndCrop',
		code: HstCropMode.SCALE_AND_CROP,
		description: 'Keep proportions and fill the area; the edges are cut',
	},
	{
		name: 'Scale and Fit',
		value: 'scaleAndFit',
		code: HstCropMode.SCALE_AND_FIT,
		description: 'Keep proportions and show the whole picture; bars fill the rest',
	},
];

export function cropModeField(defaultValue: string, description: string): INodeProperties {
	return {
		displayName: 'Crop Mode',
		name: 'cropMode',
		type: 'options',
		options: optionsOf(CROP_MODES),
		default: defaultValue,
		description,
	};
}

let sequence = 0;
/** `seq` that HST echoes back: the user's, or one unique within this process. */
export function sequenceOrNew(context: IExecuteFunctions, field: Field, itemIndex: number): string {
	const chosen = readText(context, field, itemIndex);
	if (chosen !== '') return chosen;
	sequence = (sequence + 1) % 1000;
	return `n8n-${Date.now()}-${sequence}`;
}

export const sequenceOption: INodeProperties = {
	displayName: 'Sequence',
	name: 'seq',
	type: 'string',
	default: '',
	description: 'A value of your choice that HST echoes back as seq; generated when empty',
};

/** min, max and HST's own default. */
export type Range = readonly [number, number, number];

/** A bounded whole number whose default is HST's own, sent only when the user adds it. */
export function boundedNumber(
	displayName: string,
	name: string,
	range: Range,
	hint: string,
): INodeProperties {
	const [min, max, hstDefault] = range;
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: min, maxValue: max },
		default: hstDefault,
		description: `${hint}, ${min} to ${max}`,
	};
}

export function readInRange(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	range: Range,
): number | undefined {
	return readInteger(context, field, itemIndex, { min: range[0], max: range[1] });
}
