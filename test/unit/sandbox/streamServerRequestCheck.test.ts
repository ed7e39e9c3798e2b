import { MediaGatewayResult, gatewayHeaders } from '../../../nodes/shared/mediaGateway/protocol';
import { checkGatewayRequest } from '../../../nodes/shared/mediaGateway/validation';
import { checkStreamServerRequest } from '../../../sandbox/mediaGateway/requestCheck';

// The headers and body of the document's rtmp/exchange example, as docs/vendors/media-gateway.md
// (#headers, #rtmpexchange-body) writes them; Node's http module hands headers over in lower case.
const documentHeaders = {
	'app-key': 'k',
	roomid: 'r1',
	token: 't',
	clienttype: 'WeChat-MiniProgram',
	clientversion: '3.2.1',
	roomtype: '0',
};
const documentBody = {
	rtmp: {
		audio: true,
		video: false,
		resolution: '0X0',
		uri: 'rtmp://x/live/1',
		timestamp: 1586273915475,
		rtmpSubscribeList: [{ userId: 'u1', rtmpUri: 'rtmp://x/live/u1' }],
	},
	rtc: { subscribeList: [{ uri: 'c', simulcast: 2 }], extend: '{"resolutionInfo":"0X0"}' },
};

const lowerCased = (headers: Record<string, string>) =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe("the Stream-Server emulator's own request check", () => {
	it("accepts the document's rtmp/exchange and reads the stream to pull", () => {
		expect(
			checkStreamServerRequest('rtmp/exchange', 'POST', documentHeaders, documentBody),
		).toEqual({
			ok: true,
			call: {
				appKey: 'k',
				roomId: 'r1',
				publish: { audio: true, video: false, uri: 'rtmp://x/live/1', timestamp: 1586273915475 },
			},
		});
	});

	it('accepts what the Media Gateway node writes for the RTMP endpoints, and the trigger agrees', () => {
		const written = lowerCased(
			gatewayHeaders('rtmp', {
				...{ appKey: 'k', roomId: 'r1', token: 't' },
				clientType: 'n8n',
				clientVersion: '1.0.0',
				userId: 'u9',
			}),
		);
		const ours = checkStreamServerRequest('rtmp/exchange', 'POST', written, documentBody);
		expect(ours).toMatchObject({ ok: true, call: { appKey: 'k', roomId: 'r1', userId: 'u9' } });
		expect(checkGatewayRequest('rtmp/exchange', 'POST', written, documentBody).ok).toBe(true);
		expect(checkStreamServerRequest('rtmp/exit', 'POST', written, undefined).ok).toBe(true);
	});

	it.each([
		[
			'no App-Key',
			{ ...documentHeaders, 'app-key': undefined },
			documentBody,
			MediaGatewayResult.MISSING_HEADER,
		],
		[
			'an empty Token',
			{ ...documentHeaders, token: ' ' },
			documentBody,
			MediaGatewayResult.MISSING_HEADER,
		],
		[
			'a RoomType that is not digits',
			{ ...documentHeaders, roomtype: 'big' },
			documentBody,
			MediaGatewayResult.BAD_FIELD,
		],
		['a body that is an array', documentHeaders, [documentBody], MediaGatewayResult.BAD_BODY],
		['no rtmp', documentHeaders, { rtc: documentBody.rtc }, MediaGatewayResult.BAD_FIELD],
		[
			'rtmp without uri',
			documentHeaders,
			{ rtmp: { ...documentBody.rtmp, uri: '' } },
			MediaGatewayResult.BAD_FIELD,
		],
		[
			'a negative timestamp',
			documentHeaders,
			{ rtmp: { ...documentBody.rtmp, timestamp: -1 } },
			MediaGatewayResult.BAD_FIELD,
		],
		[
			'a timestamp in text',
			documentHeaders,
			{ rtmp: { ...documentBody.rtmp, timestamp: '1' } },
			MediaGatewayResult.BAD_FIELD,
		],
		[
			'audio as text',
			documentHeaders,
			{ rtmp: { ...documentBody.rtmp, audio: 'yes' } },
			MediaGatewayResult.BAD_FIELD,
		],
		[
			'an rtmpSubscribeList entry without rtmpUri',
			documentHeaders,
			{ rtmp: { ...documentBody.rtmp, rtmpSubscribeList: [{ userId: 'u' }] } },
			MediaGatewayResult.BAD_FIELD,
		],
		[
			'simulcast 3',
			documentHeaders,
			{ ...documentBody, rtc: { subscribeList: [{ uri: 'c', simulcast: 3 }] } },
			MediaGatewayResult.BAD_FIELD,
		],
	])('refuses %s, as the trigger does', (_case, headers, body, resultCode) => {
		const ours = checkStreamServerRequest('rtmp/exchange', 'POST', headers, body);
		expect(ours).toMatchObject({ ok: false, resultCode });
		expect(checkGatewayRequest('rtmp/exchange', 'POST', headers, body)).toMatchObject({
			ok: false,
			resultCode,
		});
	});

	it('takes exits with no body, {} or any object, and refuses an array', () => {
		for (const body of [undefined, {}, { ignored: true }]) {
			expect(checkStreamServerRequest('rtmp/exit', 'POST', documentHeaders, body).ok).toBe(true);
		}
		expect(checkStreamServerRequest('rtmp/exit', 'POST', documentHeaders, [1])).toMatchObject({
			ok: false,
			resultCode: MediaGatewayResult.BAD_BODY,
		});
	});

	it('answers 41002 for a wrong method and for the WeChat endpoints it does not serve', () => {
		const noProcessor = { ok: false, resultCode: MediaGatewayResult.NO_PROCESSOR };
		expect(
			checkStreamServerRequest('rtmp/exchange', 'GET', documentHeaders, documentBody),
		).toMatchObject(noProcessor);
		expect(checkStreamServerRequest('monitor/state', 'POST', {}, undefined)).toMatchObject(
			noProcessor,
		);
		expect(checkStreamServerRequest('wechat/exchange', 'POST', documentHeaders, {})).toMatchObject(
			noProcessor,
		);
		expect(checkStreamServerRequest('monitor/state', 'GET', {}, undefined).ok).toBe(true);
	});

	it("ignores the hyphenated WeChat spelling of the room, which the document's RTMP set does not use", () => {
		const { roomid: _roomId, ...rest } = documentHeaders;
		expect(
			checkStreamServerRequest('rtmp/exchange', 'POST', { ...rest, 'room-id': 'r1' }, documentBody),
		).toMatchObject({
			ok: false,
			resultCode: MediaGatewayResult.MISSING_HEADER,
		});
	});
});
