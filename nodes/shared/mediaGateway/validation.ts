import {
	ENDPOINT_METHOD,
	MEDIA_GATEWAY_HEADERS,
	MediaGatewayEndpoint,
	MediaGatewayResult,
	Simulcast,
	type MediaGatewayEndpointPath,
	type MediaGatewayHeader,
	type MediaGatewayResultCode,
	type NormalizedExchange,
	type PublishedStream,
} from './protocol';

export type HeaderBag = Record<string, string | string[] | undefined>;

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

export type Checked =
	| { ok: true; call: GatewayCall }
	| { ok: false; resultCode: MediaGatewayResultCode; message: string };

class Refusal extends Error {
	constructor(
		readonly resultCode: MediaGatewayResultCode,
		message: string,
	) {
		super(message);
	}
}

const badField = (field: string, problem: string) =>
	new Refusal(MediaGatewayResult.BAD_FIELD, `${field}: ${problem}`);

/** A header in any of its spellings, case-insensitively. */
export function headerValue(headers: HeaderBag, name: MediaGatewayHeader): string | undefined {
	const wanted = new Set<string>(MEDIA_GATEWAY_HEADERS[name]);
	for (const [key, value] of Object.entries(headers)) {
		if (wanted.has(key.toLowerCase())) {
			const text = (Array.isArray(value) ? value[0] : value)?.trim();
			if (text) return text;
		}
	}
	return undefined;
}

function requiredHeader(headers: HeaderBag, name: MediaGatewayHeader): string {
	const value = headerValue(headers, name);
	if (value === undefined) {
		const spellings = MEDIA_GATEWAY_HEADERS[name].map((spelling) => spelling).join(' or ');
		throw new Refusal(MediaGatewayResult.MISSING_HEADER, `header ${spellings} is missing`);
	}
	return value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalBoolean(
	entry: Record<string, unknown>,
	name: string,
	where: string,
): boolean | undefined {
	if (entry[name] === undefined) return undefined;
	if (typeof entry[name] !== 'boolean') throw badField(`${where}.${name}`, 'must be true or false');
	return entry[name] as boolean;
}

function optionalString(
	entry: Record<string, unknown>,
	name: string,
	where: string,
): string | undefined {
	if (entry[name] === undefined) return undefined;
	if (typeof entry[name] !== 'string') throw badField(`${where}.${name}`, 'must be a string');
	return entry[name] as string;
}

function requiredString(entry: Record<string, unknown>, name: string, where: string): string {
	const value = optionalString(entry, name, where);
	if (value === undefined || value === '') throw badField(`${where}.${name}`, 'is required');
	return value;
}

function list(value: unknown, where: string): unknown[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw badField(where, 'must be an array');
	return value;
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
	if (!isObject(value)) throw badField(where, 'must be an object');
	return value;
}

/**
 * `rtmp`: one object (the protocol document) or an array of `{ msid, mediaType, resolution }` (real clients):
 * docs/vendors/media-gateway.md#wechatexchange-body.
 */
function publishedStreams(
	value: unknown,
	where: string,
	needsUriAndTimestamp: boolean,
): PublishedStream[] {
	if (value === undefined) {
		if (needsUriAndTimestamp) throw badField(where, 'is required');
		return [];
	}
	const entries = Array.isArray(value)
		? value.map((entry, index) => objectAt(entry, `${where}[${index}]`))
		: [objectAt(value, where)];
	return entries.map((entry, index) => {
		const at = Array.isArray(value) ? `${where}[${index}]` : where;
		const stream: PublishedStream = {};
		const msid = optionalString(entry, 'msid', at);
		if (msid !== undefined) stream.msid = msid;
		if (entry.mediaType !== undefined) {
			if (!Number.isInteger(entry.mediaType))
				throw badField(`${at}.mediaType`, 'must be an integer');
			stream.mediaType = entry.mediaType as number;
		}
		const audio = optionalBoolean(entry, 'audio', at);
		if (audio !== undefined) stream.audio = audio;
		const video = optionalBoolean(entry, 'video', at);
		if (video !== undefined) stream.video = video;
		const resolution = optionalString(entry, 'resolution', at);
		if (resolution !== undefined) {
			if (!/^\d+[xX]\d+$/.test(resolution))
				throw badField(`${at}.resolution`, 'must look like 640x480 (0X0 when unknown)');
			stream.resolution = resolution;
		}
		if (needsUriAndTimestamp) {
			stream.uri = requiredString(entry, 'uri', at);
			if (!Number.isSafeInteger(entry.timestamp) || (entry.timestamp as number) < 0) {
				throw badField(`${at}.timestamp`, 'must be a timestamp in milliseconds');
			}
			stream.timestamp = entry.timestamp as number;
		} else {
			const uri = optionalString(entry, 'uri', at);
			if (uri !== undefined) stream.uri = uri;
		}
		return stream;
	});
}

function subscriptions(value: unknown, where: string) {
	return list(value, where).map((raw, index) => {
		const entry = objectAt(raw, `${where}[${index}]`);
		const uri = requiredString(entry, 'uri', `${where}[${index}]`);
		const simulcast = entry.simulcast ?? Simulcast.SMALL;
		if (simulcast !== Simulcast.BIG && simulcast !== Simulcast.SMALL) {
			throw badField(`${where}[${index}].simulcast`, 'must be 1 (big stream) or 2 (small stream)');
		}
		return { uri, simulcast };
	});
}

function rtmpSubscriptions(value: unknown, where: string) {
	return list(value, where).map((raw, index) => {
		const entry = objectAt(raw, `${where}[${index}]`);
		return {
			userId: requiredString(entry, 'userId', `${where}[${index}]`),
			rtmpUri: requiredString(entry, 'rtmpUri', `${where}[${index}]`),
		};
	});
}

/**
 * The body of each endpoint in its documented shape, normalized (docs/vendors/media-gateway.md#rtmpexchange-body,
 * docs/vendors/media-gateway.md#wechatexchange-body). Exits have no body, an empty object is accepted
 * (docs/vendors/media-gateway.md#bodies-of-exits).
 */
function exchangeBody(endpoint: MediaGatewayEndpointPath, body: unknown): NormalizedExchange {
	const empty: NormalizedExchange = { publish: [], subscribe: [], rtmpSubscribe: [] };
	if (
		endpoint === MediaGatewayEndpoint.WECHAT_EXIT ||
		endpoint === MediaGatewayEndpoint.RTMP_EXIT ||
		endpoint === MediaGatewayEndpoint.MONITOR_STATE
	) {
		if (
			body === undefined ||
			body === null ||
			body === '' ||
			(isObject(body) && Object.keys(body).length === 0)
		)
			return empty;
		if (!isObject(body))
			throw new Refusal(MediaGatewayResult.BAD_BODY, 'body must be empty or a JSON object');
		return empty;
	}
	if (!isObject(body)) throw new Refusal(MediaGatewayResult.BAD_BODY, 'body must be a JSON object');
	if (endpoint === MediaGatewayEndpoint.WECHAT_EXCHANGE) {
		return {
			publish: publishedStreams(body.rtmp, 'rtmp', false),
			subscribe: subscriptions(body.subscribeList, 'subscribeList'),
			rtmpSubscribe: rtmpSubscriptions(body.rtmpSubscribeList, 'rtmpSubscribeList'),
		};
	}
	const rtmp = body.rtmp;
	const rtc = body.rtc === undefined ? {} : objectAt(body.rtc, 'rtc');
	const publish = publishedStreams(rtmp, 'rtmp', true);
	const nested = isObject(rtmp) ? rtmp.rtmpSubscribeList : undefined;
	const normalized: NormalizedExchange = {
		publish,
		subscribe: subscriptions(rtc.subscribeList, 'rtc.subscribeList'),
		rtmpSubscribe: rtmpSubscriptions(
			nested ?? body.rtmpSubscribeList,
			isObject(rtmp) && nested !== undefined ? 'rtmp.rtmpSubscribeList' : 'rtmpSubscribeList',
		),
	};
	const extend = optionalString(rtc, 'extend', 'rtc');
	if (extend !== undefined) normalized.extend = extend;
	return normalized;
}

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
