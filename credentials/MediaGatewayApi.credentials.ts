import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	MEDIA_GATEWAY_RESULT_MEANING,
	MediaGatewayEndpoint,
	MediaGatewayResult,
} from '../nodes/shared/mediaGateway/protocol';
import { credentialFailureRules } from '../nodes/shared/credentialTestRules';

export class MediaGatewayApi implements ICredentialType {
	name = 'mediaGatewayApi';

	displayName = 'Media Gateway API';

	icon: Icon = {
		light: 'file:../nodes/MediaGateway/mediaGateway.svg',
		dark: 'file:../nodes/MediaGateway/mediaGateway.dark.svg',
	};

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#media-gateway-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://stream-server.example.com',
			description:
				'The base URL of the Stream-Server or media gateway; the endpoint paths (rtmp/exchange, …) are appended',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Sent as the App-Key header of every request',
		},
		{
			displayName: 'Client Type',
			name: 'clientType',
			type: 'string',
			default: 'n8n',
			description: 'Default Client-Type header; operations can override it',
		},
		{
			displayName: 'Client Version',
			name: 'clientVersion',
			type: 'string',
			default: '1.0.0',
			description: 'Default Client-Version header; operations can override it',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'App-Key': String(credentials.appKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `={{$credentials.baseUrl.replace(/\\/+$/, "")}}/${MediaGatewayEndpoint.MONITOR_STATE}`,
			json: true,
		},
		rules: credentialFailureRules('Media gateway', 'resultCode', MEDIA_GATEWAY_RESULT_MEANING, [
			MediaGatewayResult.OK,
		]),
	};
}
