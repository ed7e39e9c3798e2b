/**
 * The RTC media gateway exchange and what real RongCloud clients send: docs/vendors/media-gateway.md.
 */

/** The five endpoints, relative to a gateway's base URL. */
export const MediaGatewayEndpoint = {
	MONITOR_STATE: 'monitor/state',
	WECHAT_EXCHANGE: 'wechat/exchange',
	WECHAT_EXIT: 'wechat/exit',
	RTMP_EXCHANGE: 'rtmp/exchange',
	RTMP_EXIT: 'rtmp/exit',
} as const;

export type MediaGatewayEndpointPath =
	(typeof MediaGatewayEndpoint)[keyof typeof MediaGatewayEndpoint];

export const MEDIA_GATEWAY_ENDPOINTS = Object.values(MediaGatewayEndpoint);

export const ENDPOINT_METHOD: Record<MediaGatewayEndpointPath, 'GET' | 'POST'> = {
	[MediaGatewayEndpoint.MONITOR_STATE]: 'GET',
	[MediaGatewayEndpoint.WECHAT_EXCHANGE]: 'POST',
	[MediaGatewayEndpoint.WECHAT_EXIT]: 'POST',
	[MediaGatewayEndpoint.RTMP_EXCHANGE]: 'POST',
	[MediaGatewayEndpoint.RTMP_EXIT]: 'POST',
};

/**
 * `resultCode` (docs/vendors/media-gateway.md#result-codes): 10000 is success. The protocol documents one failure,
 * 41002 (no processor for the route); the other codes are this package's, so every refusal says what was wrong.
 */
export const MediaGatewayResult = {
	OK: 10000,
	MISSING_HEADER: 40001,
	BAD_BODY: 40002,
	BAD_FIELD: 40003,
	APP_KEY_NOT_ALLOWED: 40004,
	CREDENTIALS_MISSING: 40101,
	CREDENTIALS_INVALID: 40102,
	TOKEN_EXPIRED: 40103,
	TOKEN_NOT_FOR_REQUEST: 40301,
	ADDRESS_NOT_ALLOWED: 40302,
	NO_PROCESSOR: 41002,
	SERVER_ERROR: 50000,
} as const;

export type MediaGatewayResultCode = (typeof MediaGatewayResult)[keyof typeof MediaGatewayResult];

export const MEDIA_GATEWAY_RESULT_MEANING: Record<MediaGatewayResultCode, string> = {
	[MediaGatewayResult.OK]: 'Success',
	[MediaGatewayResult.MISSING_HEADER]: 'A required header is missing',
	[MediaGatewayResult.BAD_BODY]: 'The body is not a JSON object',
	[MediaGatewayResult.BAD_FIELD]: 'A field is missing or has the wrong type or value',
	[MediaGatewayResult.APP_KEY_NOT_ALLOWED]: 'This App-Key is not allowed',
	[MediaGatewayResult.CREDENTIALS_MISSING]: 'The request carries no token or shared secret',
	[MediaGatewayResult.CREDENTIALS_INVALID]:
		'The token or shared secret is not valid (signature, algorithm, issuer or audience)',
	[MediaGatewayResult.TOKEN_EXPIRED]: 'The token has expired or is not valid yet',
	[MediaGatewayResult.TOKEN_NOT_FOR_REQUEST]:
		'The token was issued for another App-Key, room or user',
	[MediaGatewayResult.ADDRESS_NOT_ALLOWED]: "The caller's address is not allowed",
	[MediaGatewayResult.NO_PROCESSOR]: "http server hasn't the processor (unknown route)",
	[MediaGatewayResult.SERVER_ERROR]: 'The gateway failed to process the request',
};

/**
 * HTTP status of the refusals that concern the caller rather than the request: 401 when the caller has not
 * proven who it is (RFC 9110 section 15.5.2: credentials missing, wrong or expired), 403 when it has, or
 * cannot, and is still not allowed (a token for another room, an address outside the allowlist). Every other
 * answer keeps HTTP 200 with its resultCode, as the media gateway protocol does.
 */
export const REFUSAL_HTTP_STATUS: Partial<Record<MediaGatewayResultCode, 401 | 403>> = {
	[MediaGatewayResult.CREDENTIALS_MISSING]: 401,
	[MediaGatewayResult.CREDENTIALS_INVALID]: 401,
	[MediaGatewayResult.TOKEN_EXPIRED]: 401,
	[MediaGatewayResult.TOKEN_NOT_FOR_REQUEST]: 403,
	[MediaGatewayResult.ADDRESS_NOT_ALLOWED]: 403,
};

export function describeMediaGatewayResult(code: number): string {
	return MEDIA_GATEWAY_RESULT_MEANING[code as MediaGatewayResultCode] ?? 'Unknown result code';
}

/**
 * Header spellings (docs/vendors/media-gateway.md#headers): the protocol document writes Room-Id, Client-Type,
 * Client-Version (rtmp: RoomId, clientType, clientVersion); real clients send RoomId, ClientType, ClientVersion.
 * Matched case-insensitively.
 */
export const MEDIA_GATEWAY_HEADERS = {
	appKey: ['app-key', 'appkey'],
	roomId: ['room-id', 'roomid'],
	token: ['token'],
	clientType: ['client-type', 'clienttype'],
	clientVersion: ['client-version', 'clientversion'],
	userId: ['user-id', 'userid'],
	roomType: ['room-type', 'roomtype'],
} as const;

export type MediaGatewayHeader = keyof typeof MEDIA_GATEWAY_HEADERS;

/**
 * How a caller writes the headers: as the protocol document does for WeChat and for RTMP, or as RongCloud's SDK
 * does (docs/vendors/media-gateway.md#headers).
 */
export const HEADER_SPELLINGS: Record<
	'spec' | 'rtmp' | 'sdk',
	Record<MediaGatewayHeader, string>
> = {
	spec: {
		appKey: 'App-Key',
		roomId: 'Room-Id',
		token: 'Token',
		clientType: 'Client-Type',
		clientVersion: 'Client-Version',
		userId: 'User-Id',
		roomType: 'Room-Type',
	},
	rtmp: {
		appKey: 'App-Key',
		roomId: 'RoomId',
		token: 'Token',
		clientType: 'clientType',
		clientVersion: 'clientVersion',
		userId: 'UserId',
		roomType: 'RoomType',
	},
	sdk: {
		appKey: 'App-Key',
		roomId: 'RoomId',
		token: 'Token',
		clientType: 'ClientType',
		clientVersion: 'ClientVersion',
		userId: 'UserId',
		roomType: 'RoomType',
	},
};

/**
 * `simulcast`: 1 big stream, 2 small stream (the default when absent:
 * docs/vendors/media-gateway.md#wechatexchange-body).
 */
export const Simulcast = { BIG: 1, SMALL: 2 } as const;

/** `mediaType` in publish lists (RongCloud): 0 audio, 1 video. */
export const PublishMediaType = { AUDIO: 0, VIDEO: 1 } as const;

export interface PublishedStream {
	msid?: string;
	mediaType?: number;
	audio?: boolean;
	video?: boolean;
	resolution?: string;
	uri?: string;
	timestamp?: number;
}

export interface SubscribedStream {
	uri: string;
	simulcast: number;
}

export interface RtmpSubscription {
	userId: string;
	rtmpUri: string;
}

/** A request body in one shape, whichever shape the client sent. */
export interface NormalizedExchange {
	publish: PublishedStream[];
	subscribe: SubscribedStream[];
	rtmpSubscribe: RtmpSubscription[];
	extend?: string;
}

export type MediaGatewayAnswer = {
	resultCode: number;
	message?: string;
	sdp?: string | { type: string; sdp: string };
	publishList?: Array<{ msid: string; mediaType: number; uri: string }>;
	rtmpPublishList?: Array<{ msid?: string; uri?: string; rtmpUri?: string }>;
	clusterId?: string;
};

export type HeaderSpelling = keyof typeof HEADER_SPELLINGS;

/** Request headers for the given values, in one spelling; absent values are left out. */
export function gatewayHeaders(
	spelling: HeaderSpelling,
	values: Partial<Record<MediaGatewayHeader, string | number | undefined>>,
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(values) as Array<
		[MediaGatewayHeader, string | number | undefined]
	>) {
		if (value !== undefined && value !== '')
			headers[HEADER_SPELLINGS[spelling][name]] = String(value);
	}
	return headers;
}
