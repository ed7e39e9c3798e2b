import { randomUUID } from 'node:crypto';
import { request } from 'undici';

import { StreamServerControl } from '../../sandbox/mediaGateway/control';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import { wechatExchange, wechatExit } from '../../sandbox/mediaGateway/wechatClient';
import type { WorkflowNode } from './harness/n8nApi';
import { deployWorkflow, e2eContext, n8nApi, uniquePath } from './harness/context';
import { waitFor } from '../support/waiting';

jest.setTimeout(180_000);

const context = e2eContext();
const streamServer = new StreamServerControl(context.sandbox.streamServer);
const TRIGGER = 'Media Gateway Trigger';
const RTMP_BASE = 'rtmp://127.0.0.1:1935/live';

function trigger(path: string, respond: string, endpoints = ['wechat/exchange']): WorkflowNode {
	return {
		name: TRIGGER,
		type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { path, endpoints, respond, options: { passToken: true } },
	};
}

/**
 * Trigger → RTMP exchange with the Stream-Server → the client answer, as docs/vendors/media-gateway.md#flow
 * describes.
 */
function gatewayWorkflow(path: string): {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
} {
	const triggerItem = `$('${TRIGGER}').item.json`;
	return {
		name: `e2e media gateway ${path}`,
		nodes: [
			trigger(path, 'lastNode'),
			{
				name: 'RTMP Exchange',
				type: 'n8n-nodes-rtc-paas.mediaGateway',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'rtmp',
					operation: 'exchange',
					roomId: '={{ $json.roomId }}',
					token: '={{ $json.token }}',
					rtmpUri: `=${RTMP_BASE}/{{ $json.roomId }}_{{ $json.userId }}`,
					options: { userId: '={{ $json.userId }}' },
				},
				credentials: { mediaGatewayApi: context.credentials.mediaGatewayApi },
			},
			{
				name: 'Client Answer',
				type: 'n8n-nodes-rtc-paas.mediaGateway',
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'clientAnswer',
					operation: 'build',
					answer: '={{ $json }}',
					options: {
						rtmpPublishUris: `=${RTMP_BASE}/{{ ${triggerItem}.roomId }}_{{ ${triggerItem}.userId }}`,
					},
				},
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'RTMP Exchange', type: 'main', index: 0 }]] },
			'RTMP Exchange': { main: [[{ node: 'Client Answer', type: 'main', index: 0 }]] },
		},
	};
}

const gatewayUrl = (path: string) => `${context.n8nUrl}/webhook/${path}`;

async function untilRegistered(path: string, endpoint = 'monitor/state'): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const response = await request(`${gatewayUrl(path)}/${endpoint}`);
		await response.body.dump();
		if (response.statusCode !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`webhook ${path} never registered`);
}

describe('Media Gateway Trigger in n8n', () => {
	const path = uniquePath('media-gateway');
	let workflowId: string;

	beforeAll(async () => {
		await streamServer.reset();
		workflowId = await deployWorkflow(gatewayWorkflow(path));
		await untilRegistered(path);
	});

	it.each([
		['RongCloud header spelling, rtmp as an array', 'sdk', 'array'],
		// docs/vendors/media-gateway.md#headers
		["the protocol document's header spelling, rtmp as one object", 'spec', 'object'],
	] as const)(
		'answers a mini-program client (%s) with the Stream-Server data and resultCode 10000',
		async (_, spelling, shape) => {
			const roomId = `room-${spelling}`;
			const reply = await wechatExchange({
				gateway: gatewayUrl(path),
				roomId,
				userId: 'alice',
				spelling,
				shape,
			});
			expect(reply.status).toBe(200);
			expect(reply.answer).toEqual({
				resultCode: 10000,
				sdp: { type: 'answer', sdp: expect.stringContaining('v=0') },
				publishList: [
					{ msid: `${roomId}_alice_audio`, mediaType: 0, uri: expect.any(String) },
					{ msid: `${roomId}_alice_video`, mediaType: 1, uri: expect.any(String) },
				],
				clusterId: context.sandbox.streamServer,
				rtmpPublishList: [
					{ uri: `${RTMP_BASE}/${roomId}_alice`, rtmpUri: `${RTMP_BASE}/${roomId}_alice` },
				],
			});
			const sent = (await streamServer.requests('/rtmp/exchange')).find(
				(entry) => entry.headers.roomid === roomId,
			);
			expect(sent?.headers).toMatchObject({
				token: reply.token,
				'app-key': SANDBOX_MEDIA_GATEWAY.appKey,
				userid: 'alice',
			});
			expect((sent?.body as { rtmp: { uri: string } }).rtmp.uri).toBe(
				`${RTMP_BASE}/${roomId}_alice`,
			);
		},
	);

	it('answers monitor/state itself, starting no execution', async () => {
		const before = (await n8nApi().executions(workflowId)).length;
		const response = await request(`${gatewayUrl(path)}/monitor/state`);
		expect(await response.body.json()).toEqual({ resultCode: 10000 });
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await n8nApi().executions(workflowId)).length).toBe(before);
	});

	it('answers 1,000 malformed requests with error result codes and starts no execution', async () => {
		const before = (await n8nApi().executions(workflowId)).length;
		const headers = {
			'App-Key': 'k',
			RoomId: 'r',
			Token: 't',
			ClientType: 'WeChat',
			ClientVersion: '1',
		};
		const variants: Array<{ headers: Record<string, string>; body: string; expected: number }> = [
			{ headers: {}, body: '{}', expected: 40001 },
			{ headers: { ...headers, Token: '' }, body: '{}', expected: 40001 },
			{ headers, body: '[1,2]', expected: 40002 },
			{ headers, body: '{"rtmp":"yes"}', expected: 40003 },
			{ headers, body: '{"subscribeList":[{"uri":"a","simulcast":7}]}', expected: 40003 },
			{ headers, body: '{"rtmp":[{"msid":5}]}', expected: 40003 },
			{ headers, body: '{"rtmpSubscribeList":[{"userId":"u"}]}', expected: 40003 },
			{ headers: { ...headers, RoomType: 'big' }, body: '{}', expected: 40003 },
		];
		const answered: number[] = [];
		for (let batch = 0; batch < 100; batch++) {
			const replies = await Promise.all(
				Array.from({ length: 10 }, async (_, index) => {
					const variant = variants[(batch * 10 + index) % variants.length];
					const response = await request(`${gatewayUrl(path)}/wechat/exchange`, {
						method: 'POST',
						headers: { ...variant.headers, 'content-type': 'application/json' },
						body: variant.body,
					});
					const answer = (await response.body.json()) as { resultCode: number; message: string };
					expect(answer.resultCode).toBe(variant.expected);
					expect(answer.message).toEqual(expect.any(String));
					return answer.resultCode;
				}),
			);
			answered.push(...replies);
		}
		expect(answered).toHaveLength(1000);
		expect(answered.every((code) => code !== 10000)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await n8nApi().executions(workflowId)).length).toBe(before);
	});
});

describe('Media Gateway Trigger response modes in n8n', () => {
	it('Immediately: answers resultCode 10000 and runs the workflow afterwards', async () => {
		const path = uniquePath('gw-immediately');
		const workflowId = await deployWorkflow({
			name: `e2e ${path}`,
			nodes: [trigger(path, 'onReceived', ['wechat/exit'])],
			connections: {},
		});
		await untilRegistered(path);
		const reply = await wechatExit({ gateway: gatewayUrl(path), roomId: 'r9', userId: 'bob' });
		expect(reply.answer).toEqual({ resultCode: 10000 });
		// The execution starts after the answer; on a busy machine n8n may take seconds to save it.
		await waitFor(async () => (await n8nApi().executions(workflowId)).length > 0, 30_000);
		const [execution] = await n8nApi().executions(workflowId, { includeData: true });
		expect(execution.data?.resultData.runData[TRIGGER][0].data?.main[0][0].json).toMatchObject({
			endpoint: 'wechat/exit',
			roomId: 'r9',
			userId: 'bob',
		});
	});

	it("Respond node: Client Answer → Send answers, and a failed Stream-Server call becomes an error resultCode through the node's error output", async () => {
		const path = uniquePath('gw-respond');
		const respond = (name: string): WorkflowNode => ({
			name,
			type: 'n8n-nodes-rtc-paas.mediaGateway',
			typeVersion: 1,
			position: [480, 0],
			parameters: { resource: 'clientAnswer', operation: 'send', answer: '={{ $json }}' },
		});
		await deployWorkflow({
			name: `e2e ${path}`,
			nodes: [
				trigger(path, 'responseNode'),
				{
					name: 'RTMP Exchange',
					type: 'n8n-nodes-rtc-paas.mediaGateway',
					typeVersion: 1,
					position: [240, 0],
					onError: 'continueErrorOutput',
					parameters: {
						resource: 'rtmp',
						operation: 'exchange',
						roomId: '={{ $json.roomId }}',
						token: '={{ $json.token }}',
						rtmpUri: `=${RTMP_BASE}/{{ $json.roomId }}`,
					},
					credentials: { mediaGatewayApi: context.credentials.mediaGatewayApi },
				},
				respond('Answer'),
				respond('Answer Error'),
			],
			connections: {
				[TRIGGER]: { main: [[{ node: 'RTMP Exchange', type: 'main', index: 0 }]] },
				'RTMP Exchange': {
					main: [
						[{ node: 'Answer', type: 'main', index: 0 }],
						[{ node: 'Answer Error', type: 'main', index: 0 }],
					],
				},
			},
		});
		await untilRegistered(path);
		const ok = await wechatExchange({ gateway: gatewayUrl(path), roomId: 'r10', userId: 'carol' });
		expect(ok.answer).toMatchObject({ resultCode: 10000, publishList: expect.any(Array) });

		await streamServer.injectFault(50000, 'transcoder busy');
		const failed = await wechatExchange({
			gateway: gatewayUrl(path),
			roomId: 'r11',
			userId: 'dave',
		});
		expect(failed.answer).toEqual({
			resultCode: 50000,
			message: 'Media gateway 50000: The gateway failed to process the request',
		});
	});
});
