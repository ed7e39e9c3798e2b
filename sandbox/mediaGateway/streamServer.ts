import type { IncomingMessage, ServerResponse } from 'node:http';

import {
	MediaGatewayEndpoint,
	MediaGatewayResult,
	PublishMediaType,
	type MediaGatewayAnswer,
	type MediaGatewayEndpointPath,
} from '../../nodes/shared/mediaGateway/protocol';
import { BodyTooLargeError, parseJson, readBody, sendJson } from '../http/exchange';
import { HttpEmulator, type ControlInput } from '../http/httpEmulator';
import { checkStreamServerRequest, type RtmpPublish, type StreamServerCall } from './requestCheck';
import { SANDBOX_MEDIA_GATEWAY } from './seed';

interface RoomStreams {
	timestamp: number;
	uri: string;
	publishList: NonNullable<MediaGatewayAnswer['publishList']>;
}

const ROUTES: Record<string, MediaGatewayEndpointPath> = {
	'/monitor/state': MediaGatewayEndpoint.MONITOR_STATE,
	'/rtmp/exchange': MediaGatewayEndpoint.RTMP_EXCHANGE,
	'/rtmp/exit': MediaGatewayEndpoint.RTMP_EXIT,
};

/**
 * A Stream-Server as docs/vendors/media-gateway.md describes it (differences:
 * docs/vendors/media-gateway.md#sandbox-differences): `rtmp/exchange` pulls an RTMP stream into RTC and answers an
 * SDP, a publishList derived from the request and its clusterId; `rtmp/exit` ends it; `monitor/state` says it is
 * up. Strict on headers, body and App-Key, with checks of its own (requestCheck.ts).
 */
export class StreamServerEmulator extends HttpEmulator {
	private readonly rooms = new Map<string, RoomStreams>();
	private faults: Array<{ code: number; message: string; times: number }> = [];

	static async start(options: { port?: number } = {}): Promise<StreamServerEmulator> {
		const emulator = new StreamServerEmulator();
		await emulator.listenOn(options.port ?? 0, 'Stream-Server');
		return emulator;
	}

	protected async serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void> {
		const raw = await readBody(request).catch((error: unknown) => error as Error);
		let body: unknown;
		const reply = (status: number, answer: MediaGatewayAnswer) => {
			this.recorder.record({
				at: Date.now(),
				method: request.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: Object.fromEntries(
					Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
				),
				body,
				outcome: { resultCode: answer.resultCode },
			});
			sendJson(response, status, answer);
		};
		const endpoint = ROUTES[url.pathname];
		if (!endpoint)
			return reply(404, {
				resultCode: MediaGatewayResult.NO_PROCESSOR,
				message: "http server hasn't the processor",
			});
		if (raw instanceof BodyTooLargeError)
			return reply(413, { resultCode: MediaGatewayResult.BAD_BODY, message: raw.message });
		if (raw instanceof Error) throw raw;
		if (raw.length > 0) {
			const parsed = parseJson(raw);
			if (!parsed.ok)
				return reply(200, {
					resultCode: MediaGatewayResult.BAD_BODY,
					message: `body is not JSON: ${parsed.reason}`,
				});
			body = parsed.value;
		}

		const checked = checkStreamServerRequest(endpoint, request.method ?? '', request.headers, body);
		if (!checked.ok)
			return reply(200, { resultCode: checked.resultCode, message: checked.message });
		if (endpoint === MediaGatewayEndpoint.MONITOR_STATE)
			return reply(200, { resultCode: MediaGatewayResult.OK });
		if (checked.call.appKey !== SANDBOX_MEDIA_GATEWAY.appKey) {
			return reply(200, {
				resultCode: MediaGatewayResult.APP_KEY_NOT_ALLOWED,
				message: `unknown App-Key ${checked.call.appKey}`,
			});
		}
		const fault = this.faults.shift();
		if (fault && --fault.times > 0) this.faults.unshift(fault);
		if (fault) return reply(200, { resultCode: fault.code, message: fault.message });

		if (endpoint === MediaGatewayEndpoint.RTMP_EXIT) {
			this.rooms.delete(this.roomKey(checked.call));
			return reply(200, { resultCode: MediaGatewayResult.OK });
		}
		return reply(200, this.exchange(checked.call, checked.call.publish!));
	}

	private roomKey(call: StreamServerCall): string {
		return `${call.appKey}/${call.roomId}`;
	}

	/**
	 * A publish with an older timestamp than the current one changes nothing (it may be ignored:
	 * docs/vendors/media-gateway.md#rtmpexchange-body).
	 */
	private exchange(call: StreamServerCall, stream: RtmpPublish): MediaGatewayAnswer {
		const key = this.roomKey(call);
		const current = this.rooms.get(key);
		const timestamp = stream.timestamp;
		if (!current || timestamp >= current.timestamp) {
			const owner = call.userId ?? 'rtmp';
			const publishList = [
				...(stream.audio ? [{ mediaType: PublishMediaType.AUDIO, kind: 'audio' }] : []),
				...(stream.video ? [{ mediaType: PublishMediaType.VIDEO, kind: 'video' }] : []),
			].map(({ mediaType, kind }) => {
				const msid = `${call.roomId}_${owner}_${kind}`;
				return {
					msid,
					mediaType,
					uri: `rtc://${new URL(this.url).host}/${encodeURIComponent(call.roomId)}/${msid}`,
				};
			});
			this.rooms.set(key, { timestamp, uri: stream.uri, publishList });
		}
		const room = this.rooms.get(key)!;
		return {
			resultCode: MediaGatewayResult.OK,
			sdp: {
				type: 'answer',
				sdp: `v=0\r\no=- ${room.timestamp} 2 IN IP4 127.0.0.1\r\ns=sandbox-stream-server\r\nt=0 0\r\na=group:BUNDLE ${room.publishList.map((entry) => entry.msid).join(' ')}\r\n`,
			},
			publishList: room.publishList,
			clusterId: this.url,
		};
	}

	protected control(action: string, input: ControlInput, response: ServerResponse): boolean {
		switch (action) {
			case 'GET /streams':
				sendJson(response, 200, Object.fromEntries(this.rooms));
				return true;
			case 'POST /faults':
				this.faults.push({
					code: Number(input.code ?? MediaGatewayResult.SERVER_ERROR),
					message: String(input.message ?? 'injected failure'),
					times: Number(input.times ?? 1),
				});
				sendJson(response, 200, { queued: this.faults.length });
				return true;
			case 'POST /reset':
				this.rooms.clear();
				this.faults = [];
				this.recorder.clear();
				sendJson(response, 200, { reset: true });
				return true;
			default:
				return false;
		}
	}
}
