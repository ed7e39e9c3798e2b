import {
	list,
	objectAt,
	optionalBoolean,
	optionalString,
	requiredString,
	isObject,
} from './bodyFields';
import {
	MediaGatewayEndpoint,
	MediaGatewayResult,
	Simulcast,
	type MediaGatewayEndpointPath,
	type NormalizedExchange,
	type PublishedStream,
} from './protocol';
import { Refusal, badField } from './refusal';

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
export function exchangeBody(
	endpoint: MediaGatewayEndpointPath,
	body: unknown,
): NormalizedExchange {
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
