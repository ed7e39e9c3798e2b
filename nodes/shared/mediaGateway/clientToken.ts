import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';

import { JWT_ALGORITHMS, type JwtAlgorithm, type JwtVerification } from './jwt';

/**
 * The Media Gateway Client Token credential, read and checked once for the credential test, the
 * activation and every request alike, so a key that would never verify a token is named as such.
 */

export const CLIENT_TOKEN_CREDENTIAL = 'mediaGatewayClientTokenApi';

/** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash, 256 bits. */
export const MIN_HS256_SECRET_BYTES = 32;
/** RFC 7518 section 3.3: RSA keys of 2048 bits or more. */
const MIN_RSA_BITS = 2048;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
export const MAX_CLOCK_TOLERANCE_SECONDS = 3600;

export type ClientTokenSettings = Omit<JwtVerification, 'now'>;

export type SettingsResult<T> = { ok: true; settings: T } | { ok: false; problem: string };

const problem = <T>(text: string): SettingsResult<T> => ({ ok: false, problem: text });

/**
 * PEM as people paste it: on one line, with spaces for line breaks, with literal `\n` from a JSON file, or
 * the base64 body alone. Rebuilt with 64-character lines, as OpenSSL expects.
 */
export function normalizePem(text: string): string {
	const flat = text.replace(/\\n/g, '\n').trim();
	const armored = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----$/.exec(flat);
	const label = armored ? armored[1] : 'PUBLIC KEY';
	const body = (armored ? armored[2] : flat).replace(/\s+/g, '');
	const lines = body.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function parsedPublicKey(text: string): KeyObject | string {
	const pem = normalizePem(text);
	// n8n only verifies: a private key stored here would let anyone with access to n8n issue tokens.
	if (/PRIVATE KEY/.test(pem))
		return 'Public Key holds a private key; paste the public key (openssl pkey -pubout) instead';
	try {
		return createPublicKey(pem);
	} catch {
		return 'Public Key is not a PEM public key (-----BEGIN PUBLIC KEY-----)';
	}
}

function keyFits(algorithm: JwtAlgorithm, key: KeyObject): string | undefined {
	const details = key.asymmetricKeyDetails ?? {};
	if (algorithm === 'RS256') {
		if (key.asymmetricKeyType !== 'rsa')
			return `RS256 needs an RSA public key; this one is ${key.asymmetricKeyType ?? 'unknown'}`;
		if ((details.modulusLength ?? 0) < MIN_RSA_BITS)
			return `RS256 needs an RSA key of at least ${MIN_RSA_BITS} bits; this one has ${details.modulusLength}`;
	}
	if (algorithm === 'ES256') {
		if (key.asymmetricKeyType !== 'ec' || details.namedCurve !== 'prime256v1')
			return `ES256 needs an EC public key on the P-256 curve; this one is ${key.asymmetricKeyType ?? 'unknown'} ${details.namedCurve ?? ''}`.trim();
	}
	return undefined;
}

function optionalText(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

export function clientTokenSettings(
	data: Record<string, unknown>,
): SettingsResult<ClientTokenSettings> {
	const algorithm = data.algorithm as JwtAlgorithm;
	if (!JWT_ALGORITHMS.includes(algorithm))
		return problem(`Algorithm must be one of ${JWT_ALGORITHMS.join(', ')}`);
	const tolerance = Number(data.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE_SECONDS);
	if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_CLOCK_TOLERANCE_SECONDS)
		return problem(`Clock Tolerance must be 0 to ${MAX_CLOCK_TOLERANCE_SECONDS} seconds`);

	let key: KeyObject;
	if (algorithm === 'HS256') {
		const secret = Buffer.from(typeof data.secret === 'string' ? data.secret : '', 'utf8');
		if (secret.length < MIN_HS256_SECRET_BYTES)
			return problem(
				`Secret must be at least ${MIN_HS256_SECRET_BYTES} bytes for HS256 (it has ${secret.length})`,
			);
		key = createSecretKey(secret);
	} else {
		const parsed = parsedPublicKey(typeof data.publicKey === 'string' ? data.publicKey : '');
		if (typeof parsed === 'string') return problem(parsed);
		const misfit = keyFits(algorithm, parsed);
		if (misfit) return problem(misfit);
		key = parsed;
	}
	return {
		ok: true,
		settings: {
			algorithm,
			key,
			clockToleranceSeconds: tolerance,
			issuer: optionalText(data.issuer),
			audience: optionalText(data.audience),
		},
	};
}
