import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	Simulcast,
	type RtmpSubscription,
	type SubscribedStream,
} from '../../shared/mediaGateway/protocol';
import { badParameter, readInteger, readText, type Field } from '../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../shared/properties';
import type { ClientDefaults } from '../transport';

/** Fields several operations share, and their readers. */

export const roomIdField: INodeProperties = {
	displayName: 'Room ID',
	name: 'roomId',
	type: 'string',
	default: '',
	required: true,
	description: 'The room, sent in the room header',
};

export const tokenField: INodeProperties = {
	displayName: 'Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description:
		"The client's VoIP token (Token header); usually from the trigger, with its Pass Token On option",
};

export const subscriptionsField: INodeProperties = {
	displayName: 'RTC Subscriptions',
	name: 'subscriptions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Subscription',
	default: {},
	options: [
		{
			displayName: 'Subscription',
			name: 'subscription',
			values: [
				{ displayName: 'Resource URI', name: 'uri', type: 'string', default: '' },
				{
					displayName: 'Stream',
					name: 'simulcast',
					type: 'options',
					options: [
						{ name: 'Small Stream', value: 2 },
						{ name: 'Big Stream', value: 1 },
					],
					default: 2,
				},
			],
		},
	],
};

export const rtmpSubscriptionsField: INodeProperties = {
	displayName: 'RTMP Subscriptions',
	name: 'rtmpSubscriptions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add RTMP Subscription',
	default: {},
	description: 'Users whose RTMP streams are pulled (used for billing)',
	options: [
		{
			displayName: 'RTMP Subscription',
			name: 'rtmpSubscription',
			values: [
				{ displayName: 'User ID', name: 'userId', type: 'string', default: '' },
				{ displayName: 'RTMP URI', name: 'rtmpUri', type: 'string', default: '' },
			],
		},
	],
};

export const clientOptions: INodeProperties[] = [
	{
		displayName: 'Client Type',
		name: 'clientType',
		type: 'string',
		default: '',
		description: "Overrides the credential's Client Type",
	},
	{
		displayName: 'Client Version',
		name: 'clientVersion',
		type: 'string',
		default: '',
		description: "Overrides the credential's Client Version",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		description: 'Sent as the UserId header',
	},
	{
		displayName: 'Room Type',
		name: 'roomType',
		type: 'number',
		default: 0,
		description: 'Sent as the RoomType header (audio/video room or live broadcast)',
	},
];

export function readSubscriptions(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
): SubscribedStream[] {
	const rows =
		(
			context.getNodeParameter(field.name, itemIndex, {}) as {
				subscription?: Array<{ uri?: string; simulcast?: number }>;
			}
		).subscription ?? [];
	return rows.map((row, position) => {
		const uri = String(row.uri ?? '').trim();
		if (!uri)
			throw badParameter(
				context,
				itemIndex,
				field,
				`subscription ${position + 1} has no Resource URI`,
			);
		return { uri, simulcast: row.simulcast === Simulcast.BIG ? Simulcast.BIG : Simulcast.SMALL };
	});
}

export function readRtmpSubscriptions(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
): RtmpSubscription[] {
	const rows =
		(
			context.getNodeParameter(field.name, itemIndex, {}) as {
				rtmpSubscription?: Array<{ userId?: string; rtmpUri?: string }>;
			}
		).rtmpSubscription ?? [];
	return rows.map((row, position) => {
		const userId = String(row.userId ?? '').trim();
		const rtmpUri = String(row.rtmpUri ?? '').trim();
		if (!userId || !rtmpUri)
			throw badParameter(
				context,
				itemIndex,
				field,
				`entry ${position + 1} needs a User ID and an RTMP URI`,
			);
		return { userId, rtmpUri };
	});
}

/** The client options as every operation places them, in its Options collection. */
const clientFields = fieldsOf([optionsCollection(clientOptions)]);

/** Client-Type, Client-Version, UserId and RoomType: the operation's options, else the credential's defaults. */
export function readClient(
	context: IExecuteFunctions,
	itemIndex: number,
	defaults: ClientDefaults,
) {
	const roomType = readInteger(context, clientFields.roomType, itemIndex, { min: 0 });
	return {
		clientType: readText(context, clientFields.clientType, itemIndex) || defaults.clientType,
		clientVersion:
			readText(context, clientFields.clientVersion, itemIndex) || defaults.clientVersion,
		userId: readText(context, clientFields.userId, itemIndex) || undefined,
		roomType: roomType ? roomType : undefined,
	};
}
