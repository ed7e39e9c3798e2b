import { verifyJwt, type JwtClaims, type JwtProblem } from '../shared/mediaGateway/jwt';
import { MediaGatewayResult, type MediaGatewayResultCode } from '../shared/mediaGateway/protocol';
import { sameSecret } from '../shared/mediaGateway/sharedSecret';
import { headerValue, type HeaderBag } from '../shared/mediaGateway/headers';
import type { GatewayCall } from '../shared/mediaGateway/validation';
import { GatewayAuthentication, type BindableField, type CallerAuthentication } from './security';

/**
 * The checks on who is calling. Messages say what was wrong and never repeat the secret or the token:
 * a caller learns which rule it broke, not what would have passed.
 */

export interface Refusal {
	resultCode: MediaGatewayResultCode;
	message: string;
}

type Authenticated = { ok: true; claims?: JwtClaims } | { ok: false; refusal: Refusal };

const refused = (resultCode: MediaGatewayResultCode, message: string): Authenticated => ({
	ok: false,
	refusal: { resultCode, message },
});

const TOKEN_PROBLEM_CODE: Record<JwtProblem, MediaGatewayResultCode> = {
	malformed: MediaGatewayResult.CREDENTIALS_INVALID,
	algorithm: MediaGatewayResult.CREDENTIALS_INVALID,
	signature: MediaGatewayResult.CREDENTIALS_INVALID,
	issuer: MediaGatewayResult.CREDENTIALS_INVALID,
	audience: MediaGatewayResult.CREDENTIALS_INVALID,
	expired: MediaGatewayResult.TOKEN_EXPIRED,
	notYetValid: MediaGatewayResult.TOKEN_EXPIRED,
};

function headerText(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text === '' ? undefined : text;
}

/** Before the request itself is looked at: an unauthenticated caller learns nothing about the rest. */
export function authenticate(
	authentication: CallerAuthentication,
	headers: HeaderBag,
	nowMs: number,
): Authenticated {
	if (authentication.method === GatewayAuthentication.NONE) return { ok: true };
	if (authentication.method === GatewayAuthentication.SHARED_SECRET) {
		const { headerName, secret } = authentication.settings;
		const given = headerText(headers, headerName);
		if (given === undefined)
			return refused(MediaGatewayResult.CREDENTIALS_MISSING, `header ${headerName} is missing`);
		return sameSecret(given, secret)
			? { ok: true }
			: refused(
					MediaGatewayResult.CREDENTIALS_INVALID,
					`the secret in header ${headerName} is wrong`,
				);
	}
	const token = headerValue(headers, 'token');
	if (token === undefined)
		return refused(
			MediaGatewayResult.CREDENTIALS_MISSING,
			'header Token is missing: send the client token your server issued',
		);
	const verified = verifyJwt(token, {
		...authentication.settings,
		now: Math.floor(nowMs / 1000),
	});
	if (!verified.ok) return refused(TOKEN_PROBLEM_CODE[verified.problem], verified.message);
	return { ok: true, claims: verified.claims };
}

const FIELD_HEADER: Record<BindableField, string> = {
	appKey: 'App-Key',
	roomId: 'RoomId',
	userId: 'UserId',
};

/** After validation, when the headers are known: a token names the App-Key, room and user it was issued for. */
export function bindingRefusal(
	authentication: CallerAuthentication,
	claims: JwtClaims | undefined,
	call: GatewayCall,
): Refusal | undefined {
	if (authentication.method !== GatewayAuthentication.CLIENT_TOKEN || !claims) return undefined;
	for (const { field, claim } of authentication.bindings) {
		const header = FIELD_HEADER[field];
		const wanted = claims[claim];
		if (typeof wanted !== 'string' && typeof wanted !== 'number')
			return {
				resultCode: MediaGatewayResult.TOKEN_NOT_FOR_REQUEST,
				message: `the token has no ${claim} claim, and this gateway requires it to name the ${header}`,
			};
		const given = call[field];
		if (given === undefined)
			return {
				resultCode: MediaGatewayResult.TOKEN_NOT_FOR_REQUEST,
				message: `header ${header} is missing, and this gateway requires it to match the token`,
			};
		if (String(wanted) !== String(given))
			return {
				resultCode: MediaGatewayResult.TOKEN_NOT_FOR_REQUEST,
				message: `the token was issued for another ${header} (claim ${claim})`,
			};
	}
	return undefined;
}
