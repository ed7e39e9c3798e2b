import { generateKeyPairSync } from 'node:crypto';

import { gatewayHeaders } from '../../nodes/shared/mediaGateway/protocol';
import { sandboxClientToken, signJwt } from '../../sandbox/mediaGateway/clientToken';
import {
	SANDBOX_CLIENT_TOKEN,
	SANDBOX_GATEWAY_SECRET,
	SANDBOX_MEDIA_GATEWAY,
} from '../../sandbox/mediaGateway/seed';
import { pick } from '../../sandbox/random';

/**
 * Requests for the authentication soak: callers that must be refused (each kind with the answer it must
 * get), and now and then a valid one, so the run also shows valid callers still get in meanwhile.
 */

export type Target = 'clientToken' | 'sharedSecret' | 'ipAllowlist';

export interface CallerCase {
	kind: string;
	target: Target;
	headers: Record<string, string>;
	/** What the answer must be: HTTP status and resultCode. */
	expected: { status: number; resultCode: number };
	valid: boolean;
}

export const SOAK_SUBJECT = {
	appKey: SANDBOX_MEDIA_GATEWAY.appKey,
	roomId: 'soak-room',
	userId: 'soak-user',
};
const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
	type: 'pkcs8',
	format: 'pem',
});
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const asHeaderBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const GARBAGE = [
	'房间-测试',
	'🎥📡',
	'Bearer x',
	'a.b.c',
	'....',
	'e30.e30.',
	'\u202etoken',
	'x'.repeat(300),
];

function headers(token: string | undefined, extra: Record<string, string> = {}) {
	const base = gatewayHeaders('sdk', {
		...SOAK_SUBJECT,
		token,
		clientType: SANDBOX_MEDIA_GATEWAY.clientType,
		clientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
	});
	return { ...base, 'content-type': 'application/json', ...extra };
}

const refused = (status: number, resultCode: number) => ({ status, resultCode });

function clientTokenCase(random: () => number, nowSeconds: number): CallerCase {
	const token = sandboxClientToken(SOAK_SUBJECT, { nowSeconds });
	const [header, payload, signature] = token.split('.');
	const forged = b64({
		...SOAK_SUBJECT,
		sub: SOAK_SUBJECT.userId,
		roomId: 'other-room',
		exp: nowSeconds + 300,
	});
	const flipped = (() => {
		const bytes = Buffer.from(signature, 'base64url');
		bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
		return bytes.toString('base64url');
	})();
	const kinds: Array<[string, string | undefined, { status: number; resultCode: number }]> = [
		['no token', undefined, refused(401, 40101)],
		['garbage token', asHeaderBytes(pick(random, GARBAGE)), refused(401, 40102)],
		['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, refused(401, 40102)],
		[
			'alg none with a signature',
			`${b64({ alg: 'none' })}.${payload}.${signature}`,
			refused(401, 40102),
		],
		[
			'HS256 with the public key as secret',
			sandboxClientToken(SOAK_SUBJECT, {
				nowSeconds,
				key: { algorithm: 'HS256', secret: SANDBOX_CLIENT_TOKEN.es256.publicKey },
			}),
			refused(401, 40102),
		],
		[
			'another algorithm named',
			`${b64({ alg: pick(random, ['RS256', 'HS512', 'ES384', 'PS256']) })}.${payload}.${signature}`,
			refused(401, 40102),
		],
		['payload changed', `${header}.${forged}.${signature}`, refused(401, 40102)],
		['signature bit flipped', `${header}.${payload}.${flipped}`, refused(401, 40102)],
		['signature cut', `${header}.${payload}.${signature.slice(0, 40)}`, refused(401, 40102)],
		[
			'signed by another key',
			sandboxClientToken(SOAK_SUBJECT, {
				nowSeconds,
				key: { algorithm: 'ES256', privateKey: String(otherKey) },
			}),
			refused(401, 40102),
		],
		[
			'another issuer',
			sandboxClientToken(SOAK_SUBJECT, { nowSeconds, claims: { iss: 'elsewhere' } }),
			refused(401, 40102),
		],
		[
			'another audience',
			sandboxClientToken(SOAK_SUBJECT, { nowSeconds, claims: { aud: ['billing'] } }),
			refused(401, 40102),
		],
		[
			'no expiry',
			sandboxClientToken(SOAK_SUBJECT, { nowSeconds, claims: { exp: undefined } }),
			refused(401, 40102),
		],
		[
			'critical header',
			signJwt(
				{ ...SOAK_SUBJECT, sub: SOAK_SUBJECT.userId, exp: nowSeconds + 300 },
				{ algorithm: 'ES256', privateKey: SANDBOX_CLIENT_TOKEN.es256.privateKey },
				{ crit: ['exp'] },
			),
			refused(401, 40102),
		],
		['token of 9 KB', `${header}.${'A'.repeat(9000)}.${signature}`, refused(401, 40102)],
		[
			'expired',
			sandboxClientToken(SOAK_SUBJECT, { nowSeconds: nowSeconds - 1000 }),
			refused(401, 40103),
		],
		[
			'not valid yet',
			sandboxClientToken(SOAK_SUBJECT, { nowSeconds, claims: { nbf: nowSeconds + 3600 } }),
			refused(401, 40103),
		],
		[
			'for another room',
			sandboxClientToken({ ...SOAK_SUBJECT, roomId: 'other-room' }, { nowSeconds }),
			refused(403, 40301),
		],
		[
			'for another user',
			sandboxClientToken({ ...SOAK_SUBJECT, userId: 'other-user' }, { nowSeconds }),
			refused(403, 40301),
		],
	];
	const [kind, chosen, expected] = pick(random, kinds);
	return {
		kind: `client token: ${kind}`,
		target: 'clientToken',
		headers: headers(chosen),
		expected,
		valid: false,
	};
}

function sharedSecretCase(random: () => number): CallerCase {
	const secret = SANDBOX_GATEWAY_SECRET.secret;
	const name = SANDBOX_GATEWAY_SECRET.headerName;
	const kinds: Array<[string, Record<string, string>, { status: number; resultCode: number }]> = [
		['no secret', {}, refused(401, 40101)],
		['empty secret', { [name]: '' }, refused(401, 40101)],
		['secret in another header', { 'X-Secret': secret }, refused(401, 40101)],
		['wrong secret, same length', { [name]: 'y'.repeat(secret.length) }, refused(401, 40102)],
		[
			'prefix of the secret',
			{ [name]: secret.slice(0, 1 + Math.floor(random() * (secret.length - 1))) },
			refused(401, 40102),
		],
		[
			'secret and more',
			{ [name]: `${secret}${pick(random, ['x', '0', '='])}` },
			refused(401, 40102),
		],
		['secret in another case', { [name]: secret.toLowerCase() }, refused(401, 40102)],
		['unicode', { [name]: asHeaderBytes(pick(random, GARBAGE)) }, refused(401, 40102)],
	];
	const [kind, extra, expected] = pick(random, kinds);
	return {
		kind: `shared secret: ${kind}`,
		target: 'sharedSecret',
		headers: headers('voip', extra),
		expected,
		valid: false,
	};
}

function allowlistCase(random: () => number): CallerCase {
	const forwarded = pick(random, ['10.0.0.1', '10.0.0.1, 10.0.0.2', '2001:db8::1', 'unknown', '']);
	return {
		kind: 'address not allowed',
		target: 'ipAllowlist',
		headers: headers('voip', forwarded ? { 'X-Forwarded-For': forwarded } : {}),
		expected: refused(403, 40302),
		valid: false,
	};
}

function validCase(random: () => number, nowSeconds: number): CallerCase {
	if (random() < 0.5) {
		return {
			kind: 'valid client token',
			target: 'clientToken',
			headers: headers(sandboxClientToken(SOAK_SUBJECT, { nowSeconds })),
			expected: { status: 200, resultCode: 10000 },
			valid: true,
		};
	}
	return {
		kind: 'valid shared secret',
		target: 'sharedSecret',
		headers: headers('voip', {
			[SANDBOX_GATEWAY_SECRET.headerName]: SANDBOX_GATEWAY_SECRET.secret,
		}),
		expected: { status: 200, resultCode: 10000 },
		valid: true,
	};
}

/** One request in fifty is valid; the rest split 7:2:1 between the three targets. */
export function callerCase(random: () => number, index: number, nowSeconds: number): CallerCase {
	if (index % 50 === 49) return validCase(random, nowSeconds);
	const roll = random();
	if (roll < 0.7) return clientTokenCase(random, nowSeconds);
	if (roll < 0.9) return sharedSecretCase(random);
	return allowlistCase(random);
}
