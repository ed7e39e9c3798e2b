import { request } from 'undici';

import {
	MediaGatewayEndpoint,
	PublishMediaType,
	type MediaGatewayAnswer,
} from '../../nodes/shared/mediaGateway/protocol';
import { sandboxClientToken } from './clientToken';
import { SANDBOX_MEDIA_GATEWAY } from './seed';

interface WechatClientOptions {
	/** The gateway's base URL, e.g. http://127.0.0.1:5678/webhook/media-gateway */
	gateway: string;
	roomId: string;
	userId: string;
	appKey?: string;
	/**
	 * The Token header. By default a Signed Client Token from the sandbox's app server for this App-Key,
	 * room and user, as a mini-program gets one from its app's server before it calls the gateway.
	 */
	token?: string;
	/**
	 * The protocol document's header names (Room-Id, Client-Type) or what RongCloud clients send (RoomId, ClientType).
	 */
	spelling?: 'spec' | 'sdk';
	/** `rtmp` as one object (the protocol document) or as an array of streams (real clients). */
	shape?: 'object' | 'array';
	subscribe?: string[];
}

interface GatewayReply {
	status: number;
	answer: MediaGatewayAnswer | undefined;
	text: string;
	/** The Token header that was sent. */
	token: string;
}

/**
 * Header names as a mini program writes them (docs/vendors/media-gateway.md#headers): the document's
 * WeChat set, or RongCloud's SDK. The client's own table, not the node's, so that the trigger's
 * reading of either spelling is tested against an independent writer.
 */
const HEADER_NAMES = {
	spec: {
		roomId: 'Room-Id',
		clientType: 'Client-Type',
		clientVersion: 'Client-Version',
		userId: 'User-Id',
	},
	sdk: {
		roomId: 'RoomId',
		clientType: 'ClientType',
		clientVersion: 'ClientVersion',
		userId: 'UserId',
	},
} as const;

function headersOf(options: WechatClientOptions) {
	const appKey = options.appKey ?? SANDBOX_MEDIA_GATEWAY.appKey;
	const token =
		options.token ?? sandboxClientToken({ appKey, roomId: options.roomId, userId: options.userId });
	const names = HEADER_NAMES[options.spelling ?? 'sdk'];
	const values: Array<[string, string]> = [
		['App-Key', appKey],
		[names.roomId, options.roomId],
		['Token', token],
		[names.clientType, SANDBOX_MEDIA_GATEWAY.clientType],
		[names.clientVersion, SANDBOX_MEDIA_GATEWAY.clientVersion],
		[names.userId, options.userId],
	];
	// A value left empty is left out, as a client without it would send.
	const headers = Object.fromEntries(values.filter(([, value]) => value !== ''));
	return { headers, token };
}

async function post(
	url: string,
	{ headers, token }: { headers: Record<string, string>; token: string },
	body: unknown,
): Promise<GatewayReply> {
	const response = await request(url, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.body.text();
	let answer: MediaGatewayAnswer | undefined;
	try {
		answer = JSON.parse(text) as MediaGatewayAnswer;
	} catch {
		answer = undefined;
	}
	return { status: response.statusCode, answer, text, token };
}

/** What a WeChat mini-program does to publish and subscribe: POST {gateway}/wechat/exchange. */
export async function wechatExchange(options: WechatClientOptions): Promise<GatewayReply> {
	const rtmp =
		(options.shape ?? 'array') === 'object'
			? { audio: true, video: true, resolution: '640x480' }
			: [
					{
						msid: `${options.userId}_audio`,
						mediaType: PublishMediaType.AUDIO,
						resolution: '640x480',
					},
					{
						msid: `${options.userId}_video`,
						mediaType: PublishMediaType.VIDEO,
						resolution: '640x480',
					},
				];
	return await post(
		`${options.gateway.replace(/\/$/, '')}/${MediaGatewayEndpoint.WECHAT_EXCHANGE}`,
		headersOf(options),
		{
			rtmp,
			subscribeList: (options.subscribe ?? []).map((uri) => ({ uri, simulcast: 1 })),
			rtmpSubscribeList: [],
		},
	);
}

/** What a WeChat mini-program does when it leaves: POST {gateway}/wechat/exit. */
export async function wechatExit(options: WechatClientOptions): Promise<GatewayReply> {
	return await post(
		`${options.gateway.replace(/\/$/, '')}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
		headersOf(options),
		{},
	);
}
