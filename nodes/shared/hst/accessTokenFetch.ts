import { randomUUID } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { HstPath, type AccessTokenResult, type HstEnvelope } from './api';
import { accessTokenOwner, type HstCredentials } from './credentials';
import { accessTokenAuthorization } from './fspToken';
import { HstStatus, describeHstStatus } from './statusCodes';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * Names this n8n process in the credential when it fetches a token. A process that finds another
 * process's name there knows it shares the credential with other processes (queue mode) and staggers
 * its next fetch (accessTokenRenewal.ts); a single n8n process only ever finds its own name.
 */
export const THIS_PROCESS_FETCHER_ID: string = randomUUID();

/** Raised when HST will not issue a token. Its message never contains the secret or the FspToken. */
class HstAccessTokenError extends Error {
	constructor(
		message: string,
		readonly hstCode?: number,
	) {
		super(message);
		this.name = 'HstAccessTokenError';
	}
}

/** HST's lifetime when an answer carries none (docs/vendors/hst.md#access-token). */
const DEFAULT_LIFETIME_SECONDS = 7200;

/**
 * `GET /access/token` with an FspToken signed by the developer secret (docs/vendors/hst.md#access-token).
 * n8n calls this through the credential's `preAuthentication` and saves what it returns into the
 * stored credential, so every node and process reads it there.
 *
 * Runs without a node, so its failures are plain errors: n8n wraps them into a NodeApiError of the
 * node whose request needed the token, keeping this message.
 */
export async function fetchAccessToken(
	httpRequest: HttpRequest,
	credentials: HstCredentials,
	now: () => number = Date.now,
): Promise<IDataObject> {
	if (!credentials.developerId) {
		throw new HstAccessTokenError('The HST credential has no Developer ID');
	}
	const authorization = signedAuthorization(credentials);
	if (authorization instanceof Error) {
		throw new HstAccessTokenError(`HST credential: ${authorization.message}`);
	}

	const url = credentials.gatewayUrl + HstPath.ACCESS_TOKEN;
	const envelope = (await httpRequest({
		method: 'GET',
		url,
		headers: { Authorization: authorization },
		json: true,
	}).catch((error: unknown) => new TransportFailure(error))) as
		| HstEnvelope<AccessTokenResult>
		| TransportFailure;
	if (envelope instanceof TransportFailure) {
		// The transport error carries the request config, FspToken included: keep only what helps.
		throw new HstAccessTokenError(`Could not reach the HST gateway at ${url}: ${envelope.reason}`);
	}

	if (envelope?.code !== HstStatus.OK || !envelope.result?.access_token) {
		const code = typeof envelope?.code === 'number' ? envelope.code : undefined;
		const vendorMessage = envelope?.msg ? ` (HST says: ${envelope.msg})` : '';
		throw new HstAccessTokenError(
			`HST refused to issue an access token: ${code ?? 'no code'} ${describeHstStatus(code ?? -1)}${vendorMessage}`,
			code,
		);
	}

	const lifetimeSeconds =
		Number(envelope.result.timeout) > 0
			? Number(envelope.result.timeout)
			: DEFAULT_LIFETIME_SECONDS;
	return {
		accessToken: envelope.result.access_token,
		// A string: n8n 1.x masks password fields as strings and fails on a number.
		accessTokenExpiresAt: String(now() + lifetimeSeconds * 1000),
		accessTokenOwner: accessTokenOwner(credentials),
		accessTokenFetchedBy: THIS_PROCESS_FETCHER_ID,
	};
}

/** The Authorization header, or why the secret cannot sign one (e.g. not 16 characters). */
function signedAuthorization(credentials: HstCredentials): string | Error {
	try {
		return accessTokenAuthorization(credentials.developerId, credentials.developerSecret);
	} catch (error) {
		return error instanceof Error ? error : new Error(String(error));
	}
}

class TransportFailure {
	readonly reason: string;

	constructor(error: unknown) {
		this.reason = describeTransportError(error);
	}
}

/**
 * In words, not as the raw code: n8n's NodeApiError replaces any message containing a code such as
 * ECONNREFUSED with a generic sentence, which would hide the URL this message names.
 */
const TRANSPORT_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
};

function describeTransportError(error: unknown): string {
	const candidate = error as {
		code?: string;
		httpCode?: string;
		cause?: { code?: string };
		response?: { status?: number };
	};
	const code = candidate.cause?.code ?? candidate.code;
	if (code && TRANSPORT_FAILURES[code]) return TRANSPORT_FAILURES[code];
	const status = candidate.response?.status ?? candidate.httpCode;
	if (status) return `HTTP ${status}`;
	return 'the request failed';
}
