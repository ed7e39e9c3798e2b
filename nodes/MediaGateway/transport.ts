import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	ENDPOINT_METHOD,
	MediaGatewayResult,
	describeMediaGatewayResult,
	type MediaGatewayAnswer,
	type MediaGatewayEndpointPath,
} from '../shared/mediaGateway/protocol';
import { trimTrailingSlash } from '../shared/urls';

const MEDIA_GATEWAY_CREDENTIAL_TYPE = 'mediaGatewayApi';

export interface ClientDefaults {
	clientType: string;
	clientVersion: string;
}

export async function clientDefaults(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<ClientDefaults> {
	const credentials = await context.getCredentials(MEDIA_GATEWAY_CREDENTIAL_TYPE, itemIndex);
	return {
		clientType: String(credentials.clientType || 'n8n'),
		clientVersion: String(credentials.clientVersion || '1.0.0'),
	};
}

/**
 * Calls one endpoint of a Stream-Server or media gateway (docs/vendors/media-gateway.md#answers) and returns its
 * answer. A `resultCode` other than 10000 (with any HTTP status) is a NodeApiError naming the code, its meaning and
 * the server's message.
 */
export async function mediaGatewayRequest(
	context: IExecuteFunctions,
	endpoint: MediaGatewayEndpointPath,
	headers: Record<string, string>,
	body: IDataObject | undefined,
	itemIndex: number,
): Promise<MediaGatewayAnswer> {
	const credentials = await context.getCredentials(MEDIA_GATEWAY_CREDENTIAL_TYPE, itemIndex);
	const method = ENDPOINT_METHOD[endpoint];
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		MEDIA_GATEWAY_CREDENTIAL_TYPE,
		{
			method,
			url: `${trimTrailingSlash(String(credentials.baseUrl ?? ''))}/${endpoint}`,
			headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
			body,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
	)) as { statusCode: number; body: unknown };

	const answer = response.body as MediaGatewayAnswer;
	const resultCode = typeof answer === 'object' && answer !== null ? answer.resultCode : undefined;
	if (resultCode === MediaGatewayResult.OK) return answer;
	const where = `${method} ${endpoint}`;
	if (typeof resultCode === 'number') {
		throw new NodeApiError(context.getNode(), answer as JsonObject, {
			message: `Media gateway ${resultCode}: ${describeMediaGatewayResult(resultCode)}`,
			description: `${answer.message ? `The server says "${answer.message}"` : 'The server gave no message'} (${where})`,
			itemIndex,
		});
	}
	throw new NodeApiError(
		context.getNode(),
		{ body: String(JSON.stringify(response.body) ?? '').slice(0, 300) } as JsonObject,
		{
			message: `The server answered ${where} with HTTP ${response.statusCode} and no resultCode`,
			itemIndex,
		},
	);
}
