import { optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { YoumeCommand, type QualityAnswer } from '../../../shared/youme/protocol';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, readQueryDate, wantsRawAnswer, withIsoTimes } from '../output';
import { queryDate, queryDateField } from './queryDate';

const properties: INodeProperties[] = [queryDateField, optionsCollection([outputOption])];

export const description = updateDisplayOptions(
	{ show: { resource: ['statistics'], operation: ['getQuality'] } },
	properties,
);

/** count_qos_by_day: one item per point: join success rate, packet loss and delay of audio and video. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const QueryDate = readQueryDate(this, queryDate, itemIndex);
	const answer = await youmeApiRequest<QualityAnswer>(
		this,
		YoumeCommand.QUALITY,
		{ QueryDate },
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	return (answer?.QosData ?? []).map((point) => withIsoTimes({ QueryDate, ...point }));
}
