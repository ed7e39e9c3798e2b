import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	MediaGatewayEndpoint,
	PublishMediaType,
	gatewayHeaders,
	type HeaderSpelling,
} from '../../../shared/mediaGateway/protocol';
import { readRequiredText, readText } from '../../../shared/parameters';
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
import { headerSpellingField } from './headerSpelling';

const publishing = { publish: [true] };

const properties: INodeProperties[] = [
	roomIdField,
	tokenField,
	headerSpellingField,
	{
		displayName: 'Publish',
		name: 'publish',
		type: 'boolean',
		default: true,
		description: 'Whether the client publishes its own stream',
	},
	{
		displayName: 'Publish Audio',
		name: 'audio',
		type: 'boolean',
		default: true,
		displayOptions: { show: publishing },
	},
	{
		displayName: 'Publish Video',
		name: 'video',
		type: 'boolean',
		default: true,
		displayOptions: { show: publishing },
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'string',
		default: '0X0',
		displayOptions: { show: publishing },
	},
	{
		displayName: 'Publish Format',
		name: 'publishFormat',
		type: 'options',
		options: [
			{ name: 'Array of Streams (RongCloud Clients)', value: 'array' },
			{ name: 'One Object, as the Protocol Document Writes It', value: 'object' },
		],
		default: 'array',
		displayOptions: { show: publishing },
		description: 'Shape of the rtmp field; gateways should accept both',
	},
	subscriptionsField,
	rtmpSubscriptionsField,
	optionsCollection(clientOptions),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['wechat'], operation: ['exchange'] } },
	properties,
);

/**
 * POST wechat/exchange (docs/vendors/media-gateway.md#wechatexchange-body) as a WeChat mini-program client sends it:
 * useful to test a media gateway.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const client = readClient(this, itemIndex, await clientDefaults(this, itemIndex));
	const headers = gatewayHeaders(
		this.getNodeParameter('headerSpelling', itemIndex, 'sdk') as HeaderSpelling,
		{
			roomId: readRequiredText(this, fields.roomId, itemIndex),
			token: readRequiredText(this, fields.token, itemIndex),
			...client,
		},
	);
	const body: IDataObject = {
		subscribeList: readSubscriptions(this, fields.subscriptions, itemIndex),
		rtmpSubscribeList: readRtmpSubscriptions(this, fields.rtmpSubscriptions, itemIndex),
	};
	if (this.getNodeParameter('publish', itemIndex, true) as boolean) {
		const audio = this.getNodeParameter('audio', itemIndex, true) as boolean;
		const video = this.getNodeParameter('video', itemIndex, true) as boolean;
		const resolution = readText(this, fields.resolution, itemIndex) || '0X0';
		const owner = client.userId ?? 'client';
		body.rtmp =
			this.getNodeParameter('publishFormat', itemIndex, 'array') === 'object'
				? { audio, video, resolution }
				: [
						...(audio
							? [{ msid: `${owner}_audio`, mediaType: PublishMediaType.AUDIO, resolution }]
							: []),
						...(video
							? [{ msid: `${owner}_video`, mediaType: PublishMediaType.VIDEO, resolution }]
							: []),
					];
	}
	return await mediaGatewayRequest(
		this,
		MediaGatewayEndpoint.WECHAT_EXCHANGE,
		headers,
		body,
		itemIndex,
	);
}
