import { Agent, setGlobalDispatcher } from 'undici';

import { EgwEvent, EgwRequest } from '../../../nodes/shared/hst/egw';
import { EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { handlesOnceSettled, openHandles } from '../../support/openHandles';

const egw = EgwFixture.forSuite();
beforeEach(async () => {
	await egw.egwControl.reset();
	egw.freshCredential();
});

const join = (userId: string) => ({
	appId: MEETING,
	id: EgwEvent.USER_JOINED as 20100,
	groupId: 'weekly-sync',
	userId,
});

describe('HST Event Trigger: the shared access token', () => {
	it('logs in with the stored token the action node uses, fetching one only when none is stored', async () => {
		const before = await egw.tokensIssued();
		const first = await egw.activate(appsParameter({ appId: MEETING }));
		await first.close();
		const second = await egw.activate(appsParameter({ appId: MEETING }));
		expect((await egw.tokensIssued()) - before).toBe(1);
		await egw.egwControl.push(join('dave'));
		await second.waitForItems(1);
	});

	it('refreshes once through the shared path when the gateway rejects the token at login', async () => {
		const before = await egw.tokensIssued();
		await egw.egwControl.fault('rejectLogin', { count: 1 });
		const run = await egw.activate(appsParameter({ appId: MEETING }));
		expect((await egw.tokensIssued()) - before).toBe(2);
		await egw.egwControl.push(join('erin'));
		expect(await run.waitForItems(1)).toEqual([expect.objectContaining({ userId: 'erin' })]);
	});
});

describe('HST Event Trigger: failures', () => {
	it('fails the activation with the reason when the credential is wrong', async () => {
		egw.freshCredential({ developerSecret: 'not-the-secret16' });
		await expect(egw.activate(appsParameter({ appId: MEETING }))).rejects.toThrow(
			/HST Event Trigger could not start: HST refused to issue an access token: 606000000/,
		);
		expect(await egw.egwControl.sessions()).toEqual([]);
	});

	it('fails the activation at once, naming the requirement, where the runtime has no WebSocket (Node 20)', async () => {
		const runtime = globalThis as { WebSocket?: unknown };
		const available = runtime.WebSocket;
		delete runtime.WebSocket;
		try {
			await expect(egw.activate(appsParameter({ appId: MEETING }))).rejects.toThrow(
				'The HST Event Trigger needs the WebSocket client built into Node.js 22 or later: run n8n 2.x, or n8n 1.x on Node.js 22 or later',
			);
		} finally {
			runtime.WebSocket = available;
		}
		expect(await egw.egwControl.sessions()).toEqual([]);
	});

	it('fails the activation for an app the gateway does not know', async () => {
		await expect(egw.activate(appsParameter({ appId: 'no-such-app' }))).rejects.toThrow(
			/could not start: The HST access server did not give an event gateway address for app no-such-app: 2 unknown app/,
		);
	});

	it('fails the activation when the access URL cannot be reached', async () => {
		egw.freshCredential({ accessUrl: 'http://127.0.0.1:9' });
		await expect(egw.activate(appsParameter({ appId: MEETING }))).rejects.toThrow(
			/HST Event Trigger could not start/,
		);
	});

	it('reports itself failed (emitError) once the reconnect budget is spent, never silently', async () => {
		// Up to 15 s below: two reconnects with backoff, on a machine that may be busy.
		const run = await egw.activate({
			...appsParameter({ appId: MEETING }),
			options: { maxReconnectAttempts: 2, maxReconnectDelay: 1 },
		});
		await egw.egwControl.fault('rejectLogin', { count: 100 });
		await egw.egwControl.fault('drop', { appId: MEETING });
		const deadline = Date.now() + 15_000;
		while (run.errors.length === 0 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 100));
		expect(run.errors).toHaveLength(1);
		expect(run.errors[0].message).toMatch(
			/gave up on app .* after 2 failed reconnects: HST event gateway refused login/,
		);
	}, 20_000);
});

describe('HST Event Trigger: stopping', () => {
	it('unsubscribes, logs out, closes, emits nothing after, and can be stopped twice', async () => {
		const run = await egw.activate(appsParameter({ appId: MEETING }));
		await run.response.closeFunction!();
		await run.response.closeFunction!();
		const frames = (await egw.egwControl.received()).map((entry) => entry.body.id);
		expect(frames.slice(-2)).toEqual([EgwRequest.UNSUBSCRIBE, EgwRequest.LOGOUT]);
		expect(await egw.egwControl.sessions()).toEqual([]);
		await egw.egwControl.push(join('frank'));
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(run.items).toEqual([]);
	});

	it('leaves no socket and no timer behind after deactivation', async () => {
		// Short keep-alive, so HTTP sockets of this test's own control calls do not count.
		setGlobalDispatcher(new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 }));
		await egw.egwControl.state(MEETING);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const before = openHandles();
		for (let cycle = 0; cycle < 5; cycle++) {
			const run = await egw.activate({
				...appsParameter({ appId: MEETING }),
				options: { heartbeatInterval: 1 },
			});
			await egw.egwControl.push(join(`user-${cycle}`));
			await run.waitForItems(1);
			await egw.deactivateAll();
		}
		expect(await handlesOnceSettled((now) => now === before)).toBe(before);
	});
});
