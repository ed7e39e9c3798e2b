import { randomUUID } from 'node:crypto';
import { request } from 'undici';

import { mapInOrder } from '../../nodes/shared/execution/mapInOrder';
import { MediaGatewayEndpoint, MediaGatewayResult } from '../../nodes/shared/mediaGateway/protocol';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import { pick, seededRandom } from '../../sandbox/random';
import { deployWorkflow, e2eContext, n8nApi, uniquePath } from '../e2e/harness/context';
import { until } from '../support/waiting';
import { callerCase, type CallerCase, type Target } from './callerFuzz';

jest.setTimeout(900_000);

const context = e2eContext();
const REQUESTS = 10_000;
const POST_ENDPOINTS = [
	MediaGatewayEndpoint.WECHAT_EXCHANGE,
	MediaGatewayEndpoint.WECHAT_EXIT,
	MediaGatewayEndpoint.RTMP_EXCHANGE,
	MediaGatewayEndpoint.RTMP_EXIT,
];
const UNICODE = ['房间-测试', '🎥📡', 'ñandú', '\u202egnp.exe', 'Ω≈ç√', 'x'.repeat(3000)];

interface Fuzzed {
	kind: string;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
	endpoint: string;
	headers: Record<string, string>;
	body?: string;
}

/** What a client sending UTF-8 in a header puts on the wire: HTTP header values are bytes. */
const asHeaderBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

function validHeaders(random: () => number): Record<string, string> {
	return {
		'App-Key': SANDBOX_MEDIA_GATEWAY.appKey,
		RoomId: asHeaderBytes(pick(random, ['room-1', pick(random, UNICODE).slice(0, 60)])),
		Token: SANDBOX_MEDIA_GATEWAY.token,
		ClientType: SANDBOX_MEDIA_GATEWAY.clientType,
		ClientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
		UserId: 'user-1',
	};
}

/** Every request has at least one definite fault; a few kinds are n8n's to refuse (method, path, size). */
function fuzzed(random: () => number): Fuzzed {
	const endpoint = pick(random, POST_ENDPOINTS);
	const headers = validHeaders(random);
	// Per field, values its documented shape (docs/vendors/media-gateway.md#wechatexchange-body,
	// docs/vendors/media-gateway.md#rtmpexchange-body) can never take: `[]`, `{}` and unknown keys are legitimate (no
	// streams, one stream without details, fields a newer client adds), so they are not faults.
	const FIELD_FAULTS: Record<string, string[]> = {
		rtmp: [
			'"yes"',
			'42',
			'true',
			'null',
			'[1]',
			'[{"uri":5}]',
			'{"mediaType":"video"}',
			'[{"resolution":"big"}]',
		],
		subscribeList: [
			'"yes"',
			'42',
			'true',
			'null',
			'{}',
			'[{"uri":5}]',
			'[{"simulcast":"two"}]',
			'[7]',
		],
		rtmpSubscribeList: [
			'"yes"',
			'false',
			'null',
			'{}',
			'[{"userId":1}]',
			'[{"rtmpUri":"x"}]',
			'["x"]',
		],
	};
	const wrongField = () => {
		const field = pick(random, Object.keys(FIELD_FAULTS));
		const value = pick(random, [...FIELD_FAULTS[field], JSON.stringify(pick(random, UNICODE))]);
		return `{"${field}":${value}}`;
	};
	const kinds: Array<() => Fuzzed> = [
		() => {
			const missing = pick(random, ['App-Key', 'RoomId', 'Token']);
			const { [missing]: _dropped, ...rest } = headers;
			return { kind: `missing ${missing}`, method: 'POST', endpoint, headers: rest, body: '{}' };
		},
		() => ({
			kind: 'empty header value',
			method: 'POST',
			endpoint,
			headers: { ...headers, [pick(random, ['App-Key', 'RoomId'])]: '' },
			body: '{}',
		}),
		() => ({
			kind: 'unknown App-Key',
			method: 'POST',
			endpoint,
			headers: { ...headers, 'App-Key': asHeaderBytes(pick(random, UNICODE).slice(0, 40)) },
			body: '{}',
		}),
		() => ({
			kind: 'body not an object',
			method: 'POST',
			endpoint,
			headers,
			body: pick(random, ['[1,2]', '"text"', '12', 'true', '[]']),
		}),
		() => ({
			kind: 'bad JSON',
			method: 'POST',
			endpoint,
			headers,
			body: pick(random, ['{', '{"rtmp":', "{'a':1}", '{"a":1,,}', '\u0000\u0001', '{"房间":']),
		}),
		() => ({
			kind: 'wrong field types (exchange)',
			method: 'POST',
			endpoint: pick(random, [
				MediaGatewayEndpoint.WECHAT_EXCHANGE,
				MediaGatewayEndpoint.RTMP_EXCHANGE,
			]),
			headers,
			body: wrongField(),
		}),
		() => ({
			kind: 'wrong method',
			method: pick(random, ['GET', 'PUT', 'DELETE', 'PATCH'] as const),
			endpoint,
			headers,
			body: undefined,
		}),
		() => ({
			kind: 'unknown path',
			method: 'POST',
			endpoint: pick(random, [
				'wechat/exchange/extra',
				'rtmp',
				'WECHAT/EXIT',
				'..%2fetc',
				'монитор',
			]),
			headers,
			body: '{}',
		}),
		() => ({
			kind: 'large body with a fault',
			method: 'POST',
			endpoint: MediaGatewayEndpoint.WECHAT_EXCHANGE,
			headers: { ...headers, Token: '' },
			body: JSON.stringify({ padding: 'x'.repeat(Math.floor(random() * 512 * 1024)) }),
		}),
	];
	return pick(random, kinds)();
}

describe('Media Gateway Trigger under 10,000 malformed requests', () => {
	it('answers every one with an error resultCode or n8n’s own refusal, starts no execution, and stays healthy', async () => {
		const path = uniquePath('fuzz');
		const workflowId = await deployWorkflow({
			name: 'soak webhook fuzz',
			nodes: [
				{
					name: 'Media Gateway Trigger',
					type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
					// Version 1 on purpose: workflows built before 1.1 hold it; e2e and queue tests run 1.1.
					typeVersion: 1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: {
						path,
						endpoints: Object.values(MediaGatewayEndpoint),
						respond: 'onReceived',
						options: { allowedAppKeys: SANDBOX_MEDIA_GATEWAY.appKey },
					},
				},
			],
			connections: {},
		});
		const base = `${context.n8nUrl}/webhook/${path}`;
		for (let attempt = 0; attempt < 100; attempt++) {
			const probe = await request(`${base}/monitor/state`);
			await probe.body.dump();
			if (probe.statusCode === 200) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		const random = seededRandom(2026);
		const cases = Array.from({ length: REQUESTS }, () => fuzzed(random));
		// Two huge bodies past n8n's payload limit (16 MiB): n8n refuses them itself.
		for (const index of [10, 5000]) {
			cases[index] = {
				kind: 'huge body',
				method: 'POST',
				endpoint: MediaGatewayEndpoint.WECHAT_EXCHANGE,
				headers: validHeaders(random),
				body: JSON.stringify({ rtmp: { uri: 'x'.repeat(17 * 1024 * 1024) } }),
			};
		}
		const outcomes = await mapInOrder(cases.length, 8, async (index) => {
			const fuzz = cases[index];
			const response = await request(`${base}/${fuzz.endpoint}`, {
				method: fuzz.method,
				headers: {
					...fuzz.headers,
					...(fuzz.body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: fuzz.body,
			});
			const text = await response.body.text();
			let resultCode: number | undefined;
			let message: unknown;
			try {
				({ resultCode, message } = JSON.parse(text) as { resultCode?: number; message?: unknown });
			} catch {
				// n8n's own refusals need not be JSON
			}
			return { kind: fuzz.kind, status: response.statusCode, resultCode, message };
		});

		const byOutcome = new Map<string, number>();
		for (const outcome of outcomes) {
			const key = `${outcome.kind} → ${outcome.resultCode !== undefined ? `resultCode ${outcome.resultCode}` : `HTTP ${outcome.status}`}`;
			byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
		}
		process.stdout.write(
			`webhook fuzz: ${outcomes.length} requests\n${[...byOutcome]
				.sort()
				.map(([key, count]) => `  ${key}: ${count}`)
				.join('\n')}\n`,
		);

		const refusedByNode = (outcome: (typeof outcomes)[number]) =>
			typeof outcome.resultCode === 'number' &&
			outcome.resultCode !== MediaGatewayResult.OK &&
			typeof outcome.message === 'string' &&
			outcome.message.length > 0;
		// n8n parses JSON bodies and reads them against its payload limit before any node runs: bad JSON is its 422,
		// and a body past the limit its 500 "There was a problem executing the workflow" (raw-body's too-large
		// error is not mapped to 413 in n8n's webhook path). README: "What n8n answers before the node runs".
		const N8N_REFUSALS: Record<string, { status: number; message: string }> = {
			'bad JSON': { status: 422, message: 'Failed to parse request body' },
			'huge body': { status: 500, message: 'There was a problem executing the workflow' },
		};
		const refusedByN8n = (outcome: (typeof outcomes)[number]) => {
			if (outcome.resultCode !== undefined) return false;
			const expected = N8N_REFUSALS[outcome.kind];
			if (expected)
				return outcome.status === expected.status && outcome.message === expected.message;
			return [404, 405, 413].includes(outcome.status);
		};
		expect(outcomes.filter((outcome) => !refusedByNode(outcome) && !refusedByN8n(outcome))).toEqual(
			[],
		);
		expect(outcomes.filter(refusedByNode).length).toBeGreaterThan(REQUESTS / 2);

		// Healthy afterwards: n8n answers, and a valid request is still served and starts its execution.
		const health = await request(`${context.n8nUrl}/healthz`);
		expect(await health.body.json()).toEqual({ status: 'ok' });
		const valid = await request(`${base}/${MediaGatewayEndpoint.WECHAT_EXIT}`, {
			method: 'POST',
			headers: { ...validHeaders(seededRandom(1)), 'content-type': 'application/json' },
			body: '{}',
		});
		expect(await valid.body.json()).toEqual({ resultCode: MediaGatewayResult.OK });
		let executions = 0;
		for (let wait = 0; wait < 50 && executions === 0; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			executions = (await n8nApi().executions(workflowId)).length;
		}
		expect(executions).toBe(1);
		await n8nApi().deactivate(workflowId);
	});
});

describe('Media Gateway Trigger under 10,000 requests from callers it must refuse', () => {
	it('refuses each with its status and resultCode, starts no execution for any, lets valid callers in meanwhile, and stays healthy', async () => {
		const triggers: Record<
			Target,
			{
				parameters: Record<string, unknown>;
				credentials: Record<string, { id: string; name: string }>;
			}
		> = {
			clientToken: {
				parameters: { authentication: 'clientToken', claimsMustMatch: ['roomId', 'userId'] },
				credentials: { mediaGatewayClientTokenApi: context.credentials.mediaGatewayClientTokenApi },
			},
			sharedSecret: {
				parameters: { authentication: 'sharedSecret' },
				credentials: {
					mediaGatewaySharedSecretApi: context.credentials.mediaGatewaySharedSecretApi,
				},
			},
			ipAllowlist: {
				parameters: {
					authentication: 'none',
					options: { ipAllowlist: '10.0.0.0/8, 2001:db8::/32' },
				},
				credentials: {},
			},
		};
		const deployed = {} as Record<Target, { base: string; workflowId: string }>;
		for (const [target, setup] of Object.entries(triggers) as Array<
			[Target, (typeof triggers)[Target]]
		>) {
			const path = uniquePath(`fuzz-${target}`);
			const workflowId = await deployWorkflow({
				name: `soak caller fuzz ${target}`,
				nodes: [
					{
						name: 'Media Gateway Trigger',
						type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
						typeVersion: 1.2,
						position: [0, 0],
						webhookId: randomUUID(),
						parameters: {
							path,
							endpoints: [MediaGatewayEndpoint.WECHAT_EXIT],
							respond: 'onReceived',
							...setup.parameters,
						},
						credentials: setup.credentials,
					},
				],
				connections: {},
			});
			const base = `${context.n8nUrl}/webhook/${path}`;
			await until(async () => {
				const probe = await request(`${base}/${MediaGatewayEndpoint.WECHAT_EXIT}`, {
					method: 'POST',
					body: '{}',
				});
				await probe.body.dump();
				return probe.statusCode === 404 ? undefined : true;
			}, `${target} served`);
			deployed[target] = { base, workflowId };
		}

		const started = Date.now();
		const outcomes = await mapInOrder(REQUESTS, 8, async (index) => {
			// Made when sent: a run takes minutes, longer than a token lives.
			const fuzz: CallerCase = callerCase(
				seededRandom(7_000_000 + index),
				index,
				Math.floor(Date.now() / 1000),
			);
			const response = await request(
				`${deployed[fuzz.target].base}/${MediaGatewayEndpoint.WECHAT_EXIT}`,
				{
					method: 'POST',
					headers: fuzz.headers,
					body: '{}',
				},
			);
			const text = await response.body.text();
			let answer: { resultCode?: unknown; message?: unknown } = {};
			try {
				answer = JSON.parse(text) as typeof answer;
			} catch {
				// judged below: every answer here must be JSON
			}
			const sent = [fuzz.headers.Token, fuzz.headers['X-Gateway-Secret']].filter(
				(value): value is string => typeof value === 'string' && value.length >= 16,
			);
			return {
				kind: fuzz.kind,
				valid: fuzz.valid,
				target: fuzz.target,
				expected: fuzz.expected,
				got: { status: response.statusCode, resultCode: answer.resultCode },
				named: fuzz.valid || (typeof answer.message === 'string' && answer.message.length > 0),
				echoed: sent.some((value) => text.includes(value)),
			};
		});
		const seconds = (Date.now() - started) / 1000;

		const byKind = new Map<string, number>();
		for (const outcome of outcomes)
			byKind.set(
				`${outcome.kind} → HTTP ${outcome.got.status} ${String(outcome.got.resultCode)}`,
				(byKind.get(
					`${outcome.kind} → HTTP ${outcome.got.status} ${String(outcome.got.resultCode)}`,
				) ?? 0) + 1,
			);
		const validCount = (target: Target) =>
			outcomes.filter((outcome) => outcome.valid && outcome.target === target).length;
		process.stdout.write(
			`caller fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s (${(outcomes.length / seconds).toFixed(0)}/s), ${outcomes.filter((outcome) => !outcome.valid).length} to refuse\n${[
				...byKind,
			]
				.sort()
				.map(([key, count]) => `  ${key}: ${count}`)
				.join('\n')}\n`,
		);

		expect(
			outcomes.filter(
				(outcome) =>
					outcome.got.status !== outcome.expected.status ||
					outcome.got.resultCode !== outcome.expected.resultCode,
			),
		).toEqual([]);
		expect(outcomes.filter((outcome) => !outcome.named || outcome.echoed)).toEqual([]);

		// Executions: exactly one per valid request, none for the refused ones.
		for (const target of ['clientToken', 'sharedSecret'] as const) {
			await until(
				async () =>
					(await n8nApi().executions(deployed[target].workflowId)).length >= validCount(target)
						? true
						: undefined,
				`${validCount(target)} executions of ${target}`,
				180_000,
				1000,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = {
			clientToken: (await n8nApi().executions(deployed.clientToken.workflowId)).length,
			sharedSecret: (await n8nApi().executions(deployed.sharedSecret.workflowId)).length,
			ipAllowlist: (await n8nApi().executions(deployed.ipAllowlist.workflowId)).length,
		};
		process.stdout.write(
			`caller fuzz executions: ${JSON.stringify(executions)} for ${validCount('clientToken')} + ${validCount('sharedSecret')} valid requests\n`,
		);
		expect(executions).toEqual({
			clientToken: validCount('clientToken'),
			sharedSecret: validCount('sharedSecret'),
			ipAllowlist: 0,
		});

		const health = await request(`${context.n8nUrl}/healthz`);
		expect(await health.body.json()).toEqual({ status: 'ok' });
		for (const { workflowId } of Object.values(deployed)) await n8nApi().deactivate(workflowId);
	});
});
