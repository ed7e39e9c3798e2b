import { createDecipheriv } from 'node:crypto';

import {
	FSP_TOKEN_IV,
	FSP_TOKEN_VERSION_PREFIX,
	FSP_SECRET_LENGTH,
} from '../../nodes/shared/hst/fspToken';

interface FspClaims {
	aid: string;
	gid: string;
	uid: string;
	et?: number;
	ts: number;
	r: number;
}

type FspVerdict = { ok: true; claims: FspClaims } | { ok: false; reason: string };

interface FspExpectations {
	appId: string;
	now: number;
	/** How far `ts` may lie from now, either way. */
	maxSkewMs: number;
}

/** The gateway's side of the FspToken recipe: decrypt with the developer's secret, then check every claim. */
export function verifyFspToken(token: string, secret: string, expect: FspExpectations): FspVerdict {
	if (!token.startsWith(FSP_TOKEN_VERSION_PREFIX)) return { ok: false, reason: 'bad prefix' };
	const body = token.slice(FSP_TOKEN_VERSION_PREFIX.length);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return { ok: false, reason: 'bad base64' };
	const encrypted = Buffer.from(body, 'base64');
	if (encrypted.length === 0 || encrypted.length % 16 !== 0)
		return { ok: false, reason: 'bad padding' };
	if (Buffer.byteLength(secret) !== FSP_SECRET_LENGTH) return { ok: false, reason: 'bad secret' };

	const decipher = createDecipheriv('aes-128-cbc', Buffer.from(secret, 'utf8'), FSP_TOKEN_IV);
	decipher.setAutoPadding(false);
	const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
	const end = plain.lastIndexOf('}');
	if (end < 0 || !/^ *$/.test(plain.slice(end + 1)) || plain.length - (end + 1) >= 16) {
		return { ok: false, reason: 'bad padding' };
	}

	let claims: FspClaims;
	try {
		claims = JSON.parse(plain.slice(0, end + 1)) as FspClaims;
	} catch {
		return { ok: false, reason: 'not a token for this secret' };
	}
	if (claims.aid !== expect.appId) return { ok: false, reason: 'wrong aid' };
	if (typeof claims.ts !== 'number' || Math.abs(expect.now - claims.ts) > expect.maxSkewMs) {
		return { ok: false, reason: 'stale ts' };
	}
	if (typeof claims.r !== 'number' || claims.r < 0 || claims.r >= 2 ** 31)
		return { ok: false, reason: 'bad r' };
	if (claims.et !== undefined && claims.et * 1000 < expect.now)
		return { ok: false, reason: 'token expired' };
	return { ok: true, claims };
}
