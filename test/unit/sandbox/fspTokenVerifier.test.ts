import { verifyFspToken } from '../../../sandbox/hst/fspTokenVerifier';

// The literal vectors of docs/vendors/hst.md#fsptoken, so the sandbox gateway's decoding is held to the
// recipe itself and not to the node's encoder.
const VECTORS = [
	{
		secret: '6577543f6604bbaf',
		claims: { aid: 'a92b622559266609176621caf44f5857', gid: '', uid: '' },
		token:
			'001ghijKkTCVaJ+PO9N9sfORwbCYwy4pnDq7d6pVCyUyCIPSVkWEQhyicbBxeizOd1EPrpUO1Qe9eNui3OXuVy9XVY595rrZ2XWBWqUp0AgdcgH9vbGHwtgAJJ4vSZqxyAi',
	},
	{
		secret: '1234567890123456',
		claims: { aid: 'testappid', gid: 'group1', uid: 'user1' },
		token:
			'0015GvNj+cbNVsRcgp+0OCN3nKtfLsm77tEVCEFS7ghGU3bcS89O4Zg0PFsUsLeBpgipfK/fIPs3QDWI25q4h9RvnSC8L3l0FUKet4v7dOH9VaOnPvddyBctHEh0k9+cJyr',
	},
];
const ISSUED_AT = 1600000000000;

describe("the sandbox gateway's own FspToken check", () => {
	it.each(VECTORS)(
		'decodes the vendor page vector for aid $claims.aid',
		({ secret, claims, token }) => {
			expect(
				verifyFspToken(token, secret, { appId: claims.aid, now: ISSUED_AT, maxSkewMs: 1000 }),
			).toEqual({ ok: true, claims: { ...claims, ts: ISSUED_AT, r: 123456789 } });
		},
	);

	it('refuses a vector under the other secret, for another app, or too far from its ts', () => {
		const [first, second] = VECTORS;
		const at = { now: ISSUED_AT, maxSkewMs: 1000 };
		expect(verifyFspToken(first.token, second.secret, { appId: first.claims.aid, ...at }).ok).toBe(
			false,
		);
		expect(verifyFspToken(first.token, first.secret, { appId: 'another', ...at })).toEqual({
			ok: false,
			reason: 'wrong aid',
		});
		expect(
			verifyFspToken(first.token, first.secret, {
				appId: first.claims.aid,
				now: ISSUED_AT + 1001,
				maxSkewMs: 1000,
			}),
		).toEqual({ ok: false, reason: 'stale ts' });
	});
});
