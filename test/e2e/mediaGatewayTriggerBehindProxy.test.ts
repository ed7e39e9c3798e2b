import { request } from 'undici';

import { startN8n, type N8nInstance } from './harness/n8nInstance';
import { N8N_LTS, N8N_PRIMARY, ensureN8nRuntime } from './harness/n8nRuntime';
import { e2eContext } from './harness/context';
import {
	exitHeaders,
	postExit,
	triggerWorkflow,
	untilServed,
} from '../support/mediaGatewayTrigger';

jest.setTimeout(300_000);

/**
 * The IP allowlist under n8n's own proxy setting: an n8n of its own with N8N_PROXY_HOPS=1 (one reverse proxy
 * in front, which appends the client's address to X-Forwarded-For), listening on IPv4 and IPv6.
 */

const context = e2eContext();
let n8n: N8nInstance;

beforeAll(async () => {
	const runtime = await ensureN8nRuntime(context.line === 'lts' ? N8N_LTS : N8N_PRIMARY);
	n8n = await startN8n({
		runtime,
		packageTarball: context.packageTarball,
		env: { N8N_PROXY_HOPS: '1', N8N_LISTEN_ADDRESS: '::' },
	});
});

afterAll(async () => {
	await n8n?.stop();
});

async function deploy(name: string, ipAllowlist: string): Promise<{ base: string; id: string }> {
	const id = await n8n.api.createWorkflow(
		triggerWorkflow(name, { authentication: 'none', options: { ipAllowlist } }),
	);
	await n8n.api.activate(id);
	const base = `${n8n.url}/webhook/${name}`;
	await untilServed(base);
	return { base, id };
}

describe('Media Gateway Trigger behind one proxy hop (N8N_PROXY_HOPS=1)', () => {
	it('judges the address the proxy appended, never the ones a client wrote before it', async () => {
		const gateway = await deploy('behind-proxy', '10.0.0.0/8, 2001:db8::/32');
		const via = async (forwardedFor?: string) => {
			const reply = await postExit(
				gateway.base,
				exitHeaders(forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor }),
			);
			return {
				status: reply.status,
				resultCode: reply.body.resultCode,
				ip: (reply.body.request as { ip?: string } | undefined)?.ip,
			};
		};
		expect(await via('10.1.2.3')).toEqual({ status: 200, resultCode: undefined, ip: '10.1.2.3' });
		expect(await via('2001:db8::9')).toEqual({
			status: 200,
			resultCode: undefined,
			ip: '2001:db8::9',
		});
		expect(await via('198.51.100.7, 10.1.2.3')).toMatchObject({ status: 200, ip: '10.1.2.3' });
		// The client claims 10.1.2.3; the proxy appends where the request really came from.
		expect(await via('10.1.2.3, 198.51.100.7')).toEqual({
			status: 403,
			resultCode: 40302,
			ip: undefined,
		});
		// Around the proxy: the socket's own address is the client's.
		expect(await via()).toEqual({ status: 403, resultCode: 40302, ip: undefined });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n.api.executions(gateway.id)).toHaveLength(3);
	});

	it('tells IPv4 and IPv6 callers apart on a dual-stack n8n', async () => {
		const gateway = await deploy('ipv6-only', '::1');
		const over = async (host: string) => {
			const response = await request(`http://${host}:${n8n.port}/webhook/ipv6-only/wechat/exit`, {
				method: 'POST',
				headers: exitHeaders(),
				body: '{}',
			});
			return {
				status: response.statusCode,
				body: (await response.body.json()) as Record<string, unknown>,
			};
		};
		expect(await over('[::1]')).toMatchObject({ status: 200, body: { request: { ip: '::1' } } });
		expect(await over('127.0.0.1')).toEqual({
			status: 403,
			body: { resultCode: 40302, message: 'address ::ffff:127.0.0.1 is not allowed' },
		});
		expect(await n8n.api.executions(gateway.id)).toHaveLength(1);
	});
});
