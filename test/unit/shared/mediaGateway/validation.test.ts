import {
	HEADER_SPELLINGS,
	MediaGatewayResult,
	gatewayHeaders,
} from '../../../../nodes/shared/mediaGateway/protocol';
import {
	checkGatewayRequest,
	endpointOfPath,
} from '../../../../nodes/shared/mediaGateway/validation';

const values = {
	appKey: 'k',
	roomId: 'r1',
	token: 't',
	clientType: 'WeChat-MiniProgram',
	clientVersion: '3.2.1',
};
const sdkHeaders = gatewayHeaders('sdk', values);
const wechatBody = {
	rtmp: { audio: true, video: true, resolution: '0X0' },
	subscribeList: [{ uri: 'a' }, { uri: 'b', simulcast: 1 }],
};
const rtmpBody = {
	rtmp: {
		audio: true,
		video: false,
		resolution: '640x480',
		uri: 'rtmp://x/live/1',
		timestamp: 1586273915475,
	},
	rtc: { subscribeList: [{ uri: 'c' }], extend: '{"resolutionInfo":"0X0"}' },
};

describe('checkGatewayRequest', () => {
	it.each(['spec', 'rtmp', 'sdk'] as const)(
		'accepts the %s header spelling, in any letter case',
		(spelling) => {
			const headers = Object.fromEntries(
				Object.entries(gatewayHeaders(spelling, values)).map(([name, value]) => [
					name.toLowerCase(),
					value,
				]),
			);
			const checked = checkGatewayRequest('wechat/exchange', 'POST', headers, wechatBody);
			expect(checked).toMatchObject({
				ok: true,
				call: {
					appKey: 'k',
					roomId: 'r1',
					token: 't',
					clientType: 'WeChat-MiniProgram',
					clientVersion: '3.2.1',
				},
			});
		},
	);

	it('normalizes both shapes of rtmp and defaults simulcast to the small stream', () => {
		const object = checkGatewayRequest('wechat/exchange', 'POST', sdkHeaders, wechatBody);
		const array = checkGatewayRequest('wechat/exchange', 'POST', sdkHeaders, {
			rtmp: [
				{ msid: 'u_audio', mediaType: 0, resolution: '0X0' },
				{ msid: 'u_video', mediaType: 1, resolution: '0X0' },
			],
		});
		expect(object.ok && object.call.body).toEqual({
			publish: [{ audio: true, video: true, resolution: '0X0' }],
			subscribe: [
				{ uri: 'a', simulcast: 2 },
				{ uri: 'b', simulcast: 1 },
			],
			rtmpSubscribe: [],
		});
		expect(array.ok && array.call.body.publish).toEqual([
			{ msid: 'u_audio', mediaType: 0, resolution: '0X0' },
			{ msid: 'u_video', mediaType: 1, resolution: '0X0' },
		]);
	});

	it('reads an rtmp/exchange body, with rtmpSubscribeList nested in rtmp as documented', () => {
		const checked = checkGatewayRequest(
			'rtmp/exchange',
			'POST',
			{ ...gatewayHeaders('rtmp', values), RoomType: '1' },
			{
				...rtmpBody,
				rtmp: {
					...rtmpBody.rtmp,
					rtmpSubscribeList: [{ userId: 'u2', rtmpUri: 'rtmp://x/live/2' }],
				},
			},
		);
		expect(checked).toMatchObject({
			ok: true,
			call: {
				roomType: 1,
				body: {
					publish: [
						{ uri: 'rtmp://x/live/1', timestamp: 1586273915475, audio: true, video: false },
					],
					subscribe: [{ uri: 'c', simulcast: 2 }],
					rtmpSubscribe: [{ userId: 'u2', rtmpUri: 'rtmp://x/live/2' }],
					extend: '{"resolutionInfo":"0X0"}',
				},
			},
		});
	});

	it.each([
		['appKey', 'header app-key or appkey is missing'],
		['roomId', 'header room-id or roomid is missing'],
		['token', 'header token is missing'],
		['clientType', 'header client-type or clienttype is missing'],
		['clientVersion', 'header client-version or clientversion is missing'],
	] as const)('refuses a request without %s (40001), naming the header', (header, message) => {
		const headers = { ...sdkHeaders };
		delete headers[HEADER_SPELLINGS.sdk[header]];
		expect(checkGatewayRequest('wechat/exchange', 'POST', headers, wechatBody)).toEqual({
			ok: false,
			resultCode: MediaGatewayResult.MISSING_HEADER,
			message,
		});
	});

	it.each([
		['wechat/exchange', '[]', 40002, 'body must be a JSON object'],
		['wechat/exchange', { rtmp: 'yes' }, 40003, 'rtmp: must be an object'],
		['wechat/exchange', { rtmp: { audio: 'yes' } }, 40003, 'rtmp.audio: must be true or false'],
		[
			'wechat/exchange',
			{ rtmp: { resolution: 'big' } },
			40003,
			'rtmp.resolution: must look like 640x480',
		],
		['wechat/exchange', { rtmp: [{ msid: 1 }] }, 40003, 'rtmp[0].msid: must be a string'],
		['wechat/exchange', { subscribeList: {} }, 40003, 'subscribeList: must be an array'],
		['wechat/exchange', { subscribeList: [{}] }, 40003, 'subscribeList[0].uri: is required'],
		[
			'wechat/exchange',
			{ subscribeList: [{ uri: 'a', simulcast: 3 }] },
			40003,
			'subscribeList[0].simulcast: must be 1 (big stream) or 2',
		],
		[
			'wechat/exchange',
			{ rtmpSubscribeList: [{ userId: 'u' }] },
			40003,
			'rtmpSubscribeList[0].rtmpUri: is required',
		],
		['rtmp/exchange', { rtc: {} }, 40003, 'rtmp: is required'],
		[
			'rtmp/exchange',
			{ rtmp: { uri: 'rtmp://x' } },
			40003,
			'rtmp.timestamp: must be a timestamp in milliseconds',
		],
		['rtmp/exchange', { rtmp: { timestamp: 1 } }, 40003, 'rtmp.uri: is required'],
		['rtmp/exchange', { rtmp: { uri: 'u', timestamp: '1' } }, 40003, 'rtmp.timestamp'],
		['rtmp/exchange', { ...rtmpBody, rtc: [] }, 40003, 'rtc: must be an object'],
		['wechat/exit', 'bye', 40002, 'body must be empty or a JSON object'],
	] as const)('%s with %j → %i', (endpoint, body, resultCode, message) => {
		const headers = endpoint.startsWith('rtmp') ? gatewayHeaders('rtmp', values) : sdkHeaders;
		const checked = checkGatewayRequest(endpoint, 'POST', headers, body);
		expect(checked.ok).toBe(false);
		expect(checked).toMatchObject({ resultCode });
		expect(!checked.ok && checked.message).toContain(message);
	});

	it('refuses a non-integer RoomType header and a wrong method', () => {
		expect(
			checkGatewayRequest('rtmp/exit', 'POST', { ...sdkHeaders, RoomType: 'live' }, undefined),
		).toMatchObject({ resultCode: 40003 });
		expect(checkGatewayRequest('wechat/exchange', 'GET', sdkHeaders, wechatBody)).toMatchObject({
			resultCode: 41002,
		});
		expect(checkGatewayRequest('monitor/state', 'POST', {}, undefined)).toMatchObject({
			resultCode: 41002,
		});
	});

	it('accepts exits without a body, and monitor/state without headers', () => {
		expect(checkGatewayRequest('wechat/exit', 'POST', sdkHeaders, undefined).ok).toBe(true);
		expect(checkGatewayRequest('rtmp/exit', 'POST', gatewayHeaders('rtmp', values), {}).ok).toBe(
			true,
		);
		expect(checkGatewayRequest('monitor/state', 'GET', {}, undefined).ok).toBe(true);
	});
});

describe('endpointOfPath', () => {
	it('finds the endpoint at the end of a webhook path', () => {
		expect(endpointOfPath('/webhook/media-gateway/wechat/exchange')).toBe('wechat/exchange');
		expect(endpointOfPath('/webhook/a/b/rtmp/exit/')).toBe('rtmp/exit');
		expect(endpointOfPath('/webhook/media-gateway/monitor/state?x=1')).toBe('monitor/state');
		expect(endpointOfPath('/webhook/media-gateway/other')).toBeUndefined();
	});
});
