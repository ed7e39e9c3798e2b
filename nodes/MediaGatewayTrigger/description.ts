import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { ENDPOINT_METHOD, MEDIA_GATEWAY_ENDPOINTS } from '../shared/mediaGateway/protocol';
import {
	appKeyClaimOption,
	authenticationProperties,
	ipAllowlistOption,
	roomIdClaimOption,
	userIdClaimOption,
} from './authenticationDescription';
import { nativeWebhookFields } from './nativeWebhookFields';

/** Every endpoint is served, so bad requests and monitor/state are always answered; the user picks which start the workflow. */
export const webhooks: IWebhookDescription[] = MEDIA_GATEWAY_ENDPOINTS.map((endpoint) => ({
	name: 'default',
	httpMethod: ENDPOINT_METHOD[endpoint],
	isFullPath: true,
	...nativeWebhookFields({
		path: {
			template: `={{$parameter["path"]}}/${endpoint}`,
			resolve: (parameters) => `${String(parameters.path ?? '')}/${endpoint}`,
		},
		responseMode: {
			template: '={{$parameter["respond"]}}',
			resolve: (parameters) => parameters.respond,
		},
		// Empty for "Immediately": n8n then answers with the node's own { resultCode: 10000 }.
		responseData: {
			template: '={{$parameter["respond"] === "lastNode" ? "firstEntryJson" : ""}}',
			resolve: (parameters) => (parameters.respond === 'lastNode' ? 'firstEntryJson' : ''),
		},
	}),
}));

export const properties: INodeProperties[] = [
	{
		displayName: 'Base Path',
		name: 'path',
		type: 'string',
		default: 'media-gateway',
		required: true,
		placeholder: 'media-gateway',
		description:
			'Clients use the n8n URL + /webhook/ + this path as the gateway address and append the endpoint paths (wechat/exchange, rtmp/exchange, …)',
	},
	...authenticationProperties,
	{
		displayName: 'Endpoints That Start the Workflow',
		name: 'endpoints',
		type: 'multiOptions',
		options: [
			{
				name: 'Monitor State',
				value: 'monitor/state',
				description: 'GET monitor/state. Otherwise answered by this node: resultCode 10000.',
			},
			{
				name: 'RTMP Exchange',
				value: 'rtmp/exchange',
				description: 'POST rtmp/exchange. Publish or update an RTMP stream (Stream-Server side).',
			},
			{
				name: 'RTMP Exit',
				value: 'rtmp/exit',
				description: 'POST rtmp/exit. An RTMP stream ends (Stream-Server side).',
			},
			{
				name: 'WeChat Exchange',
				value: 'wechat/exchange',
				description:
					'POST wechat/exchange. A mini-program client publishes, subscribes or changes resources.',
			},
			{
				name: 'WeChat Exit',
				value: 'wechat/exit',
				description: 'POST wechat/exit. A mini-program client leaves.',
			},
		],
		default: ['wechat/exchange', 'wechat/exit', 'rtmp/exchange', 'rtmp/exit'],
	},
	{
		displayName: 'Respond',
		name: 'respond',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description: 'Answer resultCode 10000 and run the workflow afterwards',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description:
					"The last node's first item is the answer; end with Media Gateway → Client Answer → Build to add resultCode",
			},
			{
				name: 'Using a Respond Node',
				value: 'responseNode',
				description:
					"Media Gateway → Client Answer → Send answers when the workflow reaches it (n8n's Respond to Webhook node accepts only n8n's own triggers after version 1.0)",
			},
		],
		default: 'lastNode',
	},
	{
		displayName:
			'Answers are JSON with resultCode 10000 on success. Invalid requests are answered at once with an error resultCode and start no workflow; refused callers also get HTTP 401 or 403.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allowed App-Keys',
				name: 'allowedAppKeys',
				type: 'string',
				default: '',
				placeholder: 'key1, key2',
				description:
					'Only requests with one of these App-Keys start the workflow; others are refused (resultCode 40004). Any App-Key when empty.',
			},
			appKeyClaimOption,
			ipAllowlistOption,
			{
				displayName: 'Pass Token On',
				name: 'passToken',
				type: 'boolean',
				default: false,
				description:
					"Whether the output item carries the client's VoIP Token (field token and the Token header), e.g. to forward it to a Stream-Server. Off: only whether one was sent.",
			},
			roomIdClaimOption,
			userIdClaimOption,
		],
	},
];
