import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	HstOnlineState,
	HstPath,
	type OnlineUserState,
	type OnlineUserStateResult,
} from '../../../shared/hst/api';
import { hstApiRequestAllPages, listFromResult } from '../../transport';
import { readRequiredText, readText } from '../../../shared/parameters';
import { appIdField, messageIdOrRandom, readLimit, returnAllAndLimit } from '../shared';
import { messageIdOption } from './userFields';

const show = { resource: ['onlineUser'], operation: ['getMany'] };

const properties: INodeProperties[] = [
	appIdField,
	...returnAllAndLimit,
	optionsCollection([
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			description: 'Only users of this company',
		},
		messageIdOption,
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const appId = readRequiredText(this, fields.appId, itemIndex);
	const companyId = readText(this, fields.companyId, itemIndex);
	const msgId = messageIdOrRandom(this, 'options.msgId', itemIndex);
	const users = await hstApiRequestAllPages(
		this,
		{
			method: 'GET',
			path: HstPath.ONLINE_USER_STATE,
			qs: { app_id: appId, msg_id: msgId, ...(companyId ? { company_id: companyId } : {}) },
		},
		(result) =>
			listFromResult<OnlineUserState>(result, 'user_list' satisfies keyof OnlineUserStateResult),
		readLimit(this, itemIndex),
		itemIndex,
	);
	return users.map((user) => ({
		app_id: appId,
		...user,
		online: user.state === HstOnlineState.ONLINE,
	}));
}
