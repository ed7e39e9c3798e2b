import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MediaGatewayEndpoint, gatewayHeaders } from '../../../shared/mediaGateway/protocol';
import { readInteger, readRequiredText, readText } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { clientDefaults, mediaGatewayRequest } from '../../transport';
import {
	clientOptions,
	readClient,
	readRtmpSubscriptions,
	readSubscriptions,
	roomIdField,
	rtmpSubscriptionsField,
	subscriptionsField,
	tokenField,
} from '../fields';

const properties: INodeProperties[] = [
	roomIdField,
	tokenField,
	{
		displayName: 'RTMP URI',
		name: 'rtmpUri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'rtmp://rtmp.example.com/live/room-1_user-1',
		description: 'Where the Stream-Server pulls the RTMP stream from',
	},
	{
		displayName: 'Timestamp (Ms)',
		name: 'timestamp',
		type: 'number',
		default: 0,
		description:
			'Publish time of the resource; a new value tells the server the URI or media changed. 0 uses the current time.',
	},
	{ displayName: 'Publish Audio', name: 'audio', type: 'boolean', default: true },
	{ displayName: 'Publish Video', name: 'video', type: 'boolean', default: true },
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'string',
		default: '0X0',
		description: 'Video resolution, e.g. 640x480; 0X0 when unknown',
	},
	subscriptionsField,
	rtmpSubscriptionsField,
	optionsCollection([
		...clientOptions,
		{
			displayName: 'Extend',
			name: 'extend',
			type: 'string',
			default: '',
			description: 'Passed through to back-end services, e.g. recording settings (rtc.extend)',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['rtmp'], operation: ['exchange'] } },
	properties,
);

/**
 * POST rtmp/exchange (docs/vendors/media-gateway.md#rtmpexchange-body): publish or update an RTMP stream at a
 * Stream-Server; answers sdp, publishList, clusterId.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const client = readClient(this, itemIndex, await clientDefaults(this, itemIndex));
	const headers = gatewayHeaders('rtmp', {
		roomId: readRequiredText(this, fields.roomId, itemIndex),
		token: readRequiredText(this, fields.token, itemIndex),
		...client,
	});
	const extend = readText(this, fields.extend, itemIndex);
	const body = {
		rtmp: {
			audio: this.getNodeParameter('audio', itemIndex, true) as boolean,
			video: this.getNodeParameter('video', itemIndex, true) as boolean,
			resolution: readText(this, fields.resolution, itemIndex) || '0X0',
			uri: readRequiredText(this, fields.rtmpUri, itemIndex),
			timestamp: readInteger(this, fields.timestamp, itemIndex, { min: 0 }) || Date.now(),
			rtmpSubscribeList: readRtmpSubscriptions(this, fields.rtmpSubscriptions, itemIndex),
		},
		rtc: {
			subscribeList: readSubscriptions(this, fields.subscriptions, itemIndex),
			...(extend ? { extend } : {}),
		},
	};
	return await mediaGatewayRequest(
		this,
		MediaGatewayEndpoint.RTMP_EXCHANGE,
		headers,
		body,
		itemIndex,
	);
}
