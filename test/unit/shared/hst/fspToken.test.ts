import { createCipheriv } from 'node:crypto';

import {
	FSP_TOKEN_IV,
	FspSecretError,
	accessTokenAuthorization,
	createFspToken,
	fspTokenPlainText,
	padWithSpaces,
} from '../../../../nodes/shared/hst/fspToken';
import { verifyFspToken } from '../../../../sandbox/hst/fspTokenVerifier';

// Vectors from docs/vendors/hst.md#fsptoken, produced by HST's own TokenGenerator.
const FIXED = { issuedAt: 1600000000000, random: 123456789 };

describe('createFspToken', () => {
	it('matches the access-token vector (developer ID as appId, empty group and user)', () => {
		expect(
			createFspToken('6577543f6604bbaf', { appId: 'a92b622559266609176621caf44f5857', ...FIXED }),
		).toBe(
			'001ghijKkTCVaJ+PO9N9sfORwbCYwy4pnDq7d6pVCyUyCIPSVkWEQhyicbBxeizOd1EPrpUO1Qe9eNui3OXuVy9XVY595rrZ2XWBWqUp0AgdcgH9vbGHwtgAJJ4vSZqxyAi',
		);
	});

	it('matches the vector with a group and a user', () => {
		expect(
			createFspToken('1234567890123456', {
				appId: 'testappid',
				groupId: 'group1',
				userId: 'user1',
				...FIXED,
			}),
		).toBe(
			'0015GvNj+cbNVsRcgp+0OCN3nKtfLsm77tEVCEFS7ghGU3bcS89O4Zg0PFsUsLeBpgipfK/fIPs3QDWI25q4h9RvnSC8L3l0FUKet4v7dOH9VaOnPvddyBctHEh0k9+cJyr',
		);
	});

	it('writes the claims in TokenGenerator order, with "et" only when an expiry is set', () => {
		expect(fspTokenPlainText({ appId: 'a', ...FIXED })).toBe(
			'{"aid":"a","gid":"","uid":"","ts":1600000000000,"r":123456789}',
		);
		expect(fspTokenPlainText({ appId: 'a', expiresAt: 1700000000, ...FIXED })).toBe(
			'{"aid":"a","gid":"","uid":"","et":1700000000,"ts":1600000000000,"r":123456789}',
		);
	});

	it('pads with spaces to a block boundary and adds nothing when already aligned', () => {
		expect(padWithSpaces(Buffer.from('abc')).toString()).toBe(`abc${' '.repeat(13)}`);
		expect(padWithSpaces(Buffer.alloc(32, 0x41)).length).toBe(32);
	});

	it.each(['short', '12345678901234567', ''])(
		'refuses a secret that is not 16 characters: %j',
		(secret) => {
			expect(() => createFspToken(secret, { appId: 'a' })).toThrow(FspSecretError);
			expect(() => createFspToken(secret, { appId: 'a' })).toThrow(/exactly 16 characters/);
		},
	);

	it('builds the access-token Authorization header as <devId>.<FspToken> with a fresh ts', () => {
		const before = Date.now();
		const header = accessTokenAuthorization('devA', '0123456789abcdef');
		const [developerId, token] = [header.slice(0, 4), header.slice(5)];
		expect(developerId).toBe('devA');
		const verdict = verifyFspToken(token, '0123456789abcdef', {
			appId: 'devA',
			now: before,
			maxSkewMs: 5000,
		});
		expect(verdict).toMatchObject({ ok: true, claims: { aid: 'devA', gid: '', uid: '' } });
	});
});

describe('verifyFspToken (the sandbox gateway side)', () => {
	const secret = '6577543f6604bbaf';
	const appId = 'a92b622559266609176621caf44f5857';
	const expect1600 = { appId, now: FIXED.issuedAt, maxSkewMs: 60_000 };
	const good = createFspToken(secret, { appId, ...FIXED });

	function encryptRaw(plain: Buffer): string {
		const cipher = createCipheriv('aes-128-cbc', Buffer.from(secret), FSP_TOKEN_IV);
		cipher.setAutoPadding(false);
		return `001${Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')}`;
	}

	it('accepts the vector token and returns its claims', () => {
		expect(verifyFspToken(good, secret, expect1600)).toEqual({
			ok: true,
			claims: { aid: appId, gid: '', uid: '', ts: FIXED.issuedAt, r: FIXED.random },
		});
	});

	it.each([
		['bad prefix', `002${good.slice(3)}`],
		['bad base64', `001${'*'.repeat(20)}`],
		['bad padding', `001${Buffer.alloc(20).toString('base64')}`],
	])('rejects %s', (reason, token) => {
		expect(verifyFspToken(token, secret, expect1600)).toEqual({ ok: false, reason });
	});

	it('rejects padding that is not spaces (PKCS#7 instead of TokenGenerator padding)', () => {
		const plain = Buffer.from(fspTokenPlainText({ appId, ...FIXED }));
		const pad = 16 - (plain.length % 16);
		expect(
			verifyFspToken(
				encryptRaw(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
				secret,
				expect1600,
			),
		).toEqual({
			ok: false,
			reason: 'bad padding',
		});
	});

	it('rejects a token made with another secret', () => {
		const other = createFspToken('ffffffffffffffff', { appId, ...FIXED });
		expect(verifyFspToken(other, secret, expect1600).ok).toBe(false);
	});

	it('rejects a token for another developer (wrong aid)', () => {
		expect(
			verifyFspToken(
				createFspToken(secret, { appId: 'someone-else', ...FIXED }),
				secret,
				expect1600,
			),
		).toEqual({
			ok: false,
			reason: 'wrong aid',
		});
	});

	it('rejects a stale ts on both sides of the window', () => {
		expect(verifyFspToken(good, secret, { ...expect1600, now: FIXED.issuedAt + 60_001 })).toEqual({
			ok: false,
			reason: 'stale ts',
		});
		expect(verifyFspToken(good, secret, { ...expect1600, now: FIXED.issuedAt - 60_001 })).toEqual({
			ok: false,
			reason: 'stale ts',
		});
	});
});
