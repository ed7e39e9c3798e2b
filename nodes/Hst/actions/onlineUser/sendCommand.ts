import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	HstCommandDelivery,
	HstPath,
	type CommandTarget,
	type SendCommandRequest,
	type SendCommandResult,
} from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import {
	badParameter,
	readJsonObject,
	readRequiredText,
	type Field,
} from '../../../shared/parameters';
import { appIdField, messageIdOrRandom } from '../shared';
import { messageIdOption } from './userFields';

const DELIVERY_NAMES: Record<number, string> = {
	[HstCommandDelivery.DELIVERED]: 'delivered',
	[HstCommandDelivery.FAILED]: 'failed',
	[HstCommandDelivery.TERMINAL_OFFLINE]: 'terminal offline',
};

const properties: INodeProperties[] = [
	appIdField,
	{
		displayName: 'Terminals',
		name: 'terminals',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Terminal',
		default: {},
		required: true,
		description: 'The terminals to send the message to',
		options: [
			{
				displayName: 'Terminal',
				name: 'terminal',
				values: [
					{ displayName: 'User ID', name: 'userId', type: 'string', default: '' },
					{ displayName: 'Mutex Type', name: 'mutexType', type: 'string', default: '' },
					{ displayName: 'Client GUID', name: 'clientGuid', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'json',
		default: '{}',
		required: true,
		description: 'JSON object passed to the terminals as it is (trans_mess)',
	},
	optionsCollection([messageIdOption]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['onlineUser'], operation: ['sendCommand'] } },
	properties,
);

function readTerminals(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
): CommandTarget[] {
	const collection = context.getNodeParameter(field.name, itemIndex, {}) as {
		terminal?: Array<Record<string, unknown>>;
	};
	const rows = collection?.terminal ?? [];
	if (rows.length === 0) throw badParameter(context, itemIndex, field, 'add at least one terminal');
	return rows.map((row, position) => {
		const target = {
			user_id: String(row.userId ?? '').trim(),
			mutex_type: String(row.mutexType ?? '').trim(),
			client_guid: String(row.clientGuid ?? '').trim(),
		};
		const missing = Object.entries({
			'User ID': target.user_id,
			'Mutex Type': target.mutex_type,
			'Client GUID': target.client_guid,
		})
			.filter(([, value]) => value === '')
			.map(([label]) => label);
		if (missing.length > 0) {
			throw badParameter(
				context,
				itemIndex,
				field,
				`terminal ${position + 1} has no ${missing.join(', ')}`,
			);
		}
		return target;
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: SendCommandRequest = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		msg_id: messageIdOrRandom(this, 'options.msgId', itemIndex),
		user_list: readTerminals(this, fields.terminals, itemIndex),
		trans_mess: readJsonObject(this, fields.message, itemIndex, { required: true }) ?? {},
	};
	const result = await hstApiRequest<SendCommandResult>(
		this,
		{ method: 'POST', path: HstPath.SEND_COMMAND, body },
		itemIndex,
	);
	return (result?.user_list ?? []).map((terminal) => ({
		msg_id: result.msg_id,
		...terminal,
		delivered: terminal.result === HstCommandDelivery.DELIVERED,
		result_name: DELIVERY_NAMES[terminal.result] ?? 'unknown',
	}));
}
