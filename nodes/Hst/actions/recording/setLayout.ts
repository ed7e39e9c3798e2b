import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { appIdField } from '../shared';

import { answerFields } from '../../answer';
import { HstLayoutMediaType, HstRecordPath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { badParameter, readRequiredText, type Field } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import {
	CROP_MODES,
	cropModeField,
	optionsOf,
	recordIdField,
	sequenceOption,
	sequenceOrNew,
	type NamedCode,
} from '../mediaFields';

const VIDEO_SOURCES: NamedCode[] = [
	{ name: 'Camera', value: 'camera', code: HstLayoutMediaType.CAMERA },
	{ name: 'Screen Share', value: 'screenShare', code: HstLayoutMediaType.SCREEN_SHARE },
];

/** Canvas bounds of a video tile and HST's defaults (docs/vendors/hst.md#cloud-recording). */
const TILE = {
	x: { min: 0, max: 1920, default: 0, label: 'X' },
	y: { min: 0, max: 1080, default: 0, label: 'Y' },
	w: { min: 1, max: 1920, default: 320, label: 'Width' },
	h: { min: 1, max: 1080, default: 240, label: 'Height' },
} as const;

const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
};

const mediaIdField = (what: string): INodeProperties => ({
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	description: `The ${what}'s media_id, as the event gateway reports it`,
});

const properties: INodeProperties[] = [
	appIdField,
	recordIdField,
	{
		displayName: 'Audio',
		name: 'audio',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Audio',
		default: {},
		description: 'The microphones mixed into the recording',
		options: [
			{ displayName: 'Audio', name: 'entry', values: [mediaIdField('microphone'), userIdField] },
		],
	},
	{
		displayName: 'Video',
		name: 'video',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Video',
		default: {},
		description: 'The videos placed on the canvas, each at its position and size in pixels',
		options: [
			{
				displayName: 'Video',
				name: 'entry',
				values: [
					cropModeField('stretch', "How the video fills its tile; HST's default is Stretch"),
					{
						displayName: 'Height',
						name: 'h',
						type: 'number',
						typeOptions: { minValue: TILE.h.min, maxValue: TILE.h.max },
						default: 240,
					},
					mediaIdField('video'),
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: optionsOf(VIDEO_SOURCES),
						default: 'camera',
					},
					userIdField,
					{
						displayName: 'Width',
						name: 'w',
						type: 'number',
						typeOptions: { minValue: TILE.w.min, maxValue: TILE.w.max },
						default: 320,
					},
					{
						displayName: 'X',
						name: 'x',
						type: 'number',
						typeOptions: { minValue: TILE.x.min, maxValue: TILE.x.max },
						default: 0,
						description: 'Left edge on the canvas, in pixels',
					},
					{
						displayName: 'Y',
						name: 'y',
						type: 'number',
						typeOptions: { minValue: TILE.y.min, maxValue: TILE.y.max },
						default: 0,
						description: 'Top edge on the canvas, in pixels',
					},
				],
			},
		],
	},
	optionsCollection([sequenceOption]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['setLayout'] } },
	properties,
);

type Row = Record<string, unknown>;

function rowsOf(context: IExecuteFunctions, field: Field, itemIndex: number): Row[] {
	const collection = context.getNodeParameter(field.name, itemIndex, {}) as { entry?: Row[] };
	return Array.isArray(collection?.entry) ? collection.entry : [];
}

function readSource(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	row: Row,
	position: number,
) {
	const entry = {
		user_id: String(row.userId ?? '').trim(),
		media_id: String(row.mediaId ?? '').trim(),
	};
	if (!entry.user_id || !entry.media_id) {
		const missing = entry.user_id ? 'Media ID' : 'User ID';
		throw badParameter(context, itemIndex, field, `entry ${position + 1} has no ${missing}`);
	}
	return entry;
}

function readVideo(context: IExecuteFunctions, itemIndex: number, row: Row, position: number) {
	const problem = (what: string) =>
		badParameter(context, itemIndex, fields.video, `entry ${position + 1}: ${what}`);
	const sourceCode = VIDEO_SOURCES.find((choice) => choice.value === (row.source ?? 'camera'));
	if (!sourceCode) throw problem(`Source must be "camera" or "screenShare"`);
	const cropMode = CROP_MODES.find((choice) => choice.value === (row.cropMode ?? 'stretch'));
	if (!cropMode)
		throw problem(`Crop Mode must be one of ${CROP_MODES.map((c) => c.value).join(', ')}`);
	const video: IDataObject = {
		...readSource(context, fields.video, itemIndex, row, position),
		media_type: sourceCode.code,
		crop_mode: cropMode.code,
	};
	for (const [name, tile] of Object.entries(TILE)) {
		const value = Number(row[name] ?? tile.default);
		if (!Number.isInteger(value) || value < tile.min || value > tile.max)
			throw problem(`${tile.label} must be a whole number from ${tile.min} to ${tile.max}`);
		video[name] = value;
	}
	return video;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const audio = rowsOf(this, fields.audio, itemIndex).map((row, position) => ({
		...readSource(this, fields.audio, itemIndex, row, position),
		media_type: HstLayoutMediaType.AUDIO,
	}));
	const video = rowsOf(this, fields.video, itemIndex).map((row, position) =>
		readVideo(this, itemIndex, row, position),
	);
	if (audio.length === 0 && video.length === 0)
		throw badParameter(this, itemIndex, fields.video, 'add at least one audio or video');
	const body = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		record_id: readRequiredText(this, fields.recordId, itemIndex),
		seq: sequenceOrNew(this, fields.seq, itemIndex),
		audio_list: audio,
		video_list: video,
	};
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstRecordPath.SET_LAYOUT, body },
		itemIndex,
	);
	return {
		...answerFields(answer),
		app_id: body.app_id,
		record_id: body.record_id,
		seq: answerFields(answer).seq ?? body.seq,
		audio_count: audio.length,
		video_count: video.length,
	};
}
