import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { MediaGatewayTrigger } from '../../../nodes/MediaGatewayTrigger/MediaGatewayTrigger.node';
import { gatewayHeaders } from '../../../nodes/shared/mediaGateway/protocol';
import {
	SANDBOX_SIGNING_KEY,
	sandboxClientToken,
	signJwt,
} from '../../../sandbox/mediaGateway/clientToken';
import {
	SANDBOX_CLIENT_TOKEN,
	SANDBOX_CLIENT_TOKEN_CREDENTIAL as CLIENT_TOKEN_CREDENTIAL,
	SANDBOX_GATEWAY_SECRET,
} from '../../../sandbox/mediaGateway/seed';
import { runWebhook, type WebhookRequest } from '../../support/n8nHost/webhookContext';

/** Every way a caller is refused, through the node's webhook() with n8n's parameter rules (versions, defaults). */

const trigger = new MediaGatewayTrigger();
const SHARED_SECRET_CREDENTIAL = { ...SANDBOX_GATEWAY_SECRET };
const subject = { appKey: 'app-1', roomId: 'room-1', userId: 'alice' };
const headersFor = (token: string, overrides: Record<string, string> = {}) => {
	const headers = {
		...gatewayHeaders('sdk', {
			appKey: subject.appKey,
			roomId: subject.roomId,
			userId: subject.userId,
			token,
			clientType: 'WeChat',
			clientVersion: '1',
		}),
		...overrides,
	};
	return Object.fromEntries(
		Object.entries(headers)
			.filter(([, value]) => value !== '')
			.map(([name, value]) => [name.toLowerCase(), value]),
	);
};
const exchange = (headers: Record<string, string>, extra: Partial<WebhookRequest> = {}) => ({
	path: '/webhook/gw/wechat/exchange',
	method: 'POST',
	headers,
	body: { rtmp: { audio: true } },
	ip: '127.0.0.1',
	...extra,
});

async function call(
	request: WebhookRequest,
	parameters: Record<string, unknown> = {},
	typeVersion = 1.2,
) {
	return await runWebhook(
		{
			node: trigger,
			typeVersion,
			parameters: { path: 'gw', ...parameters },
			credentials: {
				mediaGatewayClientTokenApi: CLIENT_TOKEN_CREDENTIAL,
				mediaGatewaySharedSecretApi: SHARED_SECRET_CREDENTIAL,
			},
		},
		request,
	);
}

async function refusal(request: WebhookRequest, parameters: Record<string, unknown> = {}) {
	const { result, written } = await call(request, parameters);
	expect(result).toEqual({ noWebhookResponse: true });
	return {
		status: written.status,
		challenge: written.headers['www-authenticate'],
		...(JSON.parse(written.body ?? '{}') as { resultCode: number; message: string }),
	};
}

const validToken = () => sandboxClientToken(subject);

describe('Media Gateway Trigger: versions and defaults', () => {
	it('1.2 asks new nodes for a Signed Client Token; workflows of 1 and 1.1 keep no authentication', async () => {
		const unsigned = exchange(headersFor('voip-token'));
		for (const version of [1, 1.1]) {
			const { result } = await call(unsigned, {}, version);
			expect(result.workflowData?.[0][0].json.authentication).toBe('none');
		}
		expect(await refusal(unsigned)).toMatchObject({ status: 401, resultCode: 40102 });
	});

	it('starts the workflow for a valid token, with the verified claims and without the token', async () => {
		const token = validToken();
		const { result, written } = await call(exchange(headersFor(token)));
		expect(written.status).toBeUndefined();
		expect(result.webhookResponse).toEqual({ resultCode: 10000 });
		const item = result.workflowData![0][0].json;
		expect(item).toMatchObject({
			authentication: 'clientToken',
			roomId: 'room-1',
			claims: { sub: 'alice', roomId: 'room-1', appKey: 'app-1', iss: 'sandbox-app-server' },
			request: { ip: '127.0.0.1' },
		});
		expect(JSON.stringify(item)).not.toContain(token);
	});

	it('passes the token on only when asked', async () => {
		const token = validToken();
		const { result } = await call(exchange(headersFor(token)), { options: { passToken: true } });
		expect(result.workflowData![0][0].json.token).toBe(token);
	});
});

describe('Media Gateway Trigger: Signed Client Token refusals', () => {
	const now = Math.floor(Date.now() / 1000);
	it.each([
		[
			'no Token header',
			headersFor(''),
			401,
			40101,
			'header Token is missing: send the client token your server issued',
		],
		[
			'a VoIP token that is no JWT',
			headersFor('sandbox-voip-token'),
			401,
			40102,
			'the token is not a JWT (three parts)',
		],
		[
			'alg none',
			headersFor(
				`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...subject, sub: 'alice', exp: now + 60 })).toString('base64url')}.`,
			),
			401,
			40102,
			'unsigned tokens (alg none) are not accepted',
		],
		[
			'HS256 signed with the public key (algorithm confusion)',
			headersFor(
				sandboxClientToken(subject, {
					key: { algorithm: 'HS256', secret: SANDBOX_CLIENT_TOKEN.es256.publicKey },
				}),
			),
			401,
			40102,
			'the token is signed with HS256; this gateway accepts ES256 only',
		],
		[
			'a tampered room',
			headersFor(
				((token) => {
					const [h, , s] = token.split('.');
					return `${h}.${Buffer.from(JSON.stringify({ sub: 'alice', roomId: 'room-9', appKey: 'app-1', exp: now + 60, iss: 'sandbox-app-server', aud: 'media-gateway' })).toString('base64url')}.${s}`;
				})(validToken()),
			),
			401,
			40102,
			'the token signature does not verify',
		],
		[
			'another issuer',
			headersFor(sandboxClientToken(subject, { claims: { iss: 'someone-else' } })),
			401,
			40102,
			'the token was issued by another issuer (iss)',
		],
		[
			'another audience',
			headersFor(sandboxClientToken(subject, { claims: { aud: 'billing' } })),
			401,
			40102,
			'the token is meant for another audience (aud)',
		],
		[
			'an expired token',
			headersFor(sandboxClientToken(subject, { nowSeconds: now - 400 })),
			401,
			40103,
			expect.stringMatching(/^the token expired \d+ s ago$/),
		],
		[
			'a token not valid yet',
			headersFor(sandboxClientToken(subject, { claims: { nbf: now + 600 } })),
			401,
			40103,
			expect.stringMatching(/^the token is not valid for another \d+ s$/),
		],
		[
			'a token for another room',
			headersFor(sandboxClientToken({ ...subject, roomId: 'room-2' })),
			403,
			40301,
			'the token was issued for another RoomId (claim roomId)',
		],
		[
			'a token for another user',
			headersFor(sandboxClientToken({ ...subject, userId: 'mallory' })),
			403,
			40301,
			'the token was issued for another UserId (claim sub)',
		],
		[
			'no UserId header while the token must name the user',
			headersFor(validToken(), { UserId: '' }),
			403,
			40301,
			'header UserId is missing, and this gateway requires it to match the token',
		],
		[
			'a token without the room claim',
			headersFor(
				signJwt(
					{ sub: 'alice', iss: 'sandbox-app-server', aud: 'media-gateway', exp: now + 60 },
					SANDBOX_SIGNING_KEY,
				),
			),
			403,
			40301,
			'the token has no roomId claim, and this gateway requires it to name the RoomId',
		],
	])('refuses %s (HTTP %i, resultCode %i)', async (_, headers, status, resultCode, message) => {
		const answer = await refusal(exchange(headers));
		expect(answer).toEqual({
			status,
			challenge: status === 401 ? 'Token realm="media-gateway"' : undefined,
			resultCode,
			message,
		});
	});

	it('binds the App-Key when asked, and only the claims chosen', async () => {
		const otherApp = exchange(headersFor(sandboxClientToken({ ...subject, appKey: 'app-2' })));
		expect((await call(otherApp)).result.workflowData).toBeDefined();
		expect(await refusal(otherApp, { claimsMustMatch: ['appKey', 'roomId'] })).toMatchObject({
			status: 403,
			message: 'the token was issued for another App-Key (claim appKey)',
		});
		const anyRoom = exchange(headersFor(sandboxClientToken({ ...subject, roomId: 'room-2' })));
		expect((await call(anyRoom, { claimsMustMatch: [] })).result.workflowData).toBeDefined();
	});

	it('reads the claims named in the options', async () => {
		const token = signJwt(
			{
				uid: 'alice',
				room: 'room-1',
				iss: 'sandbox-app-server',
				aud: 'media-gateway',
				exp: Math.floor(Date.now() / 1000) + 60,
			},
			SANDBOX_SIGNING_KEY,
		);
		const parameters = { options: { roomIdClaim: 'room', userIdClaim: 'uid' } };
		expect((await call(exchange(headersFor(token)), parameters)).result.workflowData).toBeDefined();
		expect(await refusal(exchange(headersFor(token)))).toMatchObject({ resultCode: 40301 });
	});

	it('authenticates before it looks at the request: an unauthenticated caller learns nothing about it', async () => {
		const answer = await refusal({ ...exchange({}), body: 'not json' });
		expect(answer).toMatchObject({ status: 401, resultCode: 40101 });
		const wrongEndpoint = await refusal(exchange(headersFor('x')), { endpoints: ['rtmp/exit'] });
		expect(wrongEndpoint).toMatchObject({ status: 401, resultCode: 40102 });
	});

	it('answers monitor/state itself without a token, but asks for one when it starts the workflow', async () => {
		const monitor = {
			path: '/webhook/gw/monitor/state',
			method: 'GET',
			headers: {},
			ip: '127.0.0.1',
		};
		expect((await call(monitor)).result).toEqual({ webhookResponse: { resultCode: 10000 } });
		expect(await refusal(monitor, { endpoints: ['monitor/state'] })).toMatchObject({
			resultCode: 40101,
		});
	});
});

describe('Media Gateway Trigger: Shared Secret', () => {
	const parameters = { authentication: 'sharedSecret' };
	const withSecret = (secret?: string) =>
		exchange({
			...headersFor('voip-token'),
			...(secret === undefined ? {} : { 'x-gateway-secret': secret }),
		});

	it('starts the workflow with the right secret and never passes it on', async () => {
		const { result } = await call(withSecret(SANDBOX_GATEWAY_SECRET.secret), parameters);
		const item = result.workflowData![0][0].json;
		expect(item.authentication).toBe('sharedSecret');
		expect(JSON.stringify(item)).not.toContain(SANDBOX_GATEWAY_SECRET.secret);
		expect((item.request as { headers: Record<string, string> }).headers['x-gateway-secret']).toBe(
			'[redacted]',
		);
	});

	it.each([
		['no secret header', undefined, 40101, 'header x-gateway-secret is missing'],
		['an empty secret', '', 40101, 'header x-gateway-secret is missing'],
		['a wrong secret', 'wrong', 40102, 'the secret in header x-gateway-secret is wrong'],
		[
			'a prefix of the secret',
			SANDBOX_GATEWAY_SECRET.secret.slice(0, -1),
			40102,
			'the secret in header x-gateway-secret is wrong',
		],
		[
			'the secret in another case',
			SANDBOX_GATEWAY_SECRET.secret.toUpperCase(),
			40102,
			'the secret in header x-gateway-secret is wrong',
		],
	])('refuses %s with HTTP 401', async (_, secret, resultCode, message) => {
		const answer = await refusal(withSecret(secret), parameters);
		expect(answer).toEqual({
			status: 401,
			challenge: 'Secret realm="media-gateway"',
			resultCode,
			message,
		});
		expect(JSON.stringify(answer)).not.toContain(SANDBOX_GATEWAY_SECRET.secret);
	});
});

describe('Media Gateway Trigger: IP allowlist', () => {
	const allow = (ipAllowlist: string) => ({ authentication: 'none', options: { ipAllowlist } });

	it.each([
		['127.0.0.1', '127.0.0.0/8'],
		['::ffff:127.0.0.1', '127.0.0.1'],
		['::1', '::1, 10.0.0.0/8'],
		['2001:db8::7', '2001:db8::/32'],
	])('lets %s in through %s', async (ip, list) => {
		const { result } = await call(exchange(headersFor('t'), { ip }), allow(list));
		expect(result.workflowData![0][0].json.request).toMatchObject({ ip });
	});

	it.each([
		['10.0.0.1', '127.0.0.1', 'address 10.0.0.1 is not allowed'],
		['::1', '127.0.0.1', 'address ::1 is not allowed'],
		[undefined, '127.0.0.1', "the caller's address is not allowed"],
		['<b>forged</b>', '127.0.0.1', "the caller's address is not allowed"],
	])(
		'refuses %s with HTTP 403, before anything else, monitor/state included',
		async (ip, list, message) => {
			for (const request of [
				exchange({}, { ip }),
				{ path: '/webhook/gw/monitor/state', method: 'GET', headers: {}, ip },
			]) {
				expect(await refusal(request, allow(list))).toEqual({
					status: 403,
					challenge: undefined,
					resultCode: 40302,
					message,
				});
			}
		},
	);
});

describe('Media Gateway Trigger: a setup that lets nobody in', () => {
	it.each([
		[
			{ options: { ipAllowlist: '10.0.0.0/33' } },
			{},
			'IP Allowlist: 10.0.0.0/33 is not an IPv4 or IPv6 address or CIDR range',
		],
		[
			{},
			{ mediaGatewayClientTokenApi: { algorithm: 'HS256', secret: 'short' } },
			'Secret must be at least 32 bytes for HS256 (it has 5)',
		],
		[
			{ authentication: 'sharedSecret' },
			{ mediaGatewaySharedSecretApi: undefined },
			'Select a Media Gateway Shared Secret credential',
		],
	])(
		'answers HTTP 500 without details and logs them (%j)',
		async (parameters, credentials, problem) => {
			const logs: Array<{ level: string; message: string }> = [];
			const { result, written } = await runWebhook(
				{
					node: trigger,
					typeVersion: 1.2,
					parameters: { path: 'gw', ...parameters },
					credentials: {
						mediaGatewayClientTokenApi: CLIENT_TOKEN_CREDENTIAL,
						mediaGatewaySharedSecretApi: SHARED_SECRET_CREDENTIAL,
						...credentials,
					} as never,
					logs,
				},
				exchange(headersFor(validToken())),
			);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(written.status).toBe(500);
			expect(JSON.parse(written.body!)).toEqual({
				resultCode: 50000,
				message:
					"the gateway's caller checks are not set up; its owner finds the reason in n8n's log",
			});
			expect(logs).toContainEqual(
				expect.objectContaining({
					level: 'error',
					message: `Media Gateway Trigger refused a request: ${problem}`,
				}),
			);
		},
	);

	it('fails the activation, naming the problem', async () => {
		const hook = (parameters: Record<string, unknown>, credentials: Record<string, unknown>) =>
			({
				getNode: () => ({ name: 'Media Gateway Trigger' }),
				getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
				getCredentials: async (type: string) => {
					if (!credentials[type]) throw new Error('no credential');
					return credentials[type];
				},
			}) as unknown as IHookFunctions;
		const create = trigger.webhookMethods.default.create;
		const missing = await create
			.call(hook({ authentication: 'clientToken', claimsMustMatch: [] }, {}))
			.catch((error: unknown) => error);
		expect(missing).toBeInstanceOf(NodeOperationError);
		expect(missing).toMatchObject({
			message: 'Select a Media Gateway Client Token credential',
			description: 'The Media Gateway Trigger would refuse every request with this setup',
		});
		await expect(
			create.call(hook({ authentication: 'none', options: { ipAllowlist: 'localhost' } }, {})),
		).rejects.toThrow('IP Allowlist: localhost is not an IPv4 or IPv6 address or CIDR range');
		await expect(
			create.call(
				hook(
					{ authentication: 'clientToken', claimsMustMatch: [] },
					{ mediaGatewayClientTokenApi: CLIENT_TOKEN_CREDENTIAL },
				),
			),
		).resolves.toBe(true);
		expect(await trigger.webhookMethods.default.checkExists.call({} as IHookFunctions)).toBe(false);
	});
});

describe('Media Gateway Trigger: credential tests', () => {
	const test = (name: keyof typeof trigger.methods.credentialTest, data: Record<string, unknown>) =>
		trigger.methods.credentialTest[name].call(
			{} as never,
			{ id: '1', name: 'c', type: 't', data } as never,
		);

	it('checks the key material locally', async () => {
		expect(await test('mediaGatewayClientTokenKeyCheck', CLIENT_TOKEN_CREDENTIAL)).toEqual({
			status: 'OK',
			message: 'The key verifies ES256 tokens; iss and aud are checked too',
		});
		expect(
			await test('mediaGatewayClientTokenKeyCheck', {
				algorithm: 'RS256',
				publicKey: SANDBOX_CLIENT_TOKEN.es256.publicKey,
			}),
		).toEqual({
			status: 'Error',
			message: 'RS256 needs an RSA public key; this one is ec',
		});
		expect(await test('mediaGatewaySharedSecretCheck', SHARED_SECRET_CREDENTIAL)).toEqual({
			status: 'OK',
			message: 'Callers send the secret in header x-gateway-secret',
		});
		expect(
			await test('mediaGatewaySharedSecretCheck', { headerName: 'X-S', secret: 'short' }),
		).toEqual({
			status: 'Error',
			message: 'Secret must be at least 16 characters (it has 5)',
		});
	});
});
