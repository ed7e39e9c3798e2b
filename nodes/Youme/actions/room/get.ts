import { fieldsOf, optionsCollection } from '../../../shared/properties';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { toUnixSecondsString } from '../../../shared/youme/days';
import { YoumeCommand, type RoomInfoAnswer } from '../../../shared/youme/protocol';
import { readParameter } from '../../../shared/execution/runParameters';
import { badParameter, readDate, readRequiredText } from '../../../shared/parameters';
import { youmeApiRequest } from '../../transport';
import { outputOption, rawAnswer, wantsRawAnswer, withIsoTimes } from '../output';

const properties: INodeProperties[] = [
	{ displayName: 'Room ID', name: 'roomId', type: 'string', default: '', required: true },
	optionsCollection([
		{
			displayName: 'Begin Time',
			name: 'beginTime',
			type: 'dateTime',
			default: '',
			description: 'Only activity from this time on; no lower bound when not set',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: 'Only activity up to this time; no upper bound when not set',
		},
		outputOption,
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['room'], operation: ['get'] } },
	properties,
);

function chosen(context: IExecuteFunctions, name: string, itemIndex: number): boolean {
	const value = readParameter(context, name, itemIndex, null);
	return value !== null && value !== '';
}

/** query_room_info: one item per participant, each carrying the room's own times. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = { RoomId: readRequiredText(this, fields.roomId, itemIndex) };
	const begin = chosen(this, fields.beginTime.name, itemIndex)
		? readDate(this, fields.beginTime, itemIndex)
		: undefined;
	const end = chosen(this, fields.endTime.name, itemIndex)
		? readDate(this, fields.endTime, itemIndex)
		: undefined;
	if (begin !== undefined && end !== undefined && end < begin) {
		throw badParameter(this, itemIndex, fields.endTime, 'is before Begin Time');
	}
	if (begin !== undefined) body.BeginTime = toUnixSecondsString(begin);
	if (end !== undefined) body.EndTime = toUnixSecondsString(end);

	const answer = await youmeApiRequest<RoomInfoAnswer>(
		this,
		YoumeCommand.ROOM_INFO,
		body,
		itemIndex,
	);
	if (wantsRawAnswer(this, itemIndex)) return rawAnswer(answer);
	if (!answer) return [];
	return (answer.Users ?? []).map((user) =>
		withIsoTimes({
			RoomId: answer.RoomId,
			CreateTime: answer.CreateTime,
			DestroyTime: answer.DestroyTime,
			...user,
		}),
	);
}
