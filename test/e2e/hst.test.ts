import { readFileSync } from 'node:fs';

import { HstPath } from '../../nodes/shared/hst/api';
import { HstStatus } from '../../nodes/shared/hst/statusCodes';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { deployNodeWorkflow, e2eContext, n8nApi } from './harness/context';

jest.setTimeout(120_000);

const context = e2eContext();
const gateway = new HstGatewayControl(context.sandbox.hstGateway);
const demo = SANDBOX_DEVELOPERS.demo;
const classroom = SANDBOX_APPS.classroom;

type Item = Record<string, unknown>;

/** Deploys Webhook → HST node with these parameters and returns a function that runs it once. */
function hstWorkflow(
	parameters: Record<string, unknown>,
	extra: { onError?: 'continueRegularOutput' } = {},
) {
	return deployNodeWorkflow({
		type: 'n8n-nodes-rtc-paas.hst',
		parameters,
		credentialType: 'hstApi',
		...extra,
	});
}

beforeAll(async () => {
	await gateway.reset();
});

/** Waits before a token fetch that n8n logged so far. */
const waitsLogged = () =>
	(readFileSync(context.logFile, 'utf8').match(/HST access token: waiting/g) ?? []).length;

describe('HST PaaS node in n8n', () => {
	it('tests the credential through n8n: token fetched with the FspToken, success reported', async () => {
		await gateway.clearRequests();
		const result = await n8nApi().testCredential(context.credentials.hstApi.id);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const fetches = await gateway.requests(HstPath.ACCESS_TOKEN);
		expect(fetches.map((request) => request.outcome.code)).toContain(HstStatus.OK);
	});

	it('passes the credential test although another system replaced the stored token since', async () => {
		await n8nApi().testCredential(context.credentials.hstApi.id);
		await gateway.rotateToken(demo.developerId);
		await gateway.clearRequests();
		const result = await n8nApi().testCredential(context.credentials.hstApi.id);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		// The test proves the secret at the token endpoint; it never sends the stored token.
		expect(await gateway.requests(HstPath.BILLING_RECORDS)).toHaveLength(0);
	});

	it('reports a wrong developer secret in the credential test with HST code and meaning', async () => {
		const api = n8nApi();
		const id = await api.createCredential({
			name: 'HST wrong secret',
			type: 'hstApi',
			data: {
				gatewayUrl: context.sandbox.hstGateway,
				accessUrl: context.sandbox.hstGateway,
				developerId: demo.developerId,
				developerSecret: 'not-the-secret16',
			},
		});
		const result = await api.testCredential(id);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`${HstStatus.AUTHENTICATION_FAILED}`);
		expect(result.message).not.toContain('not-the-secret16');
	});

	it('app: create, update and delete', async () => {
		const create = await hstWorkflow({
			resource: 'app',
			operation: 'create',
			appName: 'endtoend_app',
			services: {
				service: [
					{ serviceId: 3, useLimit: 0 },
					{ serviceId: 4, useLimit: 120 },
				],
			},
			additionalFields: { status: 'online' },
		});
		const [created] = await create();
		expect(created).toMatchObject({
			app_name: 'endtoend_app',
			status: 'online',
			service: [
				{ service_id: 3, service_name: 'Video' },
				{ service_id: 4, service_name: 'Audio', use_limit: 120 },
			],
		});
		const appId = created.app_id as string;

		const [updated] = await (
			await hstWorkflow({
				resource: 'app',
				operation: 'update',
				appId,
				updateFields: { consumptionLimit: 99 },
			})
		)();
		expect(updated).toMatchObject({
			app_id: appId,
			consumption_limit: 99,
			app_name: 'endtoend_app',
		});

		const [deleted] = await (await hstWorkflow({ resource: 'app', operation: 'delete', appId }))();
		expect(deleted).toEqual({ app_id: appId, deleted: true });

		const sent = (await gateway.requests(HstPath.APP)).filter(
			(request) =>
				request.query.app_id === appId ||
				(request.body as Item)?.app_id === appId ||
				(request.body as Item)?.app_name === 'endtoend_app',
		);
		expect(sent.map((request) => [request.method, request.outcome.code])).toEqual([
			['POST', 0],
			['PATCH', 0],
			['DELETE', 0],
		]);
		expect(sent[1].body).toEqual({ app_id: appId, consumption_limit: 99 });
	});

	it('billing records: Return All pages through January 2026 in pages of 100', async () => {
		await gateway.clearRequests();
		const run = await hstWorkflow({
			resource: 'billingRecord',
			operation: 'getMany',
			startTime: '2026-01-01T00:00:00+08:00',
			endTime: '2026-01-31T23:59:59+08:00',
			returnAll: true,
		});
		const items = await run();
		const pages = await gateway.requests(HstPath.BILLING_RECORDS);
		expect(items.length).toBeGreaterThan(300);
		expect(pages.map((page) => page.query.page)).toEqual(
			['1', '2', '3', '4'].slice(0, Math.floor(items.length / 100) + 1),
		);
		expect(items[0]).toEqual(
			expect.objectContaining({
				app_id: expect.any(String),
				charge_term: expect.any(Number),
				charge_term_name: expect.any(String),
			}),
		);
	});

	it('online users: states with Limit, kick out, send command, invite', async () => {
		const states = await (
			await hstWorkflow({
				resource: 'onlineUser',
				operation: 'getMany',
				appId: classroom.appId,
				limit: 40,
			})
		)();
		expect(states).toHaveLength(40);
		const online = states.find((state) => state.online === true)!;
		const offline = states.find((state) => state.online === false)!;

		const [invite] = await (
			await hstWorkflow({
				resource: 'onlineUser',
				operation: 'invite',
				appId: classroom.appId,
				groupId: 'room-e2e',
				userIds: `${online.user_id},${offline.user_id}`,
			})
		)();
		expect(invite).toMatchObject({
			invited_user_ids: [online.user_id],
			failed_user_ids: [offline.user_id],
			all_reached: false,
		});
		expect(
			(await gateway.invites()).find((received) => received.groupId === 'room-e2e'),
		).toMatchObject({
			userIds: [online.user_id, offline.user_id],
		});

		const delivered = await (
			await hstWorkflow({
				resource: 'onlineUser',
				operation: 'sendCommand',
				appId: classroom.appId,
				terminals: {
					terminal: [
						{
							userId: online.user_id,
							mutexType: online.mutex_type,
							clientGuid: online.terminal_seq_num,
						},
					],
				},
				message: '{"action":"raise-hand"}',
			})
		)();
		expect(delivered).toEqual([
			expect.objectContaining({ user_id: online.user_id, result: 0, delivered: true }),
		]);

		const [kicked] = await (
			await hstWorkflow({
				resource: 'onlineUser',
				operation: 'kickOut',
				appId: classroom.appId,
				userId: online.user_id,
			})
		)();
		expect(kicked).toMatchObject({ user_id: online.user_id, kicked_out: true });
		const kick = (await gateway.requests(HstPath.KICK_OUT)).at(-1);
		expect(kick?.body).toEqual({ app_id: classroom.appId, user_id: online.user_id });
	});

	it('continue on fail: the vendor error becomes an item with code, meaning and HST message', async () => {
		const items = await (
			await hstWorkflow(
				{ resource: 'app', operation: 'delete', appId: 'missing-app' },
				{ onError: 'continueRegularOutput' },
			)
		)();
		expect(items).toEqual([
			{
				error: `HST ${HstStatus.BAD_PARAMETER}: A parameter is invalid`,
				description: `HST says "bad parameter app_id: no app missing-app in this developer account" (DELETE ${HstPath.APP})`,
			},
		]);
	});

	it('a forced expiry mid-run costs one token fetch for 30 concurrent executions, all succeeding', async () => {
		const run = await hstWorkflow({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: SANDBOX_APPS.meeting.appId,
			returnAll: true,
		});
		const expected = (await run()).length;
		await gateway.expireTokens(demo.developerId);
		const before = await gateway.tokensIssued(demo.developerId);
		const waitsBefore = waitsLogged();
		const runs = await Promise.all(Array.from({ length: 30 }, () => run()));
		expect(runs.map((items) => items.length)).toEqual(Array(30).fill(expected));
		expect((await gateway.tokensIssued(demo.developerId)) - before).toBe(1);
		// One n8n process finds only its own fetches in the credential: it never waits before fetching.
		expect(waitsLogged()).toBe(waitsBefore);
	});

	it('a token replaced by another system is recovered with one refresh, and reused afterwards', async () => {
		const run = await hstWorkflow({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: SANDBOX_APPS.meeting.appId,
			limit: 2,
		});
		await run();
		await gateway.rotateToken(demo.developerId);
		const before = await gateway.tokensIssued(demo.developerId);
		await run();
		await run();
		await run();
		expect((await gateway.tokensIssued(demo.developerId)) - before).toBe(1);
	});
});
