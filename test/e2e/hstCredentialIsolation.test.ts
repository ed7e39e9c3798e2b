import { HstPath } from '../../nodes/shared/hst/api';
import { HstStatus } from '../../nodes/shared/hst/statusCodes';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { callWebhook, e2eContext, n8nApi, uniquePath, webhookWorkflow } from './harness/context';
import type { N8nApi } from './harness/n8nApi';
import { createMember } from './harness/n8nUsers';

/**
 * Two users of one n8n, each with their own HST credential and published workflow (Webhook → HST
 * Online User → Get Many): the owner's credential has the right developer secret, the member's has
 * the same developer ID (no secret: it travels in every event gateway login) and a wrong secret.
 * Whatever the order, the member's executions must fail with HST's 606000000 and never see the
 * account's users, while the owner's keep working with their token.
 */
jest.setTimeout(180_000);

const context = e2eContext();
const gateway = new HstGatewayControl(context.sandbox.hstGateway);
const demo = SANDBOX_DEVELOPERS.demo;
const REFUSED = `HST refused to issue an access token: ${HstStatus.AUTHENTICATION_FAILED}`;

interface Deployed {
	api: N8nApi;
	workflowId: string;
	path: string;
}

async function deployListUsers(api: N8nApi, label: string, developerSecret: string) {
	const credential = {
		name: `HST ${label}`,
		type: 'hstApi',
		data: {
			gatewayUrl: context.sandbox.hstGateway,
			accessUrl: context.sandbox.hstGateway,
			developerId: demo.developerId,
			developerSecret,
		},
	};
	const credentialId = await api.createCredential(credential);
	const path = uniquePath(`isolation-${label}`);
	const workflowId = await api.createWorkflow(
		webhookWorkflow(`isolation ${label}`, path, {
			type: 'n8n-nodes-rtc-paas.hst',
			typeVersion: 1,
			parameters: {
				resource: 'onlineUser',
				operation: 'getMany',
				appId: SANDBOX_APPS.meeting.appId,
				returnAll: true,
			},
			credentials: { hstApi: { id: credentialId, name: credential.name } },
		}),
	);
	await api.activate(workflowId);
	return { api, workflowId, path };
}

let right: Deployed;
let wrong: Deployed;
let meetingStates = 0;

beforeAll(async () => {
	await gateway.reset();
	const member = await createMember(n8nApi(), {
		email: `member-${Date.now()}@sandbox.local`,
		firstName: 'Second',
		lastName: 'User',
		password: 'Member-Password-1',
	});
	right = await deployListUsers(n8nApi(), 'owner right secret', demo.developerSecret);
	wrong = await deployListUsers(member.api, 'member wrong secret', 'wrong-secret-16c');
	const first = await callWebhook(right.path);
	expect(first.status).toBe(200);
	meetingStates = (first.json as unknown[]).length;
	expect(meetingStates).toBeGreaterThan(0);
});

afterAll(async () => {
	await gateway.configure({ latencyMs: 0, tokenLifetimeSeconds: 7200 });
});

/** Calls a workflow's webhook `count` times at once; answers are 200 with the users, or n8n's error. */
async function call(deployed: Deployed, count: number) {
	return await Promise.all(
		Array.from({ length: count }, async () => {
			const answer = await callWebhook(deployed.path);
			return answer.status === 200 ? (answer.json as unknown[]).length : answer.status;
		}),
	);
}

/** The errors of the last `count` executions of a workflow, as its own user sees them. */
async function lastErrors(deployed: Deployed, count: number) {
	const executions = await deployed.api.executions(deployed.workflowId, {
		includeData: true,
		limit: count,
	});
	return executions.map((execution) => ({
		status: execution.status,
		error: execution.data?.resultData.error?.message ?? '',
		ms: new Date(execution.stoppedAt ?? 0).getTime() - new Date(execution.startedAt ?? 0).getTime(),
	}));
}

const refusedExecution = { status: 'error', error: expect.stringContaining(REFUSED) };

describe('two users, two HST credentials with the same developer ID, one with a wrong secret', () => {
	it('sequential: the wrong one fails with 606000000 after the right one ran, and before it', async () => {
		await gateway.clearRequests();
		expect(await call(wrong, 1)).toEqual([500]);
		expect(await call(right, 1)).toEqual([meetingStates]);
		expect(await call(wrong, 1)).toEqual([500]);
		expect(await call(right, 1)).toEqual([meetingStates]);
		expect(await lastErrors(wrong, 2)).toEqual([
			expect.objectContaining(refusedExecution),
			expect.objectContaining(refusedExecution),
		]);
		// Every business request HST received came from the right credential's two executions.
		const answers = await gateway.requests(HstPath.ONLINE_USER_STATE);
		expect(answers.map((request) => request.outcome.code)).toEqual([HstStatus.OK, HstStatus.OK]);
	});

	it('concurrent, while the right one renews a token HST expired: every wrong execution fails, every right one succeeds, one fetch', async () => {
		await gateway.expireTokens(demo.developerId);
		// Each HST answer takes 300 ms: the right credential's renewal is in flight when the wrong executions start.
		await gateway.configure({ latencyMs: 300 });
		const before = await gateway.tokensIssued(demo.developerId);
		await gateway.clearRequests();
		const rightCalls = call(right, 10);
		await new Promise((resolve) => setTimeout(resolve, 400));
		const wrongCalls = call(wrong, 10);
		expect(await rightCalls).toEqual(Array(10).fill(meetingStates));
		expect(await wrongCalls).toEqual(Array(10).fill(500));
		const wrongExecutions = await lastErrors(wrong, 10);
		expect(wrongExecutions).toEqual(Array(10).fill(expect.objectContaining(refusedExecution)));
		expect((await gateway.tokensIssued(demo.developerId)) - before).toBe(1);
		const answers = await gateway.requests(HstPath.ONLINE_USER_STATE);
		expect(answers.filter((request) => request.outcome.code === HstStatus.OK)).toHaveLength(10);
		process.stdout.write(
			`[isolation] wrong-secret executions lasted ${Math.min(...wrongExecutions.map((e) => e.ms))}-${Math.max(...wrongExecutions.map((e) => e.ms))} ms (HST answers in 300 ms)\n`,
		);
	});

	it('concurrent, the wrong one first while the right one fetches past its lifetime: still isolated', async () => {
		// 6 s lifetime minus the 5 s margin: a second after its fetch the stored token counts as expired.
		await gateway.configure({ latencyMs: 0, tokenLifetimeSeconds: 6 });
		await gateway.expireTokens(demo.developerId);
		expect(await call(right, 1)).toEqual([meetingStates]);
		await gateway.configure({ latencyMs: 200, tokenLifetimeSeconds: 7200 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const wrongCalls = call(wrong, 10);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const rightCalls = call(right, 10);
		expect(await wrongCalls).toEqual(Array(10).fill(500));
		expect(await rightCalls).toEqual(Array(10).fill(meetingStates));
		expect(await lastErrors(wrong, 10)).toEqual(
			Array(10).fill(expect.objectContaining(refusedExecution)),
		);
	});
});
