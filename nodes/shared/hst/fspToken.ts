import { createCipheriv, randomInt } from 'crypto';

/**
 * FspToken: HST's TokenGenerator (Java and C++), reproduced byte for byte. The recipe and its vectors are in
 * docs/vendors/hst.md#fsptoken.
 */
export const FSP_TOKEN_VERSION_PREFIX = '001';
export const FSP_SECRET_LENGTH = 16;
/** HST uses the fixed IV 0x00..0x0f, not a random one. */
export const FSP_TOKEN_IV = Buffer.from(Array.from({ length: 16 }, (_, index) => index));
const AES_BLOCK = 16;
const SPACE = 0x20;

interface FspTokenClaims {
	appId: string;
	groupId?: string;
	userId?: string;
	/** Expiry in seconds since the epoch; omitted from the token when not set. */
	expiresAt?: number;
	/** Milliseconds since the epoch; now when not set. */
	issuedAt?: number;
	/** Non-negative 31-bit integer; random when not set. */
	random?: number;
}

export class FspSecretError extends Error {
	constructor(actualLength: number) {
		super(
			`The developer secret must be exactly ${FSP_SECRET_LENGTH} characters (it is the AES-128 key); this one has ${actualLength}`,
		);
		this.name = 'FspSecretError';
	}
}

function assertFspSecret(secret: string): void {
	if (Buffer.byteLength(secret, 'utf8') !== FSP_SECRET_LENGTH) {
		throw new FspSecretError(secret.length);
	}
}

/** The plain text, field order and spelling exactly as TokenGenerator writes it. */
export function fspTokenPlainText(claims: FspTokenClaims): string {
	const head = `{"aid":${JSON.stringify(claims.appId)},"gid":${JSON.stringify(claims.groupId ?? '')},"uid":${JSON.stringify(claims.userId ?? '')},`;
	const expiry = claims.expiresAt === undefined ? '' : `"et":${claims.expiresAt},`;
	const tail = `"ts":${claims.issuedAt ?? Date.now()},"r":${claims.random ?? randomInt(0, 2 ** 31)}}`;
	return head + expiry + tail;
}

/** Spaces up to a multiple of 16: TokenGenerator's padding, not PKCS#7. */
export function padWithSpaces(plain: Buffer): Buffer {
	const remainder = plain.length % AES_BLOCK;
	if (remainder === 0) return plain;
	return Buffer.concat([plain, Buffer.alloc(AES_BLOCK - remainder, SPACE)]);
}

export function createFspToken(secret: string, claims: FspTokenClaims): string {
	assertFspSecret(secret);
	const cipher = createCipheriv('aes-128-cbc', Buffer.from(secret, 'utf8'), FSP_TOKEN_IV);
	cipher.setAutoPadding(false);
	const padded = padWithSpaces(Buffer.from(fspTokenPlainText(claims), 'utf8'));
	const encrypted = Buffer.concat([cipher.update(padded), cipher.final()]);
	return FSP_TOKEN_VERSION_PREFIX + encrypted.toString('base64');
}

/**
 * `Authorization` value of `GET /access/token`: `<devId>.<FspToken>` (docs/vendors/hst.md#access-token,
 * docs/vendors/hst.md#fsptoken).
 */
export function accessTokenAuthorization(developerId: string, developerSecret: string): string {
	return `${developerId}.${createFspToken(developerSecret, { appId: developerId })}`;
}
