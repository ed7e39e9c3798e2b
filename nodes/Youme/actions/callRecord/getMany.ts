import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { YoumeCommand, type AllCallRecordsAnswer } from '../../../shared/youme/protocol';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, wantsRawAnswer, withIsoTimes } from '../output';
import { beginTimeField, endTimeField, readTimeRange } from '../timeRange';

const properties: INodeProperties[] = [
	beginTimeField,
	endTimeField,
	optionsCollection([outputOption]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['callRecord'], operation: ['getMany'] } },
	properties,
);

/** query_all_instance_by_time: every user's sessions in the period, one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const answer = await youmeApiRequest<AllCallRecordsAnswer>(
		this,
		YoumeCommand.ALL_CALL_RECORDS,
		readTimeRange(this, itemIndex, { beginTime: fields.beginTime, endTime: fields.endTime }),
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	return (answer?.UsersList ?? []).map(withIsoTimes);
}
