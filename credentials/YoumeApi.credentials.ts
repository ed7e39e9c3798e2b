import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	YOUME_DEFAULTS,
	YOUME_ERROR_MEANING,
	YoumeCommand,
	YoumeError,
} from '../nodes/shared/youme/protocol';
import { signedYoumeQuery } from '../nodes/shared/youme/signature';
import { credentialFailureRules } from '../nodes/shared/credentialTestRules';

export class YoumeApi implements ICredentialType {
	name = 'youmeApi';

	displayName = 'Youme RTC API';

	icon: Icon = {
		light: 'file:../nodes/Youme/youme.svg',
		dark: 'file:../nodes/Youme/youme.dark.svg',
	};

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#youme-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: YOUME_DEFAULTS.baseUrl,
			required: true,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: YOUME_DEFAULTS.apiVersion,
			hint: "v2 for the commands this node offers (Youme's document says v1 in one place; its examples and SDK use v2)",
		},
		{
			displayName: 'Service Name',
			name: 'serviceName',
			type: 'string',
			default: YOUME_DEFAULTS.serviceName,
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The appkey Youme registered for your app',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'REST API Key',
			name: 'restApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key for REST API calls, agreed between Youme and you',
		},
		{
			displayName: 'Identifier',
			name: 'identifier',
			type: 'string',
			default: YOUME_DEFAULTS.identifier,
			description: 'The admin account that makes the calls',
		},
	];

	/** Signs every request anew (curtime, checksum, unique seq), retries included. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const signed = signedYoumeQuery({
			appKey: String(credentials.appKey ?? ''),
			appSecret: String(credentials.appSecret ?? ''),
			restApiKey: String(credentials.restApiKey ?? ''),
			identifier: String(credentials.identifier || YOUME_DEFAULTS.identifier),
		});
		return { ...requestOptions, qs: { ...requestOptions.qs, ...signed } };
	}

	/** A cheap real call: today's quality statistics. "No data" still proves the keys work. */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}/{{$credentials.serviceName}}/${YoumeCommand.QUALITY}`,
			headers: { 'Content-Type': 'application/json' },
			body: { QueryDate: '={{$now.setZone("Asia/Shanghai").toFormat("yyyyLLdd")}}' },
			json: true,
		},
		// No rule on `Status: FAIL`: Youme answers a day without data with -40012 and FAIL too, which still
		// proves the keys work (n8n's rules cannot say "FAIL unless -40012").
		rules: credentialFailureRules('Youme', 'ErrorCode', YOUME_ERROR_MEANING, [
			YoumeError.OK,
			YoumeError.NO_DATA,
		]),
	};
}
