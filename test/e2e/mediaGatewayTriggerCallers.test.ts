import { generateKeyPairSync } from 'node:crypto';

import { sandboxClientToken, signJwt } from '../../sandbox/mediaGateway/clientToken';
import {
	SANDBOX_CLIENT_TOKEN,
	SANDBOX_GATEWAY_SECRET,
	SANDBOX_MEDIA_GATEWAY,
} from '../../sandbox/mediaGateway/seed';
import {
	SUBJECT,
	exitHeaders,
	postExit,
	triggerWorkflow,
	untilServed,
	type Reply,
} from '../support/mediaGatewayTrigger';
import { deployWorkflow, e2eContext, n8nApi, uniquePath } from './harness/context';

jest.setTimeout(180_000);

/**
 * Each authentication mode of the Media Gateway Trigger in a real n8n: valid callers run the workflow and
 * get its item back; every refusal is answered with its HTTP status and resultCode, and starts nothing.
 */

const context = e2eContext();
const now = () => Math.floor(Date.now() / 1000);

interface Gateway {
	base: string;
	workflowId: string;
}

async function gateway(
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }> = {},
	typeVersion = 1.2,
): Promise<Gateway> {
	const path = uniquePath('gw-callers');
	const workflowId = await deployWorkflow(
		triggerWorkflow(path, parameters, credentials, typeVersion),
	);
	const base = `${context.n8nUrl}/webhook/${path}`;
	await untilServed(base);
	return { base, workflowId };
}

const executions = async (target: Gateway) => (await n8nApi().executions(target.workflowId)).length;

/** Sends every refused request, checks each answer, then that none of them started an execution. */
async function expectRefused(
	target: Gateway,
	cases: Array<{
		label: string;
		headers: Record<string, string>;
		status: number;
		resultCode: number;
	}>,
): Promise<void> {
	const before = await executions(target);
	const answers: Array<{ label: string; status: number; resultCode: unknown }> = [];
	for (const refused of cases) {
		const reply: Reply = await postExit(target.base, refused.headers);
		answers.push({ label: refused.label, status: reply.status, resultCode: reply.body.resultCode });
		expect(reply.body.message).toEqual(expect.any(String));
		for (const secret of [refused.headers.Token, refused.headers['X-Gateway-Secret']])
			if (secret && secret.length > 8) expect(reply.text).not.toContain(secret);
	}
	expect(answers).toEqual(
		cases.map(({ label, status, resultCode }) => ({ label, status, resultCode })),
	);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executions(target)).toBe(before);
}

describe('Signed Client Token in n8n', () => {
	let target: Gateway;
	beforeAll(async () => {
		target = await gateway(
			{},
			{ mediaGatewayClientTokenApi: context.credentials.mediaGatewayClientTokenApi },
		);
	});

	it('runs for a token of the app server; the item holds the verified claims, not the token', async () => {
		const headers = exitHeaders();
		const reply = await postExit(target.base, headers);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			endpoint: 'wechat/exit',
			authentication: 'clientToken',
			roomId: 'room-1',
			claims: {
				sub: 'alice',
				roomId: 'room-1',
				appKey: SANDBOX_MEDIA_GATEWAY.appKey,
				iss: SANDBOX_CLIENT_TOKEN.issuer,
				aud: SANDBOX_CLIENT_TOKEN.audience,
			},
			request: { ip: '127.0.0.1' },
		});
		expect(reply.text).not.toContain(headers.Token);
		expect(await executions(target)).toBe(1);
	});

	it('refuses every other caller with 401 or 403 and starts nothing', async () => {
		const token = sandboxClientToken(SUBJECT);
		const [header, , signature] = token.split('.');
		const forgedPayload = Buffer.from(
			JSON.stringify({ sub: 'alice', roomId: 'room-2', appKey: SUBJECT.appKey, exp: now() + 60 }),
		).toString('base64url');
		await expectRefused(target, [
			{
				label: 'no token',
				headers: exitHeaders({ Token: undefined }),
				status: 401,
				resultCode: 40101,
			},
			{
				label: 'a VoIP token',
				headers: exitHeaders({ Token: SANDBOX_MEDIA_GATEWAY.token }),
				status: 401,
				resultCode: 40102,
			},
			{
				label: 'alg none',
				headers: exitHeaders({
					Token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forgedPayload}.`,
				}),
				status: 401,
				resultCode: 40102,
			},
			{
				label: 'HS256 with the public key as secret',
				headers: exitHeaders({
					Token: sandboxClientToken(SUBJECT, {
						key: { algorithm: 'HS256', secret: SANDBOX_CLIENT_TOKEN.es256.publicKey },
					}),
				}),
				status: 401,
				resultCode: 40102,
			},
			{
				label: 'a changed payload',
				headers: exitHeaders({ Token: `${header}.${forgedPayload}.${signature}` }),
				status: 401,
				resultCode: 40102,
			},
			{
				label: 'another issuer',
				headers: exitHeaders({
					Token: sandboxClientToken(SUBJECT, { claims: { iss: 'elsewhere' } }),
				}),
				status: 401,
				resultCode: 40102,
			},
			{
				label: 'expired',
				headers: exitHeaders({ Token: sandboxClientToken(SUBJECT, { nowSeconds: now() - 600 }) }),
				status: 401,
				resultCode: 40103,
			},
			{
				label: 'not valid yet',
				headers: exitHeaders({
					Token: sandboxClientToken(SUBJECT, { claims: { nbf: now() + 600 } }),
				}),
				status: 401,
				resultCode: 40103,
			},
			{
				label: 'for another room',
				headers: exitHeaders({ Token: sandboxClientToken({ ...SUBJECT, roomId: 'room-2' }) }),
				status: 403,
				resultCode: 40301,
			},
			{
				label: 'for another user',
				headers: exitHeaders({ Token: sandboxClientToken({ ...SUBJECT, userId: 'mallory' }) }),
				status: 403,
				resultCode: 40301,
			},
			{
				label: 'no UserId header',
				headers: exitHeaders({ UserId: undefined }),
				status: 403,
				resultCode: 40301,
			},
		]);
	});

	it.each(['HS256', 'RS256'] as const)('verifies %s with its own credential', async (algorithm) => {
		const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const credentialId = await n8nApi().createCredential({
			name: `client token ${algorithm}`,
			type: 'mediaGatewayClientTokenApi',
			data:
				algorithm === 'HS256'
					? { algorithm, secret: SANDBOX_CLIENT_TOKEN.hs256Secret, clockTolerance: 30 }
					: {
							algorithm,
							publicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
							clockTolerance: 30,
						},
		});
		expect(await n8nApi().testCredential(credentialId)).toMatchObject({ status: 'OK' });
		const target = await gateway(
			{ claimsMustMatch: ['roomId'] },
			{ mediaGatewayClientTokenApi: { id: credentialId, name: `client token ${algorithm}` } },
		);
		const claims = { roomId: 'room-1', exp: now() + 60 };
		const token =
			algorithm === 'HS256'
				? signJwt(claims, { algorithm, secret: SANDBOX_CLIENT_TOKEN.hs256Secret })
				: signJwt(claims, {
						algorithm,
						privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
					});
		const reply = await postExit(target.base, exitHeaders({ Token: token }));
		expect(reply.body).toMatchObject({ authentication: 'clientToken', claims });
		await expectRefused(target, [
			{ label: 'an ES256 token', headers: exitHeaders(), status: 401, resultCode: 40102 },
			{
				label: 'another room',
				headers: exitHeaders({
					Token: signJwt(
						{ ...claims, roomId: 'x' },
						algorithm === 'HS256'
							? { algorithm, secret: SANDBOX_CLIENT_TOKEN.hs256Secret }
							: {
									algorithm,
									privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
								},
					),
				}),
				status: 403,
				resultCode: 40301,
			},
		]);
		expect(await executions(target)).toBe(1);
	});
});

describe('Shared Secret in n8n', () => {
	it('runs with the secret and refuses without it, never echoing it', async () => {
		const target = await gateway(
			{ authentication: 'sharedSecret' },
			{ mediaGatewaySharedSecretApi: context.credentials.mediaGatewaySharedSecretApi },
		);
		const reply = await postExit(
			target.base,
			exitHeaders({
				Token: 'voip',
				[SANDBOX_GATEWAY_SECRET.headerName]: SANDBOX_GATEWAY_SECRET.secret,
			}),
		);
		expect(reply.body).toMatchObject({ authentication: 'sharedSecret' });
		expect(reply.text).not.toContain(SANDBOX_GATEWAY_SECRET.secret);
		await expectRefused(target, [
			{
				label: 'no secret',
				headers: exitHeaders({ Token: 'voip' }),
				status: 401,
				resultCode: 40101,
			},
			{
				label: 'a wrong secret',
				headers: exitHeaders({
					Token: 'voip',
					[SANDBOX_GATEWAY_SECRET.headerName]: `${SANDBOX_GATEWAY_SECRET.secret}x`,
				}),
				status: 401,
				resultCode: 40102,
			},
		]);
		expect(await executions(target)).toBe(1);
	});
});

describe('None and the IP allowlist in n8n', () => {
	it('None (chosen on 1.2, or kept by 1.1 workflows) runs for anyone', async () => {
		for (const [parameters, version] of [
			[{ authentication: 'none' }, 1.2],
			[{}, 1.1],
		] as const) {
			const target = await gateway(parameters, {}, version);
			const reply = await postExit(target.base, exitHeaders({ Token: 'anything' }));
			expect(reply.body).toMatchObject({ authentication: 'none' });
		}
	});

	it('lets the allowed address in and refuses the others, whatever X-Forwarded-For says', async () => {
		const allowed = await gateway({
			authentication: 'none',
			options: { ipAllowlist: '127.0.0.0/8, ::1' },
		});
		expect((await postExit(allowed.base, exitHeaders())).status).toBe(200);
		const refused = await gateway({
			authentication: 'none',
			options: { ipAllowlist: '10.0.0.0/8' },
		});
		await expectRefused(refused, [
			{ label: 'from 127.0.0.1', headers: exitHeaders(), status: 403, resultCode: 40302 },
			{
				label: 'claiming 10.1.2.3',
				headers: exitHeaders({ 'X-Forwarded-For': '10.1.2.3' }),
				status: 403,
				resultCode: 40302,
			},
		]);
	});
});

describe('Setups that would let nobody in', () => {
	it('fail the publish, naming the problem, and serve nothing', async () => {
		const api = n8nApi();
		const path = uniquePath('gw-bad');
		const id = await api.createWorkflow(
			triggerWorkflow(path, { authentication: 'none', options: { ipAllowlist: 'localhost' } }),
		);
		expect(await api.activationFailure(id)).toMatch(
			/IP Allowlist: localhost is not an IPv4 or IPv6 address or CIDR range/,
		);
		expect((await postExit(`${context.n8nUrl}/webhook/${path}`, exitHeaders())).status).toBe(404);
		const credentialId = await api.createCredential({
			name: 'client token too short',
			type: 'mediaGatewayClientTokenApi',
			data: { algorithm: 'HS256', secret: 'too-short', clockTolerance: 30 },
		});
		expect(await api.testCredential(credentialId)).toEqual({
			status: 'Error',
			message: 'Secret must be at least 32 bytes for HS256 (it has 9)',
		});
		const withShortSecret = await api.createWorkflow(
			triggerWorkflow(
				uniquePath('gw-short'),
				{},
				{
					mediaGatewayClientTokenApi: { id: credentialId, name: 'client token too short' },
				},
			),
		);
		expect(await api.activationFailure(withShortSecret)).toMatch(
			/Secret must be at least 32 bytes/,
		);
	});

	it('the sandbox credentials pass their tests', async () => {
		for (const type of ['mediaGatewayClientTokenApi', 'mediaGatewaySharedSecretApi'])
			expect(await n8nApi().testCredential(context.credentials[type].id)).toMatchObject({
				status: 'OK',
			});
	});
});
