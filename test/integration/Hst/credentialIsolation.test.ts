import { HstPath } from '../../../nodes/shared/hst/api';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../../sandbox/hst/seed';
import { EgwFixture, MEETING, appsParameter } from '../../support/egwFixture';
import { HstFixture } from '../../support/hstFixture';

/**
 * Two `hstApi` credentials in one n8n (say, of two users) with the same developer ID, one with the
 * right secret and one with a wrong one. The developer ID is no secret (it travels in every event
 * gateway login), so the wrong one must never get the right one's token: it must fail with HST's
 * 606000000 in every order, while the right one keeps its token.
 */
const hst = new HstFixture();
const RIGHT = 'hst-right-secret';
const WRONG = 'hst-wrong-secret';
const WRONG_SECRET = 'wrong-secret-16c';
const demo = SANDBOX_DEVELOPERS.demo;

beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
	hst.freshCredential();
	hst.addCredential(RIGHT);
	hst.addCredential(WRONG, demo, { developerSecret: WRONG_SECRET });
});

const listUsers = {
	resource: 'onlineUser',
	operation: 'getMany',
	appId: SANDBOX_APPS.meeting.appId,
	returnAll: true,
};
const runAs = async (credentialId: string) => await hst.run(listUsers, { credentialId });
const outcomeOf = async (credentialId: string) =>
	await runAs(credentialId).then(
		(items) => ({ ok: true as const, items: items.length }),
		(error: Error) => ({ ok: false as const, message: error.message }),
	);

const REFUSED = `HST refused to issue an access token: ${HstStatus.AUTHENTICATION_FAILED}`;
const refusal = { ok: false, message: expect.stringContaining(REFUSED) };

/** Every business request HST received: all must carry a token the right secret fetched, and succeed. */
async function businessAnswers() {
	return (await hst.requestsTo(HstPath.ONLINE_USER_STATE)).map((request) => request.outcome.code);
}

let meetingStates = 0;
beforeAll(async () => {
	meetingStates = (await hst.run(listUsers)).length;
});

describe('a credential never uses a token fetched with another secret', () => {
	it('sequential: the right secret stores a token, then the wrong one fails with 606000000 and sends nothing', async () => {
		expect(await outcomeOf(RIGHT)).toEqual({ ok: true, items: meetingStates });
		const token = hst.store.get('hstApi', RIGHT).accessToken;
		await hst.control.clearRequests();

		expect(await outcomeOf(WRONG)).toEqual(refusal);
		expect(await businessAnswers()).toEqual([]);
		expect(hst.store.get('hstApi', WRONG).accessToken).toBe('');

		const before = await hst.tokensIssued();
		expect(await outcomeOf(RIGHT)).toEqual({ ok: true, items: meetingStates });
		expect((await hst.tokensIssued()) - before).toBe(0);
		expect(hst.store.get('hstApi', RIGHT).accessToken).toBe(token);
	});

	it('sequential, the other order: the wrong secret first changes nothing for the right one', async () => {
		expect(await outcomeOf(WRONG)).toEqual(refusal);
		expect(await outcomeOf(RIGHT)).toEqual({ ok: true, items: meetingStates });
		expect(await outcomeOf(WRONG)).toEqual(refusal);
		expect(await outcomeOf(RIGHT)).toEqual({ ok: true, items: meetingStates });
	});

	it('concurrent, token valid: 20 executions of each at once; every wrong one fails, every right one succeeds', async () => {
		await runAs(RIGHT);
		const token = hst.store.get('hstApi', RIGHT).accessToken;
		await hst.control.clearRequests();
		const outcomes = await Promise.all(
			Array.from({ length: 40 }, (_, index) => outcomeOf(index % 2 ? WRONG : RIGHT)),
		);
		expect(outcomes.filter((_, index) => index % 2)).toEqual(Array(20).fill(refusal));
		expect(outcomes.filter((_, index) => index % 2 === 0)).toEqual(
			Array(20).fill({ ok: true, items: meetingStates }),
		);
		expect(await businessAnswers()).toEqual(Array(20).fill(HstStatus.OK));
		expect(hst.store.get('hstApi', RIGHT).accessToken).toBe(token);
	});

	it('concurrent, while the right credential renews a token HST expired: the wrong one fails every time', async () => {
		await runAs(RIGHT);
		await hst.control.expireTokens(demo.developerId);
		// Every answer takes 150 ms, so the right credential's renewal is in flight while the wrong one's executions start.
		await hst.control.configure({ latencyMs: 150 });
		const before = await hst.tokensIssued();
		const right = Array.from({ length: 20 }, () => outcomeOf(RIGHT));
		await new Promise((resolve) => setTimeout(resolve, 200));
		const wrong = Array.from({ length: 20 }, () => outcomeOf(WRONG));
		const [rightOutcomes, wrongOutcomes] = await Promise.all([
			Promise.all(right),
			Promise.all(wrong),
		]);
		expect(wrongOutcomes).toEqual(Array(20).fill(refusal));
		expect(rightOutcomes).toEqual(Array(20).fill({ ok: true, items: meetingStates }));
		expect((await hst.tokensIssued()) - before).toBe(1);
	});

	it('concurrent, while the right credential fetches its first token past its lifetime: the wrong one fails every time', async () => {
		// 6 s lifetime minus the 5 s margin: one second after the fetch the stored token counts as expired.
		await hst.control.configure({ tokenLifetimeSeconds: 6 });
		await runAs(RIGHT);
		await hst.control.configure({ tokenLifetimeSeconds: 7200, latencyMs: 150 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const outcomes = await Promise.all(
			Array.from({ length: 40 }, (_, index) => outcomeOf(index % 2 ? WRONG : RIGHT)),
		);
		expect(outcomes.filter((_, index) => index % 2)).toEqual(Array(20).fill(refusal));
		expect(outcomes.filter((_, index) => index % 2 === 0)).toEqual(
			Array(20).fill({ ok: true, items: meetingStates }),
		);
	});

	it('concurrent, the wrong credential fetching first: its failure reaches all its waiters and none of the right ones', async () => {
		await hst.control.configure({ latencyMs: 150 });
		const wrong = Array.from({ length: 20 }, () => outcomeOf(WRONG));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const right = Array.from({ length: 20 }, () => outcomeOf(RIGHT));
		expect(await Promise.all(wrong)).toEqual(Array(20).fill(refusal));
		expect(await Promise.all(right)).toEqual(Array(20).fill({ ok: true, items: meetingStates }));
		// One fetch attempt per credential: the wrong one's 20 executions shared one refusal.
		const fetches = await hst.requestsTo(HstPath.ACCESS_TOKEN);
		expect(fetches.map((request) => request.outcome.code).sort()).toEqual([
			HstStatus.OK,
			HstStatus.AUTHENTICATION_FAILED,
		]);
	});

	it('two credentials with the same right secret share one renewal: each proved the secret', async () => {
		const before = await hst.tokensIssued();
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, index) => outcomeOf(index % 2 ? RIGHT : 'hstApi-id')),
		);
		expect(outcomes).toEqual(Array(20).fill({ ok: true, items: meetingStates }));
		expect((await hst.tokensIssued()) - before).toBe(1);
	});
});

describe('the HST Event Trigger obeys the same isolation', () => {
	const egw = EgwFixture.forSuite();

	it('with the wrong secret, activation fails with 606000000 though the right credential holds a token; the gateway sees no login from it', async () => {
		await egw.egwControl.reset();
		egw.freshCredential();
		egw.addCredential(WRONG, { developerSecret: WRONG_SECRET });
		const right = await egw.activate(appsParameter({ appId: MEETING }));
		const sessions = await egw.egwControl.sessions();
		expect(sessions).toHaveLength(1);

		await expect(
			egw.activate(appsParameter({ appId: MEETING }), 'trigger', 0, { credentialId: WRONG }),
		).rejects.toThrow(new RegExp(`could not start: ${REFUSED}`));
		expect(await egw.egwControl.sessions()).toEqual(sessions);
		await right.close();
	});
});
