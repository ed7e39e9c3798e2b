import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	ACCESS_TOKEN_LEASE_FIELD,
	REFRESH_LEASE_MS,
	formatLease,
	parseLease,
	takeRefreshTurn,
	type RefreshLease,
} from '../../../../nodes/shared/hst/refreshLease';

/** A credential "database" with a clock the test moves. */
function storage(initial: ICredentialDataDecryptedObject, persists = true) {
	let stored = { ...initial };
	let clock = 1_000_000;
	const writes: RefreshLease[] = [];
	return {
		writes,
		now: () => clock,
		advance: (ms: number) => (clock += ms),
		set: (data: ICredentialDataDecryptedObject) => (stored = { ...stored, ...data }),
		io: {
			reload: async () => ({ ...stored }),
			writeLease: async (_current: ICredentialDataDecryptedObject, lease: RefreshLease) => {
				writes.push(lease);
				if (persists) stored = { ...stored, [ACCESS_TOKEN_LEASE_FIELD]: formatLease(lease) };
			},
			isRefreshed: (data: ICredentialDataDecryptedObject) => data.accessToken === 'new',
		},
	};
}

describe('HST token refresh lease', () => {
	it('reads back what it writes', () => {
		expect(parseLease(formatLease({ holder: 'ab12/3', until: 42 }))).toEqual({
			holder: 'ab12/3',
			until: 42,
		});
		expect(parseLease('')).toBeUndefined();
		expect(parseLease('garbage')).toBeUndefined();
	});

	it('claims, and fetches once its claim reads back as its own', async () => {
		const db = storage({ accessToken: '' });
		const turn = await takeRefreshTurn({ accessToken: '' }, { ...db.io, now: db.now });
		expect(turn.kind).toBe('fetch');
		expect(db.writes).toHaveLength(1);
	});

	it('waits for the holder of a live lease and adopts the token it stores', async () => {
		const db = storage({
			accessToken: '',
			[ACCESS_TOKEN_LEASE_FIELD]: formatLease({
				holder: 'other/1',
				until: 1_000_000 + REFRESH_LEASE_MS,
			}),
		});
		setTimeout(() => db.set({ accessToken: 'new', [ACCESS_TOKEN_LEASE_FIELD]: '' }), 300);
		const turn = await takeRefreshTurn(await db.io.reload(), { ...db.io, now: db.now });
		expect(turn).toEqual({
			kind: 'adopt',
			credentials: expect.objectContaining({ accessToken: 'new' }),
		});
		expect(db.writes).toHaveLength(0);
	});

	it('claims again when the holder died and its lease lapsed', async () => {
		const db = storage({
			accessToken: '',
			[ACCESS_TOKEN_LEASE_FIELD]: formatLease({ holder: 'dead/1', until: 1_000_000 + 100 }),
		});
		setTimeout(() => db.advance(REFRESH_LEASE_MS), 250);
		const turn = await takeRefreshTurn(await db.io.reload(), { ...db.io, now: db.now });
		expect(turn.kind).toBe('fetch');
		expect(db.writes).toHaveLength(1);
	});

	it('fetches after one settle time where the host does not store leases', async () => {
		const db = storage({ accessToken: '' }, false);
		const turn = await takeRefreshTurn({ accessToken: '' }, { ...db.io, now: db.now });
		expect(turn.kind).toBe('fetch');
		expect(db.writes).toHaveLength(1);
	});
});
