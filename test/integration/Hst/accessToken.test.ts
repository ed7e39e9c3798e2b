import { HstPath } from '../../../nodes/shared/hst/api';
import { MAX_SENDS } from '../../../nodes/shared/hst/accessToken';
import { THIS_PROCESS_FETCHER_ID } from '../../../nodes/shared/hst/accessTokenFetch';
import { MAX_FETCHES_PER_REQUEST } from '../../../nodes/shared/hst/accessTokenRenewal';
import { accessTokenOwner } from '../../../nodes/shared/hst/credentials';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
	hst.freshCredential();
});

const listUsers = {
	resource: 'onlineUser',
	operation: 'getMany',
	appId: SANDBOX_APPS.meeting.appId,
	returnAll: true,
};

/** States of the meeting app's users: one per terminal, so more than its user count. */
let meetingStates = 0;
beforeAll(async () => {
	meetingStates = (await hst.run(listUsers)).length;
});

async function answersWithCode(code: number) {
	const requests = await hst.requestsTo(HstPath.ONLINE_USER_STATE);
	return requests.filter((request) => request.outcome.code === code).length;
}

describe('HST access token sharing', () => {
	it('fetches one token for the first call and reuses it across items and runs', async () => {
		const before = await hst.tokensIssued();
		await hst.run(listUsers, { items: 5 });
		await hst.run(listUsers, { items: 5 });
		expect((await hst.tokensIssued()) - before).toBe(1);
		const stored = hst.store.get('hstApi');
		expect(stored.accessToken).toMatch(/^[0-9a-f]{32}$/);
		// The owner is a hash of gateway, developer ID and secret: it names the secret without revealing it.
		expect(stored.accessTokenOwner).toBe(
			accessTokenOwner({
				gatewayUrl: hst.gateway.url,
				developerId: SANDBOX_DEVELOPERS.demo.developerId,
				developerSecret: SANDBOX_DEVELOPERS.demo.developerSecret,
			}),
		);
		expect(stored.accessTokenOwner).toMatch(/^[0-9a-f]{64}$/);
		expect(stored.accessTokenFetchedBy).toBe(THIS_PROCESS_FETCHER_ID);
		expect(Number(stored.accessTokenExpiresAt)).toBeGreaterThan(Date.now() + 7000 * 1000);
	});

	it('refreshes exactly once when the gateway expires the token (606000001), and retries the call', async () => {
		await hst.run(listUsers);
		const before = await hst.tokensIssued();
		await hst.control.expireTokens(SANDBOX_DEVELOPERS.demo.developerId);
		await hst.control.clearRequests();

		const items = await hst.run(listUsers, { items: 3 });
		expect(items).toHaveLength(3 * meetingStates);
		expect((await hst.tokensIssued()) - before).toBe(1);
		expect(await answersWithCode(HstStatus.ACCESS_TOKEN_EXPIRED)).toBe(1);
	});

	it('refreshes before sending when the token lifetime has passed, so the gateway never sees the old token', async () => {
		// 6 s lifetime minus the 5 s safety margin: the token counts as expired after one second.
		await hst.control.configure({ tokenLifetimeSeconds: 6 });
		await hst.run(listUsers);
		await hst.control.configure({ tokenLifetimeSeconds: 7200 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const before = await hst.tokensIssued();
		await hst.control.clearRequests();
		await hst.run(listUsers);
		expect((await hst.tokensIssued()) - before).toBe(1);
		expect(await answersWithCode(HstStatus.ACCESS_TOKEN_EXPIRED)).toBe(0);
	});

	it('50 concurrent items all answered 606000001 cause one token fetch, and all succeed', async () => {
		await hst.run(listUsers);
		const before = await hst.tokensIssued();
		await hst.control.expireTokens(SANDBOX_DEVELOPERS.demo.developerId);
		await hst.control.clearRequests();

		const items = await hst.run(
			{ ...listUsers, requestOptions: { concurrency: 32 } },
			{ items: 50 },
		);

		expect((await hst.tokensIssued()) - before).toBe(1);
		expect(items).toHaveLength(50 * meetingStates);
		expect(new Set(items.map((item) => (item.pairedItem as { item: number }).item)).size).toBe(50);
		expect(await answersWithCode(HstStatus.ACCESS_TOKEN_EXPIRED)).toBeLessThanOrEqual(32);
		expect(await answersWithCode(HstStatus.OK)).toBe(50);
	});

	it('50 concurrent executions sharing one credential cause one token fetch', async () => {
		await hst.run(listUsers);
		const before = await hst.tokensIssued();
		await hst.control.expireTokens(SANDBOX_DEVELOPERS.demo.developerId);
		const runs = await Promise.all(Array.from({ length: 50 }, () => hst.run(listUsers)));
		expect(runs.map((items) => items.length)).toEqual(Array(50).fill(meetingStates));
		expect((await hst.tokensIssued()) - before).toBe(1);
	});

	it('recovers a token replaced by another system with one refresh per request at most', async () => {
		await hst.run(listUsers);
		await hst.control.rotateToken(SANDBOX_DEVELOPERS.demo.developerId);
		await hst.control.clearRequests();
		await hst.run(listUsers, { items: 4 });
		expect(await answersWithCode(HstStatus.ACCESS_TOKEN_EXPIRED)).toBe(1);
		expect(await answersWithCode(HstStatus.OK)).toBe(4);
	});

	it('reports a token that keeps being rejected right after each refresh instead of looping: three fetches at most', async () => {
		await hst.run(listUsers);
		await hst.control.injectFault({
			path: HstPath.ONLINE_USER_STATE,
			code: HstStatus.ACCESS_TOKEN_EXPIRED,
			times: 100,
		});
		const before = await hst.tokensIssued();
		await hst.control.clearRequests();
		await expect(hst.run(listUsers)).rejects.toMatchObject({
			message: `HST ${HstStatus.ACCESS_TOKEN_EXPIRED}: Access token expired or replaced (HST keeps one valid token per developer account)`,
		});
		expect((await hst.tokensIssued()) - before).toBe(MAX_FETCHES_PER_REQUEST);
		expect((await hst.requestsTo(HstPath.ONLINE_USER_STATE)).length).toBeLessThanOrEqual(MAX_SENDS);
	});

	it('a second fetch mends a token rejected right after its refresh, once nobody stored a newer one', async () => {
		await hst.run(listUsers);
		await hst.control.injectFault({
			path: HstPath.ONLINE_USER_STATE,
			code: HstStatus.ACCESS_TOKEN_EXPIRED,
			times: 2,
		});
		const before = await hst.tokensIssued();
		expect(await hst.run(listUsers)).toHaveLength(meetingStates);
		expect((await hst.tokensIssued()) - before).toBe(2);
	});

	it('fetches a new token when the credential was edited to another account, never reusing the old one', async () => {
		await hst.run(listUsers);
		const oldToken = hst.store.get('hstApi').accessToken;
		const tenant = SANDBOX_DEVELOPERS.tenant;
		hst.store.set('hstApi', {
			...hst.store.get('hstApi'),
			developerId: tenant.developerId,
			developerSecret: tenant.developerSecret,
		});
		const before = await hst.tokensIssued(tenant);
		const items = await hst.run({ ...listUsers, appId: SANDBOX_APPS.tenantApp.appId });
		expect(items.map((item) => item.json.user_id)).toEqual(['zoe']);
		expect((await hst.tokensIssued(tenant)) - before).toBe(1);
		expect(hst.store.get('hstApi').accessToken).not.toBe(oldToken);
	});

	it('fetches a new token when the secret of the credential was edited: the stored token belongs to the old secret', async () => {
		await hst.run(listUsers);
		const stored = hst.store.get('hstApi');
		// Edited to a wrong secret, which HST refuses: the token the old secret fetched must not be used.
		hst.store.set('hstApi', { ...stored, developerSecret: 'edited-secret-16' });
		const before = await hst.tokensIssued();
		await hst.control.clearRequests();
		await expect(hst.run(listUsers)).rejects.toMatchObject({
			message: expect.stringContaining(
				`HST refused to issue an access token: ${HstStatus.AUTHENTICATION_FAILED}`,
			),
		});
		expect(await hst.requestsTo(HstPath.ONLINE_USER_STATE)).toHaveLength(0);
		expect((await hst.tokensIssued()) - before).toBe(0);
		expect(hst.store.get('hstApi').accessToken).toBe(stored.accessToken);
	});
});

describe('HST credential problems', () => {
	it('refuses a secret that is not 16 characters without calling the gateway', async () => {
		hst.freshCredential(hst.developer, { developerSecret: 'too-short' });
		await expect(hst.run(listUsers)).rejects.toMatchObject({
			message: expect.stringContaining('must be exactly 16 characters'),
		});
		expect(await hst.requestsTo(HstPath.ACCESS_TOKEN)).toHaveLength(0);
	});

	it('reports a wrong secret with the vendor code and meaning, and never the secret', async () => {
		hst.freshCredential(hst.developer, { developerSecret: 'wrong-secret-16c' });
		const failure = await hst
			.run(listUsers)
			.catch((error: Error & { description?: string }) => error);
		expect(failure).toMatchObject({
			message: expect.stringContaining(
				`HST refused to issue an access token: ${HstStatus.AUTHENTICATION_FAILED}`,
			),
		});
		expect(JSON.stringify(failure)).not.toContain('wrong-secret-16c');
		expect(String((failure as Error).message)).not.toMatch(/001[A-Za-z0-9+/]{20,}/);
	});

	it('names the gateway it could not reach, without the FspToken', async () => {
		hst.freshCredential(hst.developer, { gatewayUrl: 'http://127.0.0.1:9' });
		const failure = (await hst.run(listUsers).catch((error: Error) => error)) as Error;
		expect(failure.message).toBe(
			'Could not reach the HST gateway at http://127.0.0.1:9/access/token: connection refused',
		);
		expect(JSON.stringify(failure)).not.toContain(hst.developer.developerSecret);
		expect(JSON.stringify(failure)).not.toMatch(/001[A-Za-z0-9+/]{20,}/);
	});
});
