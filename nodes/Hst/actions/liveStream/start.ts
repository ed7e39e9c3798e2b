import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { appIdField } from '../shared';

import { answerFields } from '../../answer';
import { HstLivePath, HstLiveQuality } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText, type Field } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import {
	CROP_MODES,
	boundedNumber,
	cropModeField,
	groupIdField,
	optionsOf,
	readInRange,
	readNamedCode,
	type NamedCode,
	type Range,
} from '../mediaFields';

const QUALITIES: NamedCode[] = [
	{ name: 'Smooth', value: 'smooth', code: HstLiveQuality.SMOOTH },
	{ name: 'Standard', value: 'standard', code: HstLiveQuality.STANDARD },
	{ name: 'High', value: 'high', code: HstLiveQuality.HIGH },
];

/** Bounds and HST's defaults (docs/vendors/hst.md#live-streaming). */
const RANGES: Record<'width' | 'height' | 'frameRate', Range> = {
	width: [1, 1920, 1920],
	height: [1, 1080, 1080],
	frameRate: [1, 30, 30],
};

const properties: INodeProperties[] = [
	appIdField,
	{
		...groupIdField,
		description: 'The group (room) to stream; someone in it must already broadcast',
	},
	optionsCollection([
		cropModeField('scaleAndCrop', "How videos fill their tiles; HST's default is Scale and Crop"),
		boundedNumber('Frame Rate', 'frameRate', RANGES.frameRate, 'Frames per second'),
		boundedNumber('Height', 'height', RANGES.height, 'Picture height in pixels'),
		{
			displayName: 'Quality',
			name: 'quality',
			type: 'options',
			options: optionsOf(QUALITIES),
			default: 'standard',
		},
		boundedNumber('Width', 'width', RANGES.width, 'Picture width in pixels'),
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['liveStream'], operation: ['start'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		group_id: readRequiredText(this, fields.groupId, itemIndex),
	};
	const ranges: Array<[string, Field, Range]> = [
		['width', fields.width, RANGES.width],
		['height', fields.height, RANGES.height],
		['frame_rate', fields.frameRate, RANGES.frameRate],
	];
	for (const [name, field, range] of ranges) {
		const value = readInRange(this, field, itemIndex, range);
		if (value !== undefined) body[name] = value;
	}
	const cropMode = readNamedCode(this, fields.cropMode, itemIndex, CROP_MODES);
	if (cropMode !== undefined) body.crop_mode = cropMode;
	const quality = readNamedCode(this, fields.quality, itemIndex, QUALITIES);
	if (quality !== undefined) body.quality_level = quality;

	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstLivePath.START, body },
		itemIndex,
	);
	return { ...answerFields(answer), app_id: body.app_id, group_id: body.group_id };
}
