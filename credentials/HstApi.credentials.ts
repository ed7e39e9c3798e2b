import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { HstPath } from '../nodes/shared/hst/api';
import { fetchAccessToken } from '../nodes/shared/hst/accessTokenFetch';
import { hstAuthorization } from '../nodes/shared/hst/authorization';
import {
	HST_PUBLIC_ACCESS_URL,
	HST_PUBLIC_GATEWAY_URL,
	readHstCredentials,
} from '../nodes/shared/hst/credentials';
import { FSP_SECRET_LENGTH } from '../nodes/shared/hst/fspToken';
import { HST_STATUS_MEANING, HstStatus } from '../nodes/shared/hst/statusCodes';
import { credentialFailureRules } from '../nodes/shared/credentialTestRules';

export class HstApi implements ICredentialType {
	name = 'hstApi';

	displayName = 'HST PaaS API';

	icon: Icon = { light: 'file:../nodes/Hst/hst.svg', dark: 'file:../nodes/Hst/hst.dark.svg' };

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#hst-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Business Gateway URL',
			name: 'gatewayUrl',
			type: 'string',
			default: HST_PUBLIC_GATEWAY_URL,
			required: true,
			placeholder: 'http://your-server-ip:28000',
			hint: `Public cloud: ${HST_PUBLIC_GATEWAY_URL}. Private cloud: http://your-host:28000`,
		},
		{
			displayName: 'Event Gateway Access URL',
			name: 'accessUrl',
			type: 'string',
			default: HST_PUBLIC_ACCESS_URL,
			placeholder: 'https://your-server-ip:21000',
			hint: `Used by the HST Event Trigger to find the WebSocket server. Public cloud: ${HST_PUBLIC_ACCESS_URL} (formerly https://access.paas.haoshitong.com). Private cloud: https://your-host:21000`,
		},
		{
			displayName: 'Developer ID',
			name: 'developerId',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown on the dashboard of the HST PaaS console',
		},
		{
			displayName: 'Developer Secret',
			name: 'developerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: `Exactly ${FSP_SECRET_LENGTH} characters, from the dashboard of the HST PaaS console`,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token Expires At',
			name: 'accessTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Token Owner',
			name: 'accessTokenOwner',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Token Fetched By',
			name: 'accessTokenFetchedBy',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * n8n runs this when the token sent is empty (none stored yet, or the node asks for a new one after
	 * an expiry or a rejection) and saves the result into this credential, for every process to read.
	 * A failure (e.g. HST 606000000 for a wrong secret) reaches the node as n8n's NodeApiError with
	 * this message, which names HST's code and never the secret.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await fetchAccessToken(this.helpers.httpRequest, readHstCredentials(credentials));
	}

	/**
	 * The token endpoint takes an FspToken signed by the developer secret, every other endpoint the raw
	 * access token without a scheme (docs/vendors/hst.md#access-token). A function, not an expression:
	 * n8n 2.x evaluates credential expressions in an isolate that a trigger only holds while it
	 * activates, so an expression here would fail every request the event trigger makes afterwards.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: hstAuthorization(credentials, requestOptions),
			},
		};
	}

	/**
	 * Asks HST for a token signed with the secret as entered, so the test proves the developer ID and
	 * secret themselves. Testing with the stored token would prove nothing about an edited secret and
	 * would fail whenever anything else fetched a token for the account since (HST keeps one per
	 * account). n8n does not save the token this test receives; it replaces the stored one at HST, so
	 * the nodes fetch a new token at their next request.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.gatewayUrl.replace(/\\/+$/, "")}}',
			url: HstPath.ACCESS_TOKEN,
			method: 'GET',
		},
		rules: credentialFailureRules('HST', 'code', HST_STATUS_MEANING, [HstStatus.OK]),
	};
}
