import { optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	YOUME_DISTRIBUTION_COUNT_BY_NAMES,
	YoumeCommand,
	YoumeDistributionCountBy,
	type DistributionAnswer,
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
		options: Object.entries(YOUME_DISTRIBUTION_COUNT_BY_NAMES).map(([value, name]) => ({
			name,
			value: Number(value),
		})),
		default: 2,
		description: 'How to split the volume',
	},
	optionsCollection([outputOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['statistics'], operation: ['getDistribution'] } },
	properties,
);

/** count_business_distribute_volume_by_day: one item per region (or network type) of the day. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const countBy = Number(
		this.getNodeParameter('countBy', itemIndex, YoumeDistributionCountBy.PROVINCE),
	);
	const QueryDate = readQueryDate(this, queryDate, itemIndex);
	const answer = await youmeApiRequest<DistributionAnswer>(
		this,
		YoumeCommand.VOLUME_DISTRIBUTION,
		{ QueryDate, CountBy: countBy },
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	return (answer?.DistributeData ?? []).map((entry) =>
		withIsoTimes({
			QueryDate,
			CountBy: countBy,
			CountByName: YOUME_DISTRIBUTION_COUNT_BY_NAMES[countBy],
			...entry,
		}),
	);
}
