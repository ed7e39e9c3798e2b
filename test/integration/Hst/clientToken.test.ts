import { SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { verifyFspToken } from '../../../sandbox/hst/fspTokenVerifier';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(() => hst.freshCredential());

const classroom = SANDBOX_APPS.classroom;

function claimsOf(token: string) {
	const verdict = verifyFspToken(token, classroom.appSecret, {
		appId: classroom.appId,
		now: Date.now(),
		maxSkewMs: 60_000,
	});
	if (!verdict.ok) throw new Error(`token refused: ${verdict.reason}`);
	return verdict.claims;
}

describe('client token', () => {
	it('signs a login token for one user and group with the app secret, expiring when asked', async () => {
		const before = Math.floor(Date.now() / 1000);
		const [item] = await hst.run({
			resource: 'clientToken',
			operation: 'create',
			userId: 'student007',
			groupId: 'room-101',
			options: { expiresIn: 900 },
		});
		expect(item.json).toMatchObject({
			app_id: classroom.appId,
			group_id: 'room-101',
			user_id: 'student007',
			token: expect.stringMatching(/^001[A-Za-z0-9+/]+=*$/),
		});
		const claims = claimsOf(item.json.token as string);
		expect(claims).toMatchObject({ aid: classroom.appId, gid: 'room-101', uid: 'student007' });
		expect(claims.et).toBe(item.json.expires_at_unix);
		expect(claims.et! - before).toBeGreaterThanOrEqual(900);
		expect(claims.et! - before).toBeLessThanOrEqual(902);
		expect(item.json.expires_at).toBe(new Date(claims.et! * 1000).toISOString());
		// Nothing of the secret in the output, and the gateway was never called.
		expect(JSON.stringify(item.json)).not.toContain(classroom.appSecret);
		expect(await hst.control.requests()).toEqual([]);
	});

	it('leaves out the expiry when none is asked, and the group when none is given', async () => {
		const [item] = await hst.run({ resource: 'clientToken', operation: 'create', userId: 'zoe' });
		expect(item.json).toMatchObject({ expires_at: null, expires_at_unix: null, group_id: '' });
		const claims = claimsOf(item.json.token as string);
		expect(claims).toMatchObject({ gid: '', uid: 'zoe' });
		expect(claims).not.toHaveProperty('et');
	});

	it('one token per item, each for its own user', async () => {
		const items = await hst.run(
			(itemIndex) => ({
				resource: 'clientToken',
				operation: 'create',
				userId: `user-${itemIndex}`,
			}),
			{ items: 3 },
		);
		expect(items.map((item) => claimsOf(item.json.token as string).uid)).toEqual([
			'user-0',
			'user-1',
			'user-2',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses a credential whose secret is not 16 characters, without showing the secret', async () => {
		hst.store.set('hstAppApi', { appId: classroom.appId, appSecret: 'short-secret' });
		const failure = hst.run({ resource: 'clientToken', operation: 'create', userId: 'zoe' });
		await expect(failure).rejects.toMatchObject({
			message:
				'HST App credential: App Secret must be exactly 16 characters (it is the AES-128 key of the token); this one has 12',
		});
		await failure.catch((error: Error) =>
			expect(JSON.stringify(error)).not.toContain('short-secret'),
		);
	});
});
