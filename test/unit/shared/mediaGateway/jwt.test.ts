import {
	createHmac,
	createPublicKey,
	createSecretKey,
	generateKeyPairSync,
	sign,
	type KeyObject,
} from 'node:crypto';

import { verifyJwt, type JwtVerification } from '../../../../nodes/shared/mediaGateway/jwt';
import { signJwt, type SigningKey } from '../../../../sandbox/mediaGateway/clientToken';

/**
 * Vectors from outside the verifier: RFC 7515 appendix A (published tokens and keys), and tokens signed by
 * the sandbox's app server (its own node:crypto code) or assembled here by hand.
 */

const RFC_PAYLOAD =
	'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
const RFC_EXP = 1300819380;
const RFC = {
	HS256: {
		token: `eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.${RFC_PAYLOAD}.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`,
		key: createSecretKey(
			Buffer.from(
				'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
				'base64url',
			),
		),
	},
	RS256: {
		token: `eyJhbGciOiJSUzI1NiJ9.${RFC_PAYLOAD}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`,
		key: createPublicKey({
			format: 'jwk',
			key: {
				kty: 'RSA',
				e: 'AQAB',
				n: 'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
			},
		}),
	},
	ES256: {
		token: `eyJhbGciOiJFUzI1NiJ9.${RFC_PAYLOAD}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`,
		key: createPublicKey({
			format: 'jwk',
			key: {
				kty: 'EC',
				crv: 'P-256',
				x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
				y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
			},
		}),
	},
} as const;

const NOW = 1_800_000_000;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const otherEc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const hmacSecret = 'a-secret-of-more-than-thirty-two-bytes-for-hs256';
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') =>
	key.export({ type, format: 'pem' }).toString();

const SIGNERS: Record<'HS256' | 'RS256' | 'ES256', { signing: SigningKey; verifying: KeyObject }> =
	{
		HS256: {
			signing: { algorithm: 'HS256', secret: hmacSecret },
			verifying: createSecretKey(Buffer.from(hmacSecret)),
		},
		RS256: {
			signing: { algorithm: 'RS256', privateKey: pem(rsa.privateKey, 'pkcs8') },
			verifying: rsa.publicKey,
		},
		ES256: {
			signing: { algorithm: 'ES256', privateKey: pem(ec.privateKey, 'pkcs8') },
			verifying: ec.publicKey,
		},
	};

const claims = { sub: 'alice', roomId: 'room-1', iat: NOW - 10, exp: NOW + 300 };

function verification(
	algorithm: keyof typeof SIGNERS,
	extra: Partial<JwtVerification> = {},
): JwtVerification {
	return {
		algorithm,
		key: SIGNERS[algorithm].verifying,
		now: NOW,
		clockToleranceSeconds: 30,
		...extra,
	};
}

const parts = (token: string) => token.split('.');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyJwt: tokens from other implementations', () => {
	it.each(Object.entries(RFC))(
		'accepts the RFC 7515 appendix A %s example',
		(algorithm, vector) => {
			const result = verifyJwt(vector.token, {
				algorithm: algorithm as 'HS256',
				key: vector.key,
				now: RFC_EXP - 60,
				clockToleranceSeconds: 0,
			});
			expect(result).toEqual({
				ok: true,
				claims: { iss: 'joe', exp: RFC_EXP, 'http://example.com/is_root': true },
			});
		},
	);

	it.each(Object.keys(SIGNERS))(
		'accepts %s tokens signed by the sandbox app server',
		(algorithm) => {
			const alg = algorithm as keyof typeof SIGNERS;
			const token = signJwt(claims, SIGNERS[alg].signing);
			expect(verifyJwt(token, verification(alg))).toEqual({ ok: true, claims });
		},
	);

	it('accepts an ES256 signature made by hand with node:crypto (r || s)', () => {
		const input = `${b64({ alg: 'ES256' })}.${b64(claims)}`;
		const signature = sign('sha256', Buffer.from(input), {
			key: ec.privateKey,
			dsaEncoding: 'ieee-p1363',
		});
		expect(verifyJwt(`${input}.${signature.toString('base64url')}`, verification('ES256'))).toEqual(
			{ ok: true, claims },
		);
	});
});

describe('verifyJwt: algorithms', () => {
	it.each(['none', 'None', 'NONE'])('refuses unsigned tokens (alg %s)', (alg) => {
		for (const signature of ['', 'c2lnbmF0dXJl']) {
			const token = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.${signature}`;
			expect(verifyJwt(token, verification('HS256'))).toEqual({
				ok: false,
				problem: 'algorithm',
				message: 'unsigned tokens (alg none) are not accepted',
			});
		}
	});

	it('refuses an HS256 token made with the RSA public key as HMAC secret (algorithm confusion)', () => {
		const publicPem = pem(rsa.publicKey, 'spki');
		const forged = signJwt(claims, { algorithm: 'HS256', secret: publicPem });
		expect(verifyJwt(forged, verification('RS256'))).toMatchObject({
			ok: false,
			problem: 'algorithm',
			message: 'the token is signed with HS256; this gateway accepts RS256 only',
		});
	});

	it('never uses a public key as HMAC secret, even when told HS256', () => {
		const publicPem = pem(ec.publicKey, 'spki');
		const forged = signJwt(claims, { algorithm: 'HS256', secret: publicPem });
		expect(verifyJwt(forged, { ...verification('HS256'), key: ec.publicKey })).toMatchObject({
			ok: false,
			problem: 'signature',
		});
	});

	it.each([
		['RS256', 'ES256'],
		['ES256', 'RS256'],
		['HS256', 'ES256'],
	] as const)('refuses a %s token where %s is configured', (signedWith, configured) => {
		const token = signJwt(claims, SIGNERS[signedWith].signing);
		expect(verifyJwt(token, verification(configured))).toMatchObject({
			ok: false,
			problem: 'algorithm',
			message: `the token is signed with ${signedWith}; this gateway accepts ${configured} only`,
		});
	});

	it('names only algorithms it knows, never text of the caller’s choosing', () => {
		for (const alg of ['HS512', '<script>alert(1)</script>', 42, null]) {
			const token = `${b64({ alg })}.${b64(claims)}.c2ln`;
			const result = verifyJwt(token, verification('HS256'));
			expect(result).toMatchObject({ ok: false, problem: 'algorithm' });
			expect(JSON.stringify(result)).not.toContain('script');
		}
		expect(
			verifyJwt(`${b64({ alg: 'HS512' })}.${b64(claims)}.c2ln`, verification('HS256')),
		).toMatchObject({
			message: 'the token is signed with HS512; this gateway accepts HS256 only',
		});
	});

	it('refuses critical header extensions it does not understand', () => {
		const token = signJwt(claims, SIGNERS.HS256.signing, { crit: ['b64'], b64: false });
		expect(verifyJwt(token, verification('HS256'))).toMatchObject({
			ok: false,
			problem: 'malformed',
		});
	});
});

describe('verifyJwt: signatures', () => {
	it.each(Object.keys(SIGNERS))('%s: refuses a payload changed after signing', (algorithm) => {
		const alg = algorithm as keyof typeof SIGNERS;
		const [header, , signature] = parts(signJwt(claims, SIGNERS[alg].signing));
		const tampered = `${header}.${b64({ ...claims, roomId: 'room-2' })}.${signature}`;
		expect(verifyJwt(tampered, verification(alg))).toEqual({
			ok: false,
			problem: 'signature',
			message: 'the token signature does not verify',
		});
	});

	it.each(Object.keys(SIGNERS))('%s: refuses a signature with one bit flipped', (algorithm) => {
		const alg = algorithm as keyof typeof SIGNERS;
		const [header, payload, signature] = parts(signJwt(claims, SIGNERS[alg].signing));
		const bytes = Buffer.from(signature, 'base64url');
		for (const index of [0, bytes.length >> 1, bytes.length - 1]) {
			const flipped = Buffer.from(bytes);
			flipped[index] ^= 0x01;
			const token = `${header}.${payload}.${flipped.toString('base64url')}`;
			expect(verifyJwt(token, verification(alg))).toMatchObject({
				ok: false,
				problem: 'signature',
			});
		}
	});

	it.each(Object.keys(SIGNERS))(
		'%s: refuses truncated, empty and padded signatures',
		(algorithm) => {
			const alg = algorithm as keyof typeof SIGNERS;
			const [header, payload, signature] = parts(signJwt(claims, SIGNERS[alg].signing));
			for (const bad of [signature.slice(0, -4), '', `${signature}=`, `${signature}AA`]) {
				expect(verifyJwt(`${header}.${payload}.${bad}`, verification(alg))).toMatchObject({
					ok: false,
				});
			}
		},
	);

	it('refuses a token signed by another key', () => {
		const token = signJwt(claims, {
			algorithm: 'ES256',
			privateKey: pem(otherEc.privateKey, 'pkcs8'),
		});
		expect(verifyJwt(token, verification('ES256'))).toMatchObject({
			ok: false,
			problem: 'signature',
		});
		const hs = signJwt(claims, { algorithm: 'HS256', secret: `${hmacSecret}!` });
		expect(verifyJwt(hs, verification('HS256'))).toMatchObject({ ok: false, problem: 'signature' });
	});

	it('refuses an ES256 signature in DER form (JWS wants r || s)', () => {
		const input = `${b64({ alg: 'ES256' })}.${b64(claims)}`;
		const der = sign('sha256', Buffer.from(input), ec.privateKey);
		expect(verifyJwt(`${input}.${der.toString('base64url')}`, verification('ES256'))).toMatchObject(
			{
				ok: false,
				problem: 'signature',
			},
		);
	});

	it('refuses base64url that only a lenient decoder reads as the right signature', () => {
		const [header, payload, signature] = parts(signJwt(claims, SIGNERS.HS256.signing));
		// 32 bytes take 43 characters; the last one carries 2 unused bits a lenient decoder ignores.
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const last = alphabet.indexOf(signature.slice(-1));
		const sloppy = `${signature.slice(0, -1)}${alphabet[last ^ 0b01]}`;
		expect(Buffer.from(sloppy, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
		expect(verifyJwt(`${header}.${payload}.${sloppy}`, verification('HS256'))).toMatchObject({
			ok: false,
			problem: 'signature',
		});
	});
});

describe('verifyJwt: shape', () => {
	const valid = signJwt(claims, SIGNERS.HS256.signing);
	it.each([
		['two parts', parts(valid).slice(0, 2).join('.')],
		['four parts', `${valid}.x`],
		[
			'a header that is not JSON',
			`${Buffer.from('{alg').toString('base64url')}.${parts(valid)[1]}.${parts(valid)[2]}`,
		],
		['a header that is a JSON array', `${b64(['HS256'])}.${parts(valid)[1]}.${parts(valid)[2]}`],
		['characters outside base64url', `${parts(valid)[0]}.${parts(valid)[1]}+.${parts(valid)[2]}`],
		['more than 8192 characters', `${valid}${'A'.repeat(8200)}`],
	])('refuses %s', (_, token) => {
		expect(verifyJwt(token, verification('HS256'))).toMatchObject({ ok: false });
	});

	it('refuses a signed payload that is not a JSON object', () => {
		for (const payload of ['"text"', '[1]', 'not json']) {
			const input = `${b64({ alg: 'HS256' })}.${Buffer.from(payload).toString('base64url')}`;
			const signature = createHmac('sha256', hmacSecret).update(input).digest('base64url');
			expect(verifyJwt(`${input}.${signature}`, verification('HS256'))).toEqual({
				ok: false,
				problem: 'malformed',
				message: 'the token payload is not base64url-encoded JSON',
			});
		}
	});
});

describe('verifyJwt: time, issuer and audience', () => {
	const token = (extra: Record<string, unknown>) =>
		signJwt({ ...claims, ...extra }, SIGNERS.ES256.signing);
	const check = (extra: Record<string, unknown>, setup: Partial<JwtVerification> = {}) =>
		verifyJwt(token(extra), verification('ES256', setup));

	it('refuses a token without an expiry, or with times that are not numbers', () => {
		expect(check({ exp: undefined })).toMatchObject({
			ok: false,
			message: 'the token has no expiry (exp)',
		});
		expect(check({ exp: String(NOW + 60) })).toMatchObject({ ok: false, problem: 'malformed' });
		expect(check({ nbf: 'soon' })).toMatchObject({ ok: false, problem: 'malformed' });
		expect(check({ iat: null })).toMatchObject({ ok: false, problem: 'malformed' });
	});

	it('refuses an expired token, allowing the clock tolerance', () => {
		expect(check({ exp: NOW - 29 })).toMatchObject({ ok: true });
		expect(check({ exp: NOW - 30 })).toEqual({
			ok: false,
			problem: 'expired',
			message: 'the token expired 30 s ago',
		});
		expect(check({ exp: NOW }, { clockToleranceSeconds: 0 })).toMatchObject({ problem: 'expired' });
	});

	it('refuses a token that is not valid yet, allowing the clock tolerance', () => {
		expect(check({ nbf: NOW + 30 })).toMatchObject({ ok: true });
		expect(check({ nbf: NOW + 31 })).toEqual({
			ok: false,
			problem: 'notYetValid',
			message: 'the token is not valid for another 31 s',
		});
	});

	it('checks iss and aud when configured', () => {
		const setup = { issuer: 'https://app.example.com', audience: 'media-gateway' };
		expect(check({ iss: 'https://app.example.com', aud: 'media-gateway' }, setup)).toMatchObject({
			ok: true,
		});
		expect(
			check({ iss: 'https://app.example.com', aud: ['x', 'media-gateway'] }, setup),
		).toMatchObject({
			ok: true,
		});
		expect(check({ iss: 'https://evil.example', aud: 'media-gateway' }, setup)).toMatchObject({
			problem: 'issuer',
		});
		expect(check({ aud: 'media-gateway' }, setup)).toMatchObject({ problem: 'issuer' });
		expect(check({ iss: 'https://app.example.com', aud: 'billing' }, setup)).toMatchObject({
			problem: 'audience',
		});
		expect(check({ iss: 'https://app.example.com' }, setup)).toMatchObject({ problem: 'audience' });
		expect(check({ iss: 'anyone', aud: 'anything' })).toMatchObject({ ok: true });
	});

	it('never repeats the token or its signature in a refusal', () => {
		const expired = token({ exp: NOW - 3600 });
		const result = verifyJwt(expired, verification('ES256'));
		expect(result.ok).toBe(false);
		for (const part of parts(expired)) expect(JSON.stringify(result)).not.toContain(part);
	});
});
