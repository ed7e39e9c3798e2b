import { exchangeBody } from './exchangeBody';
import { headerValue, requiredHeader, type HeaderBag } from './headers';
import {
	ENDPOINT_METHOD,
	MediaGatewayEndpoint,
	MediaGatewayResult,
	type MediaGatewayEndpointPath,
	type MediaGatewayResultCode,
	type NormalizedExchange,
} from './protocol';
import { Refusal, badField } from './refusal';

export interface GatewayCall {
	endpoint: MediaGatewayEndpointPath;
	appKey: string;
	roomId: string;
	userId?: string;
	roomType?: number;
	clientType: string;
	clientVersion: string;
	token: string;
	body: NormalizedExchange;
}

type Checked =
	| { ok: true; call: GatewayCall }
	| { ok: false; resultCode: MediaGatewayResultCode; message: string };

/**
 * Checks one request: method, headers in either spelling (docs/vendors/media-gateway.md#headers), body shape per
 * endpoint (docs/vendors/media-gateway.md#wechatexchange-body, docs/vendors/media-gateway.md#rtmpexchange-body). A
 * refusal names the header or field and the problem.
 */
export function checkGatewayRequest(
	endpoint: MediaGatewayEndpointPath,
	method: string,
	headers: HeaderBag,
	body: unknown,
): Checked {
	try {
		if (method.toUpperCase() !== ENDPOINT_METHOD[endpoint]) {
			throw new Refusal(
				MediaGatewayResult.NO_PROCESSOR,
				`${method} ${endpoint}: use ${ENDPOINT_METHOD[endpoint]}`,
			);
		}
		const call: GatewayCall = {
			endpoint,
			appKey: '',
			roomId: '',
			clientType: '',
			clientVersion: '',
			token: '',
			body: { publish: [], subscribe: [], rtmpSubscribe: [] },
		};
		if (endpoint !== MediaGatewayEndpoint.MONITOR_STATE) {
			call.appKey = requiredHeader(headers, 'appKey');
			call.roomId = requiredHeader(headers, 'roomId');
			call.token = requiredHeader(headers, 'token');
			call.clientType = requiredHeader(headers, 'clientType');
			call.clientVersion = requiredHeader(headers, 'clientVersion');
			const userId = headerValue(headers, 'userId');
			if (userId) call.userId = userId;
			const roomType = headerValue(headers, 'roomType');
			if (roomType !== undefined) {
				if (!/^\d+$/.test(roomType)) throw badField('header RoomType', 'must be an integer');
				call.roomType = Number(roomType);
			}
		}
		call.body = exchangeBody(endpoint, body);
		return { ok: true, call };
	} catch (error) {
		if (error instanceof Refusal)
			return { ok: false, resultCode: error.resultCode, message: error.message };
		return {
			ok: false,
			resultCode: MediaGatewayResult.SERVER_ERROR,
			message: (error as Error).message,
		};
	}
}

/** Which endpoint a request path is for: the path ends with one of the five. */
export function endpointOfPath(path: string): MediaGatewayEndpointPath | undefined {
	const clean = path.split('?')[0].replace(/\/+$/, '');
	return (Object.values(MediaGatewayEndpoint) as MediaGatewayEndpointPath[]).find((endpoint) =>
		clean.endsWith(`/${endpoint}`),
	);
}
