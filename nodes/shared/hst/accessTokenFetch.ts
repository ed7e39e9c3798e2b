import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { HstPath, type AccessTokenResult, type HstEnvelope } from './api';
import { hstAccountKey, type HstCredentials } from './credentials';
import { accessTokenAuthorization, fspSecretProblem } from './fspToken';
import { HstStatus, describeHstStatus } from './statusCodes';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Raised when HST will not issue a token. Its message never contains the secret or the FspToken. */
export class HstAccessTokenError extends Error {
	constructor(
		message: string,
		readonly hstCode?: number,
	) {
		super(message);
		this.name = 'HstAccessTokenError';
	}
}

/**
 * `GET /access/token` (001). n8n calls this through the credential's `preAuthentication`
 * and saves what it returns into the stored credential, so every node and process shares it.
 */
export async function fetchAccessToken(
	httpRequest: HttpRequest,
	credentials: HstCredentials,
	now: () => number = Date.now,
): Promise<IDataObject> {
	if (!credentials.developerId) {
		throw new HstAccessTokenError('The HST credential has no Developer ID');
	}
	// preAuthentication runs without a node, so no NodeApiError can be built here; n8n wraps these errors into one.
	const secretProblem = fspSecretProblem(credentials.developerSecret);
	if (secretProblem) throw new HstAccessTokenError(`HST credential: ${secretProblem}`);
	const authorization = accessTokenAuthorization(
		credentials.developerId,
		credentials.developerSecret,
	);

	const url = credentials.gatewayUrl + HstPath.ACCESS_TOKEN;
	// The transport error carries the request config, FspToken included: only its description is kept.
	const answer = await httpRequest({
		method: 'GET',
		url,
		headers: { Authorization: authorization },
		json: true,
	}).then(
		(envelope) => ({ envelope: envelope as HstEnvelope<AccessTokenResult> }),
		(error: unknown) => ({ failure: describeTransportError(error) }),
	);
	if ('failure' in answer) {
		throw new HstAccessTokenError(`Could not reach the HST gateway at ${url}: ${answer.failure}`);
	}
	const { envelope } = answer;

	if (envelope?.code !== HstStatus.OK || !envelope.result?.access_token) {
		const code = typeof envelope?.code === 'number' ? envelope.code : undefined;
		const vendorMessage = envelope?.msg ? ` (HST says: ${envelope.msg})` : '';
		throw new HstAccessTokenError(
			`HST refused to issue an access token: ${code ?? 'no code'} ${describeHstStatus(code ?? -1)}${vendorMessage}`,
			code,
		);
	}

	const lifetimeSeconds =
		Number(envelope.result.timeout) > 0 ? Number(envelope.result.timeout) : 7200;
	return {
		accessToken: envelope.result.access_token,
		accessTokenExpiresAt: now() + lifetimeSeconds * 1000,
		accessTokenOwner: hstAccountKey(credentials),
	};
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
