import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	HstAutoLayout,
	HstLayoutMediaType,
	HstRecordFileType,
} from '../../../shared/hst/recording';
import { badParameter, readText, type Field } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import {
	CROP_MODES,
	boundedNumber,
	cropModeField,
	optionsOf,
	readInRange,
	readNamedCode,
	sequenceOption,
	type NamedCode,
	type Range,
} from '../mediaFields';

/** The optional fields of Start: the automatic layout and the task's file and canvas settings. */

const LAYOUTS: NamedCode[] = [
	{ name: 'Even', value: 'even', code: HstAutoLayout.EVEN, description: 'Equal tiles' },
	{
		name: 'Main Speaker',
		value: 'mainSpeaker',
		code: HstAutoLayout.MAIN_SPEAKER,
		description: 'One large picture, the others small',
	},
];
const MAIN_MEDIA: NamedCode[] = [
	{ name: 'Camera', value: 'camera', code: HstLayoutMediaType.CAMERA },
	{ name: 'Screen Share', value: 'screenShare', code: HstLayoutMediaType.SCREEN_SHARE },
	{ name: 'Whiteboard', value: 'whiteboard', code: HstLayoutMediaType.WHITEBOARD },
];
const FILE_TYPES: NamedCode[] = [
	{ name: 'MP4 (Audio and Video)', value: 'mp4', code: HstRecordFileType.MP4 },
	{ name: 'MP3 (Audio Only)', value: 'mp3', code: HstRecordFileType.MP3 },
];

/** Bounds and HST's defaults (docs/vendors/hst.md#cloud-recording). */
const RANGES: Record<string, Range> = {
	maxVideos: [1, 9, 9],
	frameRate: [1, 30, 30],
	height: [1, 1080, 1080],
	width: [1, 1920, 1920],
	sliceMinutes: [15, 300, 60],
	stopAfterSeconds: [5, 1800, 600],
};

export const automaticLayoutProperty: INodeProperties = {
	displayName: 'Automatic Layout',
	name: 'automaticLayout',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { layoutMode: ['automatic'] } },
	options: [
		cropModeField('scaleAndCrop', "How videos fill their tiles; HST's default is Scale and Crop"),
		{
			displayName: 'Layout',
			name: 'layout',
			type: 'options',
			options: optionsOf(LAYOUTS),
			default: 'even',
		},
		{
			displayName: 'Main Media',
			name: 'mainMedia',
			type: 'options',
			options: optionsOf(MAIN_MEDIA),
			default: 'camera',
			description: 'Main Speaker layout: the media shown large',
		},
		{
			displayName: 'Main Speaker User ID',
			name: 'mainSpeakerUserId',
			type: 'string',
			default: '',
			description:
				'Main Speaker layout: the user shown large; the first user in the group when empty',
		},
		boundedNumber('Max Videos', 'maxVideos', RANGES.maxVideos, 'At most this many videos'),
	],
};

export const taskOptionsProperty: INodeProperties = optionsCollection([
	{ displayName: 'Company ID', name: 'companyId', type: 'string', default: '' },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Name of the recorded files, without extension',
	},
	{
		displayName: 'File Type',
		name: 'fileType',
		type: 'options',
		options: optionsOf(FILE_TYPES),
		default: 'mp4',
	},
	boundedNumber('Frame Rate', 'frameRate', RANGES.frameRate, 'Frames per second'),
	boundedNumber('Height', 'height', RANGES.height, 'Canvas height in pixels'),
	{
		displayName: 'Record Whiteboard',
		name: 'recordWhiteboard',
		type: 'boolean',
		default: true,
		description: 'Whether the whiteboard is recorded too',
	},
	sequenceOption,
	boundedNumber(
		'Slice Duration (Minutes)',
		'sliceMinutes',
		RANGES.sliceMinutes,
		'A new file every so many minutes',
	),
	boundedNumber(
		'Stop After Failing to Pull (Seconds)',
		'stopAfterSeconds',
		RANGES.stopAfterSeconds,
		'HST ends the task when it could pull no media this long and got no command',
	),
	boundedNumber('Width', 'width', RANGES.width, 'Canvas width in pixels'),
]);

const startFields = fieldsOf([automaticLayoutProperty, taskOptionsProperty]);

/** `auto` of init: `{}` asks for HST's automatic layout with its defaults. */
export function readAutomaticLayout(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const auto: IDataObject = {};
	const layout = readNamedCode(context, startFields.layout, itemIndex, LAYOUTS);
	if (layout !== undefined) auto.type = layout;
	const mainSpeaker = readText(context, startFields.mainSpeakerUserId, itemIndex);
	const mainMedia = readNamedCode(context, startFields.mainMedia, itemIndex, MAIN_MEDIA);
	const mainSpeakerOnly: Array<[Field, boolean]> = [
		[startFields.mainSpeakerUserId, mainSpeaker !== ''],
		[startFields.mainMedia, mainMedia !== undefined],
	];
	for (const [field, given] of mainSpeakerOnly) {
		if (given && layout !== HstAutoLayout.MAIN_SPEAKER)
			throw badParameter(context, itemIndex, field, 'is used only with the Main Speaker layout');
	}
	if (mainSpeaker) auto.user_id = mainSpeaker;
	if (mainMedia !== undefined) auto.main_media_type = mainMedia;
	const maxVideos = readInRange(context, startFields.maxVideos, itemIndex, RANGES.maxVideos);
	if (maxVideos !== undefined) auto.media_count = maxVideos;
	const cropMode = readNamedCode(context, startFields.cropMode, itemIndex, CROP_MODES);
	if (cropMode !== undefined) auto.crop_mode = cropMode;
	return auto;
}

/** The task's optional fields of init, only those the user added. */
export function readTaskOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	const fileName = readText(context, startFields.fileName, itemIndex);
	if (fileName) body.file_name = fileName;
	const fileType = readNamedCode(context, startFields.fileType, itemIndex, FILE_TYPES);
	if (fileType !== undefined) body.file_type = fileType;
	const ranges: Array<[string, Field, Range]> = [
		['file_duration', startFields.sliceMinutes, RANGES.sliceMinutes],
		['width', startFields.width, RANGES.width],
		['height', startFields.height, RANGES.height],
		['frame_rate', startFields.frameRate, RANGES.frameRate],
		['timeout', startFields.stopAfterSeconds, RANGES.stopAfterSeconds],
	];
	for (const [name, field, range] of ranges) {
		const value = readInRange(context, field, itemIndex, range);
		if (value !== undefined) body[name] = value;
	}
	const whiteboard = context.getNodeParameter(startFields.recordWhiteboard.name, itemIndex, null);
	if (typeof whiteboard === 'boolean') body.white_board = whiteboard ? 1 : 0;
	const companyId = readText(context, startFields.companyId, itemIndex);
	if (companyId) body.company_id = companyId;
	return body;
}
