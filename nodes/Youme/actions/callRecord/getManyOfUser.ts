import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { YoumeCommand, type UserCallRecordsAnswer } from '../../../shared/youme/protocol';
import { readRequiredText } from '../../../shared/parameters';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, wantsRawAnswer, withIsoTimes } from '../output';
import { beginTimeField, endTimeField, readTimeRange } from '../timeRange';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		description: 'The instance (user) identifier whose calls to list',
	},
	beginTimeField,
	endTimeField,
	optionsCollection([outputOption]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['callRecord'], operation: ['getManyOfUser'] } },
	properties,
);

/** query_instance_all_records_by_time: one item per stay in a room (a user may enter a room several times). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const answer = await youmeApiRequest<UserCallRecordsAnswer>(
		this,
		YoumeCommand.USER_CALL_RECORDS,
		{
			UserId: readRequiredText(this, fields.userId, itemIndex),
			...readTimeRange(this, itemIndex, { beginTime: fields.beginTime, endTime: fields.endTime }),
		},
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	return (answer?.UserRecords ?? []).flatMap((room) =>
		(room.RoomRecords ?? []).map((stay) =>
			withIsoTimes({
				UserId: answer?.UserId,
				RoomId: room.RoomId,
				CreateTime: room.CreateTime,
				...stay,
			}),
		),
	);
}
