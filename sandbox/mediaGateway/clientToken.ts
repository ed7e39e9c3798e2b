import { createHmac, sign } from 'node:crypto';

import { SANDBOX_CLIENT_TOKEN } from './seed';

/**
 * An app server issuing Signed Client Tokens, written from RFC 7515/7519 independently of the trigger's
 * verifier (which it must never import): the README's issuing example, plus what tests need to forge
 * tokens a careless verifier would accept (another algorithm, a header of their choosing).
 */

export type SigningKey =
	| { algorithm: 'HS256'; secret: string | Buffer }
	| { algorithm: 'RS256' | 'ES256'; privateKey: string };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(
	claims: Record<string, unknown>,
	key: SigningKey,
	header: Record<string, unknown> = {},
): string {
	const input = `${base64url({ alg: key.algorithm, typ: 'JWT', ...header })}.${base64url(claims)}`;
	const signature =
		key.algorithm === 'HS256'
			? createHmac('sha256', key.secret).update(input).digest()
			: sign('sha256', Buffer.from(input), {
					key: key.privateKey,
					// JWS wants ECDSA signatures as r || s, not DER (RFC 7518 section 3.4).
					...(key.algorithm === 'ES256' ? { dsaEncoding: 'ieee-p1363' as const } : {}),
				});
	return `${input}.${signature.toString('base64url')}`;
}

export const SANDBOX_SIGNING_KEY: SigningKey = {
	algorithm: 'ES256',
	privateKey: SANDBOX_CLIENT_TOKEN.es256.privateKey,
};

interface ClientTokenFor {
	appKey: string;
	roomId: string;
	userId: string;
}

/** What the sandbox's app server hands a mini-program client for one room: valid for five minutes. */
export function sandboxClientToken(
	subject: ClientTokenFor,
	options: { key?: SigningKey; nowSeconds?: number; claims?: Record<string, unknown> } = {},
): string {
	const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	return signJwt(
		{
			iss: SANDBOX_CLIENT_TOKEN.issuer,
			aud: SANDBOX_CLIENT_TOKEN.audience,
			sub: subject.userId,
			roomId: subject.roomId,
			appKey: subject.appKey,
			iat: now,
			exp: now + SANDBOX_CLIENT_TOKEN.lifetimeSeconds,
			...options.claims,
		},
		options.key ?? SANDBOX_SIGNING_KEY,
	);
}
