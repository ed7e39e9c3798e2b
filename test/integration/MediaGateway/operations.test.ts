import { NodeApiError } from 'n8n-workflow';

import { MediaGatewayResult } from '../../../nodes/shared/mediaGateway/protocol';
import { MediaGatewayFixture } from '../../support/mediaGatewayFixture';

const gateway = new MediaGatewayFixture();
beforeAll(() => gateway.start());
afterAll(() => gateway.stop());
beforeEach(async () => {
	await gateway.control.reset();
	gateway.credential();
});

const exchange = {
	resource: 'rtmp',
	operation: 'exchange',
	roomId: 'room-7',
	token: 'voip-token-1',
	rtmpUri: 'rtmp://127.0.0.1:1935/live/room-7_alice',
	timestamp: 1586273915475,
	resolution: '640x480',
	subscriptions: { subscription: [{ uri: 'rtc://peer/bob_video', simulcast: 1 }] },
	rtmpSubscriptions: {
		rtmpSubscription: [{ userId: 'carol', rtmpUri: 'rtmp://127.0.0.1:1935/live/carol' }],
	},
	options: { userId: 'alice', roomType: 1, extend: '{"resolutionInfo":"640x480"}' },
};

describe('Media Gateway node: RTMP', () => {
	// docs/vendors/media-gateway.md#rtmpexchange-body
	it('exchanges with a Stream-Server: documented headers and body out, sdp, publishList and clusterId back', async () => {
		const [item] = await gateway.run(exchange);
		expect(item.json).toMatchObject({
			resultCode: 10000,
			clusterId: gateway.server.url,
			sdp: { type: 'answer', sdp: expect.stringContaining('v=0') },
			publishList: [
				{ msid: 'room-7_alice_audio', mediaType: 0, uri: expect.stringMatching(/^rtc:\/\//) },
				{ msid: 'room-7_alice_video', mediaType: 1, uri: expect.stringMatching(/^rtc:\/\//) },
			],
		});
		const [sent] = await gateway.control.requests('/rtmp/exchange');
		expect(sent.headers).toMatchObject({
			'app-key': 'sandbox-rtc-appkey',
			roomid: 'room-7',
			token: 'voip-token-1',
			clienttype: 'n8n',
			clientversion: '2.0.0',
			userid: 'alice',
			roomtype: '1',
		});
		expect(sent.body).toEqual({
			rtmp: {
				audio: true,
				video: true,
				resolution: '640x480',
				uri: 'rtmp://127.0.0.1:1935/live/room-7_alice',
				timestamp: 1586273915475,
				rtmpSubscribeList: [{ userId: 'carol', rtmpUri: 'rtmp://127.0.0.1:1935/live/carol' }],
			},
			rtc: {
				subscribeList: [{ uri: 'rtc://peer/bob_video', simulcast: 1 }],
				extend: '{"resolutionInfo":"640x480"}',
			},
		});
	});

	it('ends the stream with rtmp/exit and reads the server state', async () => {
		await gateway.run(exchange);
		expect(Object.keys(await gateway.control.streams())).toEqual(['sandbox-rtc-appkey/room-7']);
		const [exit] = await gateway.run({
			resource: 'rtmp',
			operation: 'exit',
			roomId: 'room-7',
			token: 't',
		});
		expect(exit.json).toEqual({ resultCode: 10000 });
		expect(await gateway.control.streams()).toEqual({});
		const [state] = await gateway.run({ resource: 'server', operation: 'getState' });
		expect(state.json).toEqual({ resultCode: 10000 });
	});

	it('turns a non-10000 resultCode into an error with code, meaning and the server message', async () => {
		gateway.credential({ appKey: 'someone-else' });
		const failure = await gateway.run(exchange).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(failure).toMatchObject({
			message: `Media gateway ${MediaGatewayResult.APP_KEY_NOT_ALLOWED}: This App-Key is not allowed`,
			description: 'The server says "unknown App-Key someone-else" (POST rtmp/exchange)',
		});
	});

	it('reports an unknown route (41002) with the HTTP error status, and keeps going per item with continue on fail', async () => {
		await gateway.control.injectFault(50000, 'transcoder busy');
		const items = await gateway.run(exchange, { items: 2, continueOnFail: true });
		expect(items[0].json).toEqual({
			error: 'Media gateway 50000: The gateway failed to process the request',
			description: 'The server says "transcoder busy" (POST rtmp/exchange)',
		});
		expect(items[1].json.resultCode).toBe(10000);

		const wechat = await gateway
			.run({ resource: 'wechat', operation: 'exchange', roomId: 'r', token: 't' })
			.catch((error: Error) => error);
		expect((wechat as Error).message).toBe(
			"Media gateway 41002: http server hasn't the processor (unknown route)",
		);
	});
});

describe('Media Gateway node: client answer', () => {
	// docs/vendors/media-gateway.md#answers
	it('builds a client answer: resultCode 10000 when missing, documented fields only, RTMP publish URIs in both spellings', async () => {
		const [item] = await gateway.run({
			resource: 'clientAnswer',
			operation: 'build',
			answer: JSON.stringify({
				sdp: 'x',
				publishList: [{ msid: 'm', mediaType: 1, uri: 'u' }],
				clusterId: 'c',
				internal: 'no',
			}),
			options: { rtmpPublishUris: 'rtmp://push/1' },
		});
		expect(item.json).toEqual({
			resultCode: 10000,
			sdp: 'x',
			publishList: [{ msid: 'm', mediaType: 1, uri: 'u' }],
			clusterId: 'c',
			rtmpPublishList: [{ uri: 'rtmp://push/1', rtmpUri: 'rtmp://push/1' }],
		});
	});

	it('keeps an error resultCode and message as they are', async () => {
		const [item] = await gateway.run({
			resource: 'clientAnswer',
			operation: 'build',
			answer: '{"resultCode":41002,"message":"no"}',
		});
		expect(item.json).toEqual({ resultCode: 41002, message: 'no' });
	});

	it("turns an error item (a node's error output) into resultCode 50000 with the error as message", async () => {
		const [item] = await gateway.run({
			resource: 'clientAnswer',
			operation: 'build',
			answer: '{"error":"Media gateway 41002: no processor","description":"x"}',
		});
		expect(item.json).toEqual({ resultCode: 50000, message: 'Media gateway 41002: no processor' });
	});
});
