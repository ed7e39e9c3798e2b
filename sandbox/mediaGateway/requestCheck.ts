import {
	MediaGatewayEndpoint,
	MediaGatewayResult,
	type MediaGatewayEndpointPath,
	type MediaGatewayResultCode,
} from '../../nodes/shared/mediaGateway/protocol';

/**
 * The Stream-Server's own reading of a request, written from docs/vendors/media-gateway.md (endpoints,
 * headers, rtmp/exchange body, bodies of exits) and not shared with the Media Gateway Trigger: the node
 * and the trigger check requests with their own code, so a mistake in either fails the tests that
 * talk to this emulator. It serves the RTMP side only, and reads the document's RTMP header set.
 */

/** RTMP header set of the document, matched case-insensitively as HTTP wants. */
const RTMP_HEADERS = {
	appKey: 'app-key',
	roomId: 'roomid',
	token: 'token',
	clientType: 'clienttype',
	clientVersion: 'clientversion',
	roomType: 'roomtype',
	userId: 'userid',
} as const;

const REQUIRED_HEADERS = ['appKey', 'roomId', 'token', 'clientType', 'clientVersion'] as const;

export interface RtmpPublish {
	audio: boolean;
	video: boolean;
	uri: string;
	timestamp: number;
}

export interface StreamServerCall {
	appKey: string;
	roomId: string;
	userId?: string;
	/** Present for rtmp/exchange only. */
	publish?: RtmpPublish;
}

type StreamServerVerdict =
	| { ok: true; call: StreamServerCall }
	| { ok: false; resultCode: MediaGatewayResultCode; message: string };

type Refused = Extract<StreamServerVerdict, { ok: false }>;

class Refusal extends Error {
	constructor(
		readonly resultCode: MediaGatewayResultCode,
		message: string,
	) {
		super(message);
	}
}

const fieldRefusal = (where: string, problem: string) =>
	new Refusal(MediaGatewayResult.BAD_FIELD, `${where}: ${problem}`);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(headers: Record<string, string | string[] | undefined>, lowerName: string) {
	const value = headers[lowerName];
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	return text ? text : undefined;
}

function readHeaders(headers: Record<string, string | string[] | undefined>): StreamServerCall {
	const lowered = Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	for (const name of REQUIRED_HEADERS) {
		if (header(lowered, RTMP_HEADERS[name]) === undefined)
			throw new Refusal(
				MediaGatewayResult.MISSING_HEADER,
				`header ${RTMP_HEADERS[name]} is missing`,
			);
	}
	const roomType = header(lowered, RTMP_HEADERS.roomType);
	if (roomType !== undefined && !/^\d+$/.test(roomType))
		throw fieldRefusal('header RoomType', 'must be an integer');
	const userId = header(lowered, RTMP_HEADERS.userId);
	return {
		appKey: header(lowered, RTMP_HEADERS.appKey)!,
		roomId: header(lowered, RTMP_HEADERS.roomId)!,
		...(userId ? { userId } : {}),
	};
}

function eachEntry(
	value: unknown,
	where: string,
	check: (entry: Record<string, unknown>, at: string) => void,
) {
	if (value === undefined) return;
	if (!Array.isArray(value)) throw fieldRefusal(where, 'must be an array');
	value.forEach((entry, index) => {
		const at = `${where}[${index}]`;
		if (!isRecord(entry)) throw fieldRefusal(at, 'must be an object');
		check(entry, at);
	});
}

function requireText(entry: Record<string, unknown>, name: string, at: string): string {
	const value = entry[name];
	if (typeof value !== 'string' || value === '') throw fieldRefusal(`${at}.${name}`, 'is required');
	return value;
}

/** rtmp/exchange: `rtmp` with the stream to pull, `rtc` with what the client plays. */
function readExchange(body: unknown): RtmpPublish {
	if (!isRecord(body)) throw new Refusal(MediaGatewayResult.BAD_BODY, 'body must be a JSON object');
	if (!isRecord(body.rtmp)) throw fieldRefusal('rtmp', 'must be an object');
	const rtmp = body.rtmp;
	for (const flag of ['audio', 'video']) {
		if (rtmp[flag] !== undefined && typeof rtmp[flag] !== 'boolean')
			throw fieldRefusal(`rtmp.${flag}`, 'must be true or false');
	}
	if (rtmp.resolution !== undefined && typeof rtmp.resolution !== 'string')
		throw fieldRefusal('rtmp.resolution', 'must be a string');
	const uri = requireText(rtmp, 'uri', 'rtmp');
	const timestamp = rtmp.timestamp;
	if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0)
		throw fieldRefusal('rtmp.timestamp', 'must be a timestamp in milliseconds');
	eachEntry(rtmp.rtmpSubscribeList, 'rtmp.rtmpSubscribeList', (entry, at) => {
		requireText(entry, 'userId', at);
		requireText(entry, 'rtmpUri', at);
	});
	if (body.rtc !== undefined) {
		if (!isRecord(body.rtc)) throw fieldRefusal('rtc', 'must be an object');
		eachEntry(body.rtc.subscribeList, 'rtc.subscribeList', (entry, at) => {
			requireText(entry, 'uri', at);
			if (entry.simulcast !== undefined && entry.simulcast !== 1 && entry.simulcast !== 2)
				throw fieldRefusal(`${at}.simulcast`, 'must be 1 (big stream) or 2 (small stream)');
		});
		if (body.rtc.extend !== undefined && typeof body.rtc.extend !== 'string')
			throw fieldRefusal('rtc.extend', 'must be a string');
	}
	return { audio: rtmp.audio !== false, video: rtmp.video !== false, uri, timestamp };
}

/** Exits have no body; an empty one or any JSON object (ignored) passes too. */
function checkExitBody(body: unknown): void {
	if (body === undefined || body === null || isRecord(body)) return;
	throw new Refusal(MediaGatewayResult.BAD_BODY, 'body must be empty or a JSON object');
}

const METHODS: Partial<Record<MediaGatewayEndpointPath, string>> = {
	[MediaGatewayEndpoint.MONITOR_STATE]: 'GET',
	[MediaGatewayEndpoint.RTMP_EXCHANGE]: 'POST',
	[MediaGatewayEndpoint.RTMP_EXIT]: 'POST',
};

export function checkStreamServerRequest(
	endpoint: MediaGatewayEndpointPath,
	method: string,
	headers: Record<string, string | string[] | undefined>,
	body: unknown,
): StreamServerVerdict {
	try {
		const wanted = METHODS[endpoint];
		if (wanted === undefined || method.toUpperCase() !== wanted)
			throw new Refusal(MediaGatewayResult.NO_PROCESSOR, `${method} ${endpoint}: not served here`);
		if (endpoint === MediaGatewayEndpoint.MONITOR_STATE)
			return { ok: true, call: { appKey: '', roomId: '' } };
		const call = readHeaders(headers);
		if (endpoint === MediaGatewayEndpoint.RTMP_EXIT) checkExitBody(body);
		else call.publish = readExchange(body);
		return { ok: true, call };
	} catch (error) {
		if (!(error instanceof Refusal)) throw error;
		const refused: Refused = { ok: false, resultCode: error.resultCode, message: error.message };
		return refused;
	}
}
