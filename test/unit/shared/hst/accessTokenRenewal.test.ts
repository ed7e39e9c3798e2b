import { THIS_PROCESS_FETCHER_ID } from '../../../../nodes/shared/hst/accessTokenFetch';
import {
	FETCH_STAGGER_MAX_MS,
	FETCH_STAGGER_MIN_MS,
	MAX_FETCHES_PER_REQUEST,
	forgetRenewalsInFlight,
	renewAccessToken,
	type RenewalIo,
} from '../../../../nodes/shared/hst/accessTokenRenewal';
import type { HstCredentials } from '../../../../nodes/shared/hst/credentials';

/**
 * The renewal logic against an in-memory store: who fetches, who adopts, who waits. "Fetching" here
 * stores a new token the way n8n stores preAuthentication's output, then answers `sent:<token>`.
 */
const OWNER = 'owner-hash-of-the-right-secret';
const HOUR = 3_600_000;

class Store {
	data: HstCredentials = {
		gatewayUrl: 'http://gateway',
		accessUrl: 'http://access',
		developerId: 'dev',
		developerSecret: 'secret-16-chars!',
		accessToken: 'T0',
		accessTokenExpiresAt: Date.now() + HOUR,
		accessTokenOwner: OWNER,
		accessTokenFetchedBy: THIS_PROCESS_FETCHER_ID,
	};
	reloads = 0;
	fetches = 0;

	store(token: string, fetchedBy = THIS_PROCESS_FETCHER_ID, owner = OWNER): void {
		this.data = {
			...this.data,
			accessToken: token,
			accessTokenExpiresAt: Date.now() + HOUR,
			accessTokenOwner: owner,
			accessTokenFetchedBy: fetchedBy,
		};
	}

	io(options: { fetch?: () => Promise<string>; owner?: string } = {}): RenewalIo<string> {
		return {
			owner: options.owner ?? OWNER,
			reload: async () => {
				this.reloads += 1;
				return { ...this.data };
			},
			fetchAndSend: async () => {
				this.fetches += 1;
				if (options.fetch) return await options.fetch();
				this.store(`T${this.fetches}`);
				return `sent:T${this.fetches}`;
			},
			fetchesLeft: MAX_FETCHES_PER_REQUEST,
		};
	}
}

/** Timer delays asked for while `work` runs: the only way this code waits. */
async function waitsDuring<T>(work: () => Promise<T>): Promise<{ result: T; waits: number[] }> {
	const spy = jest.spyOn(global, 'setTimeout');
	try {
		const result = await work();
		return { result, waits: spy.mock.calls.map((call) => Number(call[1] ?? 0)) };
	} finally {
		spy.mockRestore();
	}
}

let store: Store;
beforeEach(() => {
	forgetRenewalsInFlight();
	store = new Store();
});

describe('renewing the HST access token in one process', () => {
	it('200 requests needing a renewal at once cause one fetch, with no wait before it', async () => {
		const { result, waits } = await waitsDuring(
			async () =>
				await Promise.all(Array.from({ length: 200 }, () => renewAccessToken(store.io(), 'T0'))),
		);
		expect(store.fetches).toBe(1);
		expect(waits).toEqual([]);
		expect(result[0]).toEqual({ kind: 'sent', answer: 'sent:T1', token: 'T1' });
		expect(result.slice(1)).toEqual(Array(199).fill({ kind: 'token', token: 'T1', fetched: true }));
		// Read once before fetching (adopt first), once after (what n8n stored).
		expect(store.reloads).toBe(2);
	});

	it('adopts a newer token already stored (by another process) instead of fetching', async () => {
		store.store('T-other', 'another-process');
		const renewal = await renewAccessToken(store.io(), 'T0');
		expect(renewal).toEqual({ kind: 'token', token: 'T-other', fetched: false });
		expect(store.fetches).toBe(0);
	});

	it('never adopts a stored token of another owner (another secret), nor an expired one', async () => {
		store.store('T-of-another-secret', THIS_PROCESS_FETCHER_ID, 'another-owner');
		expect(await renewAccessToken(store.io(), 'T0')).toMatchObject({ kind: 'sent' });
		store.store('T-expired');
		store.data.accessTokenExpiresAt = Date.now() + 1_000; // inside the 5 s margin
		expect(await renewAccessToken(store.io(), 'T0')).toMatchObject({ kind: 'sent' });
		expect(store.fetches).toBe(2);
	});

	it('a fetch that fails reaches every waiting request at once, and nothing is kept afterwards', async () => {
		const refusal = new Error('HST refused to issue an access token: 606000000');
		const io = () => store.io({ fetch: async () => await Promise.reject(refusal) });
		const results = await Promise.all(
			Array.from({ length: 20 }, () => renewAccessToken(io(), 'T0')),
		);
		expect(results[0]).toEqual({ kind: 'sendFailed', error: refusal });
		expect(results.slice(1)).toEqual(Array(19).fill({ kind: 'fetchFailed', error: refusal }));
		expect(store.fetches).toBe(1);
		// Settled renewals are forgotten: the next request fetches again rather than reusing the failure.
		await renewAccessToken(io(), 'T0');
		expect(store.fetches).toBe(2);
	});

	it('a credential that cannot be read fails the waiting requests, and the next renewal starts afresh', async () => {
		const unreadable = new Error('the database is gone for a moment');
		const failing = (): RenewalIo<string> => ({
			...store.io(),
			reload: async () => await Promise.reject(unreadable),
		});
		expect(
			await Promise.all([renewAccessToken(failing(), 'T0'), renewAccessToken(failing(), 'T0')]),
		).toEqual([
			{ kind: 'fetchFailed', error: unreadable },
			{ kind: 'fetchFailed', error: unreadable },
		]);
		expect(await renewAccessToken(store.io(), 'T0')).toMatchObject({ kind: 'sent' });
	});

	it("the leader's own request failing after a good fetch does not fail the others: they get the token", async () => {
		const io = () =>
			store.io({
				fetch: async () => {
					store.store('T-fresh');
					throw new Error('the request after the fetch failed');
				},
			});
		const [leader, waiter] = await Promise.all([
			renewAccessToken(io(), 'T0'),
			renewAccessToken(io(), 'T0'),
		]);
		expect(leader).toMatchObject({ kind: 'sendFailed' });
		expect(waiter).toEqual({ kind: 'token', token: 'T-fresh', fetched: true });
	});

	it('renewals of different owners (secrets) never share anything', async () => {
		const refusal = new Error('606000000');
		const [wrong, right] = await Promise.all([
			renewAccessToken(
				store.io({ owner: 'wrong-owner', fetch: async () => await Promise.reject(refusal) }),
				'',
			),
			renewAccessToken(store.io(), 'T0'),
		]);
		expect(wrong).toEqual({ kind: 'sendFailed', error: refusal });
		expect(right).toMatchObject({ kind: 'sent', answer: 'sent:T2' });
	});
});

describe('renewing when other processes share the credential', () => {
	it('waits a random moment before fetching when another process fetched the stored token', async () => {
		store.store('T0', 'another-process');
		const { result, waits } = await waitsDuring(
			async () => await renewAccessToken(store.io(), 'T0'),
		);
		expect(result).toMatchObject({ kind: 'sent' });
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThanOrEqual(FETCH_STAGGER_MIN_MS);
		expect(waits[0]).toBeLessThan(FETCH_STAGGER_MAX_MS);
	});

	it('adopts the token another process stores during that wait, and does not fetch', async () => {
		store.store('T0', 'another-process');
		const renewal = renewAccessToken(store.io(), 'T0');
		await new Promise((resolve) => setTimeout(resolve, 50));
		store.store('T-other', 'another-process');
		expect(await renewal).toEqual({ kind: 'token', token: 'T-other', fetched: false });
		expect(store.fetches).toBe(0);
	});

	it('after its fresh token was rejected, watches the store for the other process token before fetching again', async () => {
		store.store('T-rejected');
		const renewal = renewAccessToken(store.io(), 'T-rejected', true);
		await new Promise((resolve) => setTimeout(resolve, 300));
		store.store('T-other', 'another-process');
		expect(await renewal).toEqual({ kind: 'token', token: 'T-other', fetched: false });
		expect(store.fetches).toBe(0);
	});

	it('a request that may not fetch any more watches alone, so a request that may fetch is not held back', async () => {
		store.store('T-dead');
		const spent = store.io();
		spent.fetchesLeft = 0;
		const watching = renewAccessToken(spent, 'T-dead');
		const fresh = await renewAccessToken(store.io(), 'T-dead');
		expect(fresh).toMatchObject({ kind: 'sent', answer: 'sent:T1' });
		expect(await watching).toEqual({ kind: 'token', token: 'T1', fetched: false });
		expect(store.fetches).toBe(1);
	});
});
