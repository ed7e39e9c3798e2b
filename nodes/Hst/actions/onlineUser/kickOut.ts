import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { HstPath, type KickOutRequest } from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import { readRequiredText, readText } from '../../../shared/parameters';

const properties: INodeProperties[] = [
	appIdField,
	{ displayName: 'User ID', name: 'userId', type: 'string', default: '', required: true },
	optionsCollection([
		{
			displayName: 'Mutex Type',
			name: 'mutexType',
			type: 'string',
			default: '',
			description: 'Only the terminals of this mutex type; all terminals of the user when not set',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['onlineUser'], operation: ['kickOut'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: KickOutRequest = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		user_id: readRequiredText(this, fields.userId, itemIndex),
	};
	const mutexType = readText(this, fields.mutexType, itemIndex);
	if (mutexType) body.mutex_type = mutexType;
	await hstApiRequest(this, { method: 'POST', path: HstPath.KICK_OUT, body }, itemIndex);
	return { ...body, kicked_out: true };
}
