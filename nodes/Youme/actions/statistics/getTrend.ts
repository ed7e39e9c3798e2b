import { optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	YOUME_TREND_COUNT_BY_NAMES,
	YoumeCommand,
	YoumeTrendCountBy,
	type TrendAnswer,
} from '../../../shared/youme/protocol';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, readQueryDate, wantsRawAnswer, withIsoTimes } from '../output';
import { queryDate, queryDateField } from './queryDate';

const properties: INodeProperties[] = [
	queryDateField,
	{
		displayName: 'Count By',
		name: 'countBy',
		type: 'options',
		options: Object.entries(YOUME_TREND_COUNT_BY_NAMES).map(([value, name]) => ({
			name,
			value: Number(value),
		})),
		default: 0,
		description: 'What to count; All answers every category, each point tagged with its own',
	},
	optionsCollection([outputOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['statistics'], operation: ['getTrend'] } },
	properties,
);

/** count_business_total_volume_by_day: one item per point of the day's curve. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const countBy = Number(this.getNodeParameter('countBy', itemIndex, YoumeTrendCountBy.ALL));
	const QueryDate = readQueryDate(this, queryDate, itemIndex);
	const answer = await youmeApiRequest<TrendAnswer>(
		this,
		YoumeCommand.VOLUME_TREND,
		{ QueryDate, CountBy: countBy },
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	return (answer?.TrendData ?? []).map((point) => {
		const pointCountBy = point.CountBy ?? countBy;
		return withIsoTimes({
			QueryDate,
			...point,
			CountBy: pointCountBy,
			CountByName: YOUME_TREND_COUNT_BY_NAMES[pointCountBy],
		});
	});
}
