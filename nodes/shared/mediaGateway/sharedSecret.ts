import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { MEDIA_GATEWAY_HEADERS } from './protocol';
import type { SettingsResult } from './clientToken';

/** The Media Gateway Shared Secret credential: one header, one secret, for a server in front of n8n. */

export const SHARED_SECRET_CREDENTIAL = 'mediaGatewaySharedSecretApi';
export const DEFAULT_SECRET_HEADER = 'X-Gateway-Secret';
export const MIN_SHARED_SECRET_LENGTH = 16;

export interface SharedSecretSettings {
	/** Lower case, as n8n hands headers to nodes. */
	headerName: string;
	secret: string;
}

/** RFC 9110 section 5.6.2: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const PROTOCOL_HEADERS = new Set<string>(Object.values(MEDIA_GATEWAY_HEADERS).flat());

export function sharedSecretSettings(
	data: Record<string, unknown>,
): SettingsResult<SharedSecretSettings> {
	const headerName = String(data.headerName ?? '')
		.trim()
		.toLowerCase();
	const secret = typeof data.secret === 'string' ? data.secret : '';
	if (!HEADER_NAME.test(headerName))
		return { ok: false, problem: 'Header Name must be an HTTP header name, e.g. X-Gateway-Secret' };
	if (PROTOCOL_HEADERS.has(headerName))
		return {
			ok: false,
			problem: `Header Name ${headerName} is a media gateway header; choose another, e.g. X-Gateway-Secret`,
		};
	if (secret.length < MIN_SHARED_SECRET_LENGTH)
		return {
			ok: false,
			problem: `Secret must be at least ${MIN_SHARED_SECRET_LENGTH} characters (it has ${secret.length})`,
		};
	return { ok: true, settings: { headerName, secret } };
}

/**
 * Compares both sides as HMACs under a key of this process: equal-length digests, so neither the
 * position of the first differing byte nor the secret's length shows in the time taken.
 */
const comparisonKey = randomBytes(32);
const digest = (text: string) => createHmac('sha256', comparisonKey).update(text, 'utf8').digest();

export function sameSecret(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}
