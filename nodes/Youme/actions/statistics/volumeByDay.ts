import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { optionsCollection } from '../../../shared/properties';
import type { YoumeCommandName, YoumeEnvelope } from '../../../shared/youme/protocol';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, readQueryDate, wantsRawAnswer, withIsoTimes } from '../output';
import { queryDate, queryDateField } from './queryDate';

/** What one volume-by-day operation has of its own; the request, the Count By field and the items are shared. */
interface VolumeByDay<Answer extends YoumeEnvelope> {
	operation: string;
	command: YoumeCommandName;
	countByNames: Record<number, string>;
	defaultCountBy: number;
	countByHint: string;
	/** The answer's entries: points of the day's curve, or regions. */
	entriesOf: (answer: Answer | undefined) => Array<IDataObject & { CountBy?: number }>;
}

/**
 * A day's volume counted by one category: one item per entry, tagged with the day and its category. An
 * entry's own CountBy wins over the one asked for (the trend's "All" tags each point with its own).
 */
export function volumeByDay<Answer extends YoumeEnvelope>(spec: VolumeByDay<Answer>) {
	const { defaultCountBy } = spec;
	const properties: INodeProperties[] = [
		queryDateField,
		{
			displayName: 'Count By',
			name: 'countBy',
			type: 'options',
			options: Object.entries(spec.countByNames).map(([value, name]) => ({
				name,
				value: Number(value),
			})),
			default: defaultCountBy,
			description: spec.countByHint,
		},
		optionsCollection([outputOption]),
	];

	async function execute(this: IExecuteFunctions, itemIndex: number) {
		const countBy = Number(this.getNodeParameter('countBy', itemIndex, defaultCountBy));
		const QueryDate = readQueryDate(this, queryDate, itemIndex);
		const answer = await youmeApiRequest<Answer>(
			this,
			spec.command,
			{ QueryDate, CountBy: countBy },
			itemIndex,
		);
		if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
		return spec.entriesOf(answer).map((entry) => {
			const entryCountBy = entry.CountBy ?? countBy;
			return withIsoTimes({
				QueryDate,
				...entry,
				CountBy: entryCountBy,
				CountByName: spec.countByNames[entryCountBy],
			});
		});
	}

	return {
		description: updateDisplayOptions(
			{ show: { resource: ['statistics'], operation: [spec.operation] } },
			properties,
		),
		execute,
	};
}
