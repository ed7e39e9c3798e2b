import { generateKeyPairSync } from 'node:crypto';
import { request } from 'undici';

import { MediaGatewayTrigger } from '../../../nodes/MediaGatewayTrigger/MediaGatewayTrigger.node';
import { gatewayHeaders } from '../../../nodes/shared/mediaGateway/protocol';
import { sandboxClientToken, type SigningKey } from '../../../sandbox/mediaGateway/clientToken';
import {
	SANDBOX_CLIENT_TOKEN,
	SANDBOX_CLIENT_TOKEN_CREDENTIAL,
	SANDBOX_GATEWAY_SECRET,
	SANDBOX_MEDIA_GATEWAY,
} from '../../../sandbox/mediaGateway/seed';
import { wechatExchange } from '../../../sandbox/mediaGateway/wechatClient';
import { WebhookHost } from '../../support/n8nHost/webhookHost';

/**
 * The trigger behind real sockets (IPv4 and IPv6), called by the sandbox's WeChat client with tokens of
 * the sandbox's app server: what n8n's webhook server hands the node, without n8n (the e2e tests add it).
 */

const trigger = new MediaGatewayTrigger();
const CLIENT_TOKEN = SANDBOX_CLIENT_TOKEN_CREDENTIAL;
const hosts: WebhookHost[] = [];

async function host(
	parameters: Record<string, unknown>,
	credentials: Record<string, Record<string, unknown>> = {},
	proxyHops = 0,
): Promise<WebhookHost> {
	const started = await new WebhookHost(
		{
			node: trigger,
			typeVersion: 1.2,
			parameters: { path: 'gw', endpoints: ['wechat/exchange', 'wechat/exit'], ...parameters },
			credentials: {
				mediaGatewayClientTokenApi: CLIENT_TOKEN,
				mediaGatewaySharedSecretApi: { ...SANDBOX_GATEWAY_SECRET },
				...credentials,
			} as never,
		},
		proxyHops,
	).start();
	hosts.push(started);
	return started;
}

afterAll(async () => {
	for (const started of hosts) await started.stop();
});

const exitHeaders = (extra: Record<string, string> = {}) => ({
	...gatewayHeaders('sdk', {
		appKey: SANDBOX_MEDIA_GATEWAY.appKey,
		roomId: 'room-1',
		userId: 'alice',
		token: sandboxClientToken({
			appKey: SANDBOX_MEDIA_GATEWAY.appKey,
			roomId: 'room-1',
			userId: 'alice',
		}),
		clientType: SANDBOX_MEDIA_GATEWAY.clientType,
		clientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
	}),
	'content-type': 'application/json',
	...extra,
});

async function exit(base: string, headers: Record<string, string>) {
	const response = await request(`${base}/gw/wechat/exit`, { method: 'POST', headers, body: '{}' });
	return {
		status: response.statusCode,
		answer: (await response.body.json()) as Record<string, unknown>,
	};
}

describe('Media Gateway Trigger over HTTP: Signed Client Token', () => {
	let gateway: WebhookHost;
	beforeAll(async () => {
		gateway = await host({});
	});

	it('runs for a mini-program with a token of its app server, with the claims in the item', async () => {
		const before = gateway.executions.length;
		const reply = await wechatExchange({
			gateway: `${gateway.url()}/gw`,
			roomId: 'room-1',
			userId: 'alice',
		});
		expect(reply.status).toBe(200);
		expect(reply.answer).toEqual({ resultCode: 10000 });
		expect(gateway.executions).toHaveLength(before + 1);
		expect(gateway.executions.at(-1)![0].json).toMatchObject({
			authentication: 'clientToken',
			claims: { sub: 'alice', roomId: 'room-1', iss: SANDBOX_CLIENT_TOKEN.issuer },
			request: { ip: '::ffff:127.0.0.1' },
		});
	});

	it('refuses a token for another room, an expired one and none, starting nothing', async () => {
		const before = gateway.executions.length;
		const other = sandboxClientToken({
			appKey: SANDBOX_MEDIA_GATEWAY.appKey,
			roomId: 'room-2',
			userId: 'alice',
		});
		const expired = sandboxClientToken(
			{ appKey: SANDBOX_MEDIA_GATEWAY.appKey, roomId: 'room-1', userId: 'alice' },
			{ nowSeconds: Math.floor(Date.now() / 1000) - 3600 },
		);
		const cases = [
			{ token: other, status: 403, resultCode: 40301 },
			{ token: expired, status: 401, resultCode: 40103 },
			{ token: SANDBOX_MEDIA_GATEWAY.token, status: 401, resultCode: 40102 },
		];
		for (const { token, status, resultCode } of cases) {
			const reply = await wechatExchange({
				gateway: `${gateway.url()}/gw`,
				roomId: 'room-1',
				userId: 'alice',
				token,
			});
			expect({ status: reply.status, resultCode: reply.answer?.resultCode }).toEqual({
				status,
				resultCode,
			});
			expect(reply.text).not.toContain(token);
		}
		const missing = await exit(gateway.url(), exitHeaders({ Token: '' }));
		expect(missing).toMatchObject({ status: 401, answer: { resultCode: 40101 } });
		expect(gateway.executions).toHaveLength(before);
	});

	it.each(['HS256', 'RS256'] as const)(
		'verifies %s tokens with the matching credential',
		async (algorithm) => {
			const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
			const signing: SigningKey =
				algorithm === 'HS256'
					? { algorithm, secret: SANDBOX_CLIENT_TOKEN.hs256Secret }
					: {
							algorithm,
							privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
						};
			const credential =
				algorithm === 'HS256'
					? { algorithm, secret: SANDBOX_CLIENT_TOKEN.hs256Secret }
					: {
							algorithm,
							publicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
						};
			const gatewayOf = await host({}, { mediaGatewayClientTokenApi: credential });
			const subject = { appKey: SANDBOX_MEDIA_GATEWAY.appKey, roomId: 'room-1', userId: 'alice' };
			const good = await wechatExchange({
				gateway: `${gatewayOf.url()}/gw`,
				...subject,
				token: sandboxClientToken(subject, { key: signing }),
			});
			expect(good.answer).toEqual({ resultCode: 10000 });
			const es256 = await wechatExchange({ gateway: `${gatewayOf.url()}/gw`, ...subject });
			expect(es256).toMatchObject({ status: 401, answer: { resultCode: 40102 } });
			expect(gatewayOf.executions).toHaveLength(1);
		},
	);
});

describe('Media Gateway Trigger over HTTP: Shared Secret', () => {
	it('runs with the secret in its header and refuses without it', async () => {
		const gateway = await host({ authentication: 'sharedSecret' });
		const header = SANDBOX_GATEWAY_SECRET.headerName;
		expect(
			await exit(gateway.url(), exitHeaders({ [header]: SANDBOX_GATEWAY_SECRET.secret })),
		).toEqual({
			status: 200,
			answer: { resultCode: 10000 },
		});
		expect(await exit(gateway.url(), exitHeaders())).toMatchObject({
			status: 401,
			answer: { resultCode: 40101 },
		});
		expect(await exit(gateway.url(), exitHeaders({ [header]: 'guess-guess-guess' }))).toMatchObject(
			{
				status: 401,
				answer: { resultCode: 40102 },
			},
		);
		expect(gateway.executions).toHaveLength(1);
		expect(JSON.stringify(gateway.executions)).not.toContain(SANDBOX_GATEWAY_SECRET.secret);
	});
});

describe('Media Gateway Trigger over HTTP: IP allowlist', () => {
	it.each([
		['::1', { '127.0.0.1': 403, '[::1]': 200 }],
		['127.0.0.1', { '127.0.0.1': 200, '[::1]': 403 }],
		['127.0.0.0/8, ::1/128', { '127.0.0.1': 200, '[::1]': 200 }],
		['10.0.0.0/8, 2001:db8::/32', { '127.0.0.1': 403, '[::1]': 403 }],
	] as const)(
		'%s: callers over IPv4 and IPv6 are let in or refused',
		async (ipAllowlist, expected) => {
			const gateway = await host({ options: { ipAllowlist } });
			for (const [address, status] of Object.entries(expected)) {
				const reply = await exit(gateway.url(address as '127.0.0.1'), exitHeaders());
				expect({ address, status: reply.status, resultCode: reply.answer.resultCode }).toEqual({
					address,
					status,
					resultCode: status === 200 ? 10000 : 40302,
				});
			}
			expect(gateway.executions).toHaveLength(
				Object.values(expected).filter((status) => status === 200).length,
			);
		},
	);

	it('ignores X-Forwarded-For without proxy hops: a caller cannot claim an allowed address', async () => {
		const gateway = await host({ options: { ipAllowlist: '10.0.0.0/8' } });
		expect(await exit(gateway.url(), exitHeaders({ 'X-Forwarded-For': '10.1.2.3' }))).toMatchObject(
			{
				status: 403,
				answer: { message: 'address ::ffff:127.0.0.1 is not allowed' },
			},
		);
	});

	it('with one proxy hop, uses the address the proxy appended, not what the client wrote before it', async () => {
		const gateway = await host({ options: { ipAllowlist: '10.0.0.0/8, 2001:db8::/32' } }, {}, 1);
		const via = async (forwardedFor: string) =>
			(await exit(gateway.url(), exitHeaders({ 'X-Forwarded-For': forwardedFor }))).status;
		expect(await via('10.1.2.3')).toBe(200);
		expect(await via('2001:db8::9')).toBe(200);
		expect(await via('10.1.2.3, 198.51.100.7')).toBe(403);
		expect(await via('198.51.100.7, 10.1.2.3')).toBe(200);
		expect(gateway.executions).toHaveLength(3);
	});
});
