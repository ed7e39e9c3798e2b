import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	MediaGatewayResult,
	REFUSAL_HTTP_STATUS,
	type MediaGatewayAnswer,
} from '../shared/mediaGateway/protocol';
import type { Refusal } from './callerCheck';
import { GatewayAuthentication, type GatewayAuthenticationMethod } from './security';

/** An answer with HTTP 200, as the media gateway protocol gives every answer; n8n sends it. */
export function answer(body: MediaGatewayAnswer): IWebhookResponseData {
	return { webhookResponse: body };
}

/** RFC 9110 section 11.6.1: a 401 names how to authenticate. */
const CHALLENGE: Partial<Record<GatewayAuthenticationMethod, string>> = {
	[GatewayAuthentication.SHARED_SECRET]: 'Secret realm="media-gateway"',
	[GatewayAuthentication.CLIENT_TOKEN]: 'Token realm="media-gateway"',
};

function send(
	context: IWebhookFunctions,
	status: number,
	body: MediaGatewayAnswer,
	extraHeaders: Record<string, string> = {},
): IWebhookResponseData {
	// n8n answers webhookResponse with HTTP 200 only; like n8n's own Webhook node, write the refusal here.
	const response = context.getResponseObject();
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		...extraHeaders,
	});
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/** A refusal of the caller (401 or 403): answered here, no execution. */
export function refuseCaller(
	context: IWebhookFunctions,
	refusal: Refusal,
	method: GatewayAuthenticationMethod,
): IWebhookResponseData {
	const status = REFUSAL_HTTP_STATUS[refusal.resultCode] ?? 403;
	const challenge = status === 401 ? CHALLENGE[method] : undefined;
	return send(
		context,
		status,
		{ resultCode: refusal.resultCode, message: refusal.message },
		challenge ? { 'www-authenticate': challenge } : {},
	);
}

/**
 * A setup that lets nobody in (no credential, a key that cannot verify, a bad allowlist entry): the caller
 * gets a plain 500, the details go to n8n's log, where the owner of the workflow looks.
 */
export function refuseForSetup(context: IWebhookFunctions, problem: string): IWebhookResponseData {
	context.logger.error(`Media Gateway Trigger refused a request: ${problem}`, {
		node: context.getNode().name,
	});
	return send(context, 500, {
		resultCode: MediaGatewayResult.SERVER_ERROR,
		message: "the gateway's caller checks are not set up; its owner finds the reason in n8n's log",
	});
}
