import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { HstPath, type InviteRequest, type InviteResult } from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import {
	readIdList,
	readInteger,
	readJsonObject,
	readRequiredText,
} from '../../../shared/parameters';

const properties: INodeProperties[] = [
	appIdField,
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		required: true,
		description: 'The group (meeting) to invite the users into',
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'alice, bob',
		description: 'The users to call, separated by commas; an expression may also give an array',
	},
	optionsCollection([
		{
			displayName: 'Extend Info',
			name: 'extendInfo',
			type: 'json',
			default: '{}',
			description: 'JSON object delivered with the invitation',
		},
		{
			displayName: 'Sequence ID',
			name: 'seqId',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'A unique ID of this request that HST echoes back; generated when 0 or not set',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['onlineUser'], operation: ['invite'] } },
	properties,
);

let sequence = 0;
/** Unique within this process and increasing: epoch milliseconds with a three-digit counter. */
function nextSequenceId(): number {
	sequence = (sequence + 1) % 1000;
	return Date.now() * 1000 + sequence;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const chosenSeqId = readInteger(this, fields.seqId, itemIndex, {
		min: 0,
		max: Number.MAX_SAFE_INTEGER,
	});
	const body: InviteRequest = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		group_id: readRequiredText(this, fields.groupId, itemIndex),
		user_id_list: readIdList(this, fields.userIds, itemIndex),
		seq_id: chosenSeqId || nextSequenceId(),
	};
	const extendInfo = readJsonObject(this, fields.extendInfo, itemIndex, { required: false });
	if (extendInfo && Object.keys(extendInfo).length > 0) body.extend_info = extendInfo;

	const result = await hstApiRequest<InviteResult>(
		this,
		{ method: 'POST', path: HstPath.INVITE, body },
		itemIndex,
	);
	const failed = result?.user_id_list ?? [];
	return {
		app_id: body.app_id,
		group_id: body.group_id,
		seq_id: result?.seq_id ?? body.seq_id,
		invited_user_ids: body.user_id_list.filter((userId) => !failed.includes(userId)),
		failed_user_ids: failed,
		all_reached: failed.length === 0,
	};
}
