import { createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/**
 * Verifies a compact JWS / JWT (RFC 7515, RFC 7519) with node:crypto alone, for one algorithm fixed by
 * the verifier, never by the token: a token naming another algorithm (`none` included) is refused before
 * any key is used, and the key's type (secret for HS256, public for RS256 and ES256) makes a public key
 * unusable as an HMAC secret even if that check were bypassed.
 */

export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** Longer tokens are refused before any decoding: a client token is a few hundred characters. */
const MAX_TOKEN_LENGTH = 8192;

export interface JwtVerification {
	algorithm: JwtAlgorithm;
	/** A secret key for HS256, a public key for RS256 and ES256. */
	key: KeyObject;
	/** Unix seconds. */
	now: number;
	clockToleranceSeconds: number;
	/** When set, `iss` must equal it. */
	issuer?: string;
	/** When set, `aud` (a string or an array of strings) must contain it. */
	audience?: string;
}

export type JwtProblem =
	| 'malformed'
	| 'algorithm'
	| 'signature'
	| 'expired'
	| 'notYetValid'
	| 'issuer'
	| 'audience';

export type JwtClaims = Record<string, unknown>;

type JwtResult =
	| { ok: true; claims: JwtClaims }
	| { ok: false; problem: JwtProblem; message: string };

const refuse = (problem: JwtProblem, message: string): JwtResult => ({
	ok: false,
	problem,
	message,
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Strict base64url: the alphabet, no padding, and no stray bits a lenient decoder would drop. */
function base64url(part: string): Buffer | undefined {
	if (!BASE64URL.test(part)) return undefined;
	const bytes = Buffer.from(part, 'base64url');
	return bytes.toString('base64url') === part ? bytes : undefined;
}

function jsonObject(part: string): Record<string, unknown> | undefined {
	const bytes = base64url(part);
	if (!bytes) return undefined;
	try {
		const value: unknown = JSON.parse(bytes.toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The algorithm named in a refusal: only names this module knows, never text of the caller's choosing. */
function algorithmName(alg: unknown): string {
	const known = ['none', 'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384'];
	const name = known.find((entry) => entry.toLowerCase() === String(alg).toLowerCase());
	return name ?? 'an unknown algorithm';
}

function signatureValid(
	verification: JwtVerification,
	signingInput: string,
	signature: Buffer,
): boolean {
	const { algorithm, key } = verification;
	const data = Buffer.from(signingInput, 'ascii');
	if (algorithm === 'HS256') {
		if (key.type !== 'secret') return false;
		const expected = createHmac('sha256', key).update(data).digest();
		return signature.length === expected.length && timingSafeEqual(signature, expected);
	}
	if (key.type !== 'public') return false;
	try {
		if (algorithm === 'ES256') {
			// JWS carries ECDSA signatures as r || s, 32 bytes each (RFC 7518 section 3.4), not DER.
			if (signature.length !== 64) return false;
			return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
		}
		return verify('sha256', data, key, signature);
	} catch {
		return false;
	}
}

const isNumericDate = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function timeProblem(claims: JwtClaims, verification: JwtVerification): JwtResult | undefined {
	for (const name of ['exp', 'nbf', 'iat']) {
		if (claims[name] !== undefined && !isNumericDate(claims[name]))
			return refuse('malformed', `claim ${name} is not a time in seconds`);
	}
	// A token without an expiry would open the gateway forever to whoever saw it once.
	if (claims.exp === undefined) return refuse('malformed', 'the token has no expiry (exp)');
	const { now, clockToleranceSeconds: tolerance } = verification;
	const exp = claims.exp as number;
	if (now >= exp + tolerance)
		return refuse('expired', `the token expired ${Math.round(now - exp)} s ago`);
	const nbf = claims.nbf as number | undefined;
	if (nbf !== undefined && now + tolerance < nbf)
		return refuse('notYetValid', `the token is not valid for another ${Math.round(nbf - now)} s`);
	return undefined;
}

export function verifyJwt(token: string, verification: JwtVerification): JwtResult {
	if (token.length > MAX_TOKEN_LENGTH)
		return refuse('malformed', `the token is longer than ${MAX_TOKEN_LENGTH} characters`);
	const parts = token.split('.');
	if (parts.length !== 3) return refuse('malformed', 'the token is not a JWT (three parts)');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = jsonObject(headerPart);
	if (!header) return refuse('malformed', 'the token header is not base64url-encoded JSON');
	if (header.alg !== verification.algorithm) {
		const alg = algorithmName(header.alg);
		return refuse(
			'algorithm',
			alg === 'none'
				? 'unsigned tokens (alg none) are not accepted'
				: `the token is signed with ${alg}; this gateway accepts ${verification.algorithm} only`,
		);
	}
	// RFC 7515 section 4.1.11: extensions marked critical must be understood, and this verifier knows none.
	if (header.crit !== undefined)
		return refuse('malformed', 'the token uses critical header extensions (crit)');
	const signature = base64url(signaturePart);
	if (!signature || !signatureValid(verification, `${headerPart}.${payloadPart}`, signature))
		return refuse('signature', 'the token signature does not verify');

	const claims = jsonObject(payloadPart);
	if (!claims) return refuse('malformed', 'the token payload is not base64url-encoded JSON');
	const timing = timeProblem(claims, verification);
	if (timing) return timing;
	if (verification.issuer !== undefined && claims.iss !== verification.issuer)
		return refuse('issuer', 'the token was issued by another issuer (iss)');
	if (verification.audience !== undefined) {
		const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
		if (!audiences.includes(verification.audience))
			return refuse('audience', 'the token is meant for another audience (aud)');
	}
	return { ok: true, claims };
}
