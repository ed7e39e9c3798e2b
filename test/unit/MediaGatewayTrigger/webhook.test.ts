import type { IWebhookFunctions } from 'n8n-workflow';

import { MediaGatewayTrigger } from '../../../nodes/MediaGatewayTrigger/MediaGatewayTrigger.node';
import { gatewayHeaders } from '../../../nodes/shared/mediaGateway/protocol';

interface Call {
	path: string;
	method?: string;
	headers?: Record<string, string>;
	body?: unknown;
	parameters?: Record<string, unknown>;
}

async function call({ path, method = 'POST', headers = {}, body, parameters = {} }: Call) {
	const defaults = {
		endpoints: ['wechat/exchange', 'wechat/exit', 'rtmp/exchange', 'rtmp/exit'],
		options: {},
	};
	const context = {
		getRequestObject: () => ({ path, method }),
		getHeaderData: () =>
			Object.fromEntries(
				Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
			),
		getBodyData: () => body,
		getQueryData: () => ({}),
		getNodeParameter: (name: string, fallback: unknown) =>
			({ ...defaults, ...parameters })[name as 'options'] ?? fallback,
	} as unknown as IWebhookFunctions;
	return await new MediaGatewayTrigger().webhook.call(context);
}

const headers = gatewayHeaders('sdk', {
	appKey: 'k1',
	roomId: 'r1',
	token: 'secret-voip',
	clientType: 'WeChat',
	clientVersion: '1',
	userId: 'u1',
});

describe('Media Gateway Trigger webhook()', () => {
	it('starts the workflow with a normalized item and answers resultCode 10000 (used when responding immediately)', async () => {
		const result = await call({
			path: '/webhook/gw/wechat/exchange',
			headers,
			body: { rtmp: { audio: true } },
		});
		expect(result.webhookResponse).toEqual({ resultCode: 10000 });
		const item = result.workflowData![0][0].json;
		expect(item).toMatchObject({
			endpoint: 'wechat/exchange',
			appKey: 'k1',
			roomId: 'r1',
			userId: 'u1',
			hasToken: true,
			body: { publish: [{ audio: true }], subscribe: [], rtmpSubscribe: [] },
		});
		expect(JSON.stringify(item)).not.toContain('secret-voip');
	});

	it('passes the token on when asked', async () => {
		const result = await call({
			path: '/webhook/gw/wechat/exit',
			headers,
			parameters: { options: { passToken: true } },
		});
		expect(result.workflowData![0][0].json).toMatchObject({
			token: 'secret-voip',
			request: { headers: { token: 'secret-voip' } },
		});
	});

	it('answers monitor/state itself unless routed to the workflow', async () => {
		expect(await call({ path: '/webhook/gw/monitor/state', method: 'GET' })).toEqual({
			webhookResponse: { resultCode: 10000 },
		});
		const routed = await call({
			path: '/webhook/gw/monitor/state',
			method: 'GET',
			parameters: { endpoints: ['monitor/state'] },
		});
		expect(routed.workflowData?.[0][0].json.endpoint).toBe('monitor/state');
	});

	it.each([
		[{ path: '/webhook/gw/wechat/exchange', headers: {}, body: {} }, 40001],
		[
			{ path: '/webhook/gw/wechat/exchange', headers, body: { subscribeList: [{ simulcast: 1 }] } },
			40003,
		],
		[{ path: '/webhook/gw/rtmp/exchange', headers, body: 'x' }, 40002],
		[
			{
				path: '/webhook/gw/wechat/exchange',
				headers,
				body: {},
				parameters: { options: { allowedAppKeys: 'k2, k3' } },
			},
			40004,
		],
		[
			{ path: '/webhook/gw/rtmp/exit', headers, parameters: { endpoints: ['wechat/exchange'] } },
			41002,
		],
	])('refuses %p with resultCode %i and starts nothing', async (request, resultCode) => {
		const result = await call(request as Call);
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({ resultCode, message: expect.any(String) });
	});
});
