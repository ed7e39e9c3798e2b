import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { answerFields } from '../../answer';
import { HstRecordPath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { badParameter, readRequiredText } from '../../../shared/parameters';
import { recordIdField } from '../mediaFields';

/**
 * Bounds of each text. HST gives x and y as canvas coordinates; its table repeats [0,1920] for y,
 * which is the width, so y is held to the canvas height. Size and transparency have no documented
 * range (docs/vendors/hst.md#cloud-recording).
 */
const BOUNDS = {
	x: { min: 0, max: 1920, default: 0, label: 'X' },
	y: { min: 0, max: 1080, default: 0, label: 'Y' },
	size: { min: 1, max: 200, default: 30, label: 'Size' },
	transparency: { min: 0, max: 100, default: 0, label: 'Transparency (%)' },
} as const;

const properties: INodeProperties[] = [
	appIdField,
	recordIdField,
	{
		displayName: 'Texts',
		name: 'texts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Text',
		default: {},
		required: true,
		description: "The texts shown on the recording; they replace the task's previous texts",
		options: [
			{
				displayName: 'Text',
				name: 'text',
				values: [
					{ displayName: 'Color', name: 'color', type: 'color', default: '#ffffff' },
					{ displayName: 'Content', name: 'content', type: 'string', default: '' },
					{
						displayName: 'Size',
						name: 'size',
						type: 'number',
						typeOptions: { minValue: BOUNDS.size.min, maxValue: BOUNDS.size.max },
						default: 30,
						description: 'Font size',
					},
					{
						displayName: 'Transparency (%)',
						name: 'transparency',
						type: 'number',
						typeOptions: { minValue: BOUNDS.transparency.min, maxValue: BOUNDS.transparency.max },
						default: 0,
					},
					{
						displayName: 'X',
						name: 'x',
						type: 'number',
						typeOptions: { minValue: BOUNDS.x.min, maxValue: BOUNDS.x.max },
						default: 0,
						description: 'Left edge on the canvas, in pixels',
					},
					{
						displayName: 'Y',
						name: 'y',
						type: 'number',
						typeOptions: { minValue: BOUNDS.y.min, maxValue: BOUNDS.y.max },
						default: 0,
						description: 'Top edge on the canvas, in pixels',
					},
				],
			},
		],
	},
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['addTextOverlay'] } },
	properties,
);

/** `#rrggbb` (the editor's color picker) as the integer 0xRRGGBB HST's `color` takes. */
function colorCode(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffff)
		return value;
	const match = /^#?([0-9a-f]{6})$/i.exec(String(value ?? '').trim());
	return match ? parseInt(match[1], 16) : undefined;
}

function readTexts(context: IExecuteFunctions, itemIndex: number) {
	const collection = context.getNodeParameter(fields.texts.name, itemIndex, {}) as {
		text?: Array<Record<string, unknown>>;
	};
	const rows = Array.isArray(collection?.text) ? collection.text : [];
	if (rows.length === 0)
		throw badParameter(context, itemIndex, fields.texts, 'add at least one text');
	return rows.map((row, position) => {
		const problem = (what: string) =>
			badParameter(context, itemIndex, fields.texts, `text ${position + 1}: ${what}`);
		const content = String(row.content ?? '').trim();
		if (content === '') throw problem('Content is empty');
		const color = colorCode(row.color ?? '#ffffff');
		if (color === undefined)
			throw problem(`Color must be like #ff8800, got ${JSON.stringify(row.color)}`);
		const numbers: Record<string, number> = {};
		for (const [name, bound] of Object.entries(BOUNDS)) {
			const value = Number(row[name] ?? bound.default);
			if (!Number.isInteger(value) || value < bound.min || value > bound.max)
				throw problem(`${bound.label} must be a whole number from ${bound.min} to ${bound.max}`);
			numbers[name] = value;
		}
		return {
			x: numbers.x,
			y: numbers.y,
			content,
			color,
			size: numbers.size,
			transparency: numbers.transparency,
		};
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const subtitles = readTexts(this, itemIndex);
	const body = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		record_id: readRequiredText(this, fields.recordId, itemIndex),
		subtitle_list: subtitles,
	};
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstRecordPath.SET_OVERLAY, body },
		itemIndex,
	);
	return {
		...answerFields(answer),
		app_id: body.app_id,
		record_id: body.record_id,
		text_count: subtitles.length,
	};
}
