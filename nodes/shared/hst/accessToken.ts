import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
	type Logger,
} from 'n8n-workflow';

import {
	forgetRenewalsInFlight,
	renewAccessToken,
	MAX_FETCHES_PER_REQUEST,
	usableToken,
	type Renewal,
	type RenewalIo,
} from './accessTokenRenewal';
import {
	credentialReference,
	readCredentials,
	rereadCredentials,
} from '../execution/runCredentials';
import {
	HST_CREDENTIAL_TYPE,
	accessTokenOwner,
	readHstCredentials,
	type HstCredentials,
} from './credentials';

/**
 * The one path by which the HST action node and the HST Event Trigger get an access token.
 *
 * The token lives in the stored `hstApi` credential (hidden expirable field `accessToken`), written
 * there by n8n from the credential's `preAuthentication`, so every execution and queue-mode process
 * reads the same one. A stored token serves only credential data with the same owner hash (gateway,
 * developer ID and secret): a credential never uses a token another credential's secret fetched.
 *
 * A request sends with the stored token while it is usable. When there is none, or HST answers
 * 606000001, the request renews it (accessTokenRenewal.ts: adopt what another process stored, or fetch)
 * and sends again, up to MAX_SENDS sends and MAX_FETCHES_PER_REQUEST fetches it leads; a rejection
 * that remains is the caller's to report (README, Queue mode: guaranteed, likely, worst case).
 */

/** Sends per request at most: the first, and a re-send with each adopted or fetched token. */
export const MAX_SENDS = 6;

/** What the token path needs from an n8n context; both IExecuteFunctions and ITriggerFunctions provide it. */
export interface HstTokenContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
	logger: Logger;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: {
				credentialsDecrypted?: {
					id: string;
					name: string;
					type: string;
					data: ICredentialDataDecryptedObject;
				};
			},
		): Promise<unknown>;
	};
}

/** Sends one request with the given credential data (token included). */
export type SendWithCredentials<R> = (credentials: ICredentialDataDecryptedObject) => Promise<R>;

/** An answer, with the token it was sent with ('' when the store did not show which token was fetched). */
export interface TokenUse<R> {
	answer: R;
	token: string;
	developerId: string;
}

/**
 * Sends with a usable token, renewing it first when there is none. When the answer says the token
 * was rejected, renews and sends again (see above); a rejection that remains is the caller's to report.
 */
export async function withAccessToken<R>(
	context: HstTokenContext,
	send: SendWithCredentials<R>,
	isTokenRejected: (response: R) => boolean,
	itemIndex?: number,
): Promise<R> {
	return (await sendWithAccessToken(context, send, isTokenRejected, { itemIndex })).answer;
}

/**
 * withAccessToken, also telling which token was used. `rejectedToken`: a token the caller saw
 * rejected elsewhere (the event gateway refuses logins by a WebSocket frame): it is not used again.
 */
export async function sendWithAccessToken<R>(
	context: HstTokenContext,
	send: SendWithCredentials<R>,
	isTokenRejected: (response: R) => boolean,
	options: { itemIndex?: number; rejectedToken?: string } = {},
): Promise<TokenUse<R>> {
	// Read once per node run (runCredentials.ts); a renewal rereads what n8n holds, for the rest of the run.
	const stored = await readCredentials(context, HST_CREDENTIAL_TYPE, options.itemIndex);
	const credentials = readHstCredentials(stored);
	const { developerId } = credentials;
	const sendWith = async (token: string) => await send({ ...stored, accessToken: token });
	const io: RenewalIo<R> = {
		owner: accessTokenOwner(credentials),
		reload: async () =>
			readHstCredentials(await rereadCredentials(context, HST_CREDENTIAL_TYPE, options.itemIndex)),
		fetchAndSend: async () => await sendWith(''),
		fetchesLeft: MAX_FETCHES_PER_REQUEST,
		onWait: (reason, ms) =>
			context.logger.info(`HST access token: waiting up to ${ms} ms before fetching (${reason})`, {
				developerId,
			}),
	};

	let stale = options.rejectedToken ?? credentials.accessToken;
	let token = usableToken(credentials, io.owner);
	if (token === options.rejectedToken) token = undefined;
	let fetched = false;
	let patient = false;
	let rejected: TokenUse<R> | undefined;
	for (let sends = 0, renewals = 0; sends < MAX_SENDS && renewals <= MAX_SENDS; ) {
		let use: TokenUse<R>;
		if (token !== undefined) {
			use = { answer: await sendWith(token), token, developerId };
			sends++;
		} else {
			renewals++;
			const renewal: Renewal<R> = await renewAccessToken(io, stale, patient);
			if (renewal.kind === 'sendFailed') throw renewal.error;
			if (renewal.kind === 'fetchFailed') throw asOwnError(context, renewal.error, options);
			if (renewal.kind === 'none') {
				if (io.fetchesLeft > 0) continue;
				break;
			}
			if (renewal.kind === 'token') {
				token = renewal.token === stale ? undefined : renewal.token;
				fetched = renewal.fetched;
				continue;
			}
			use = { answer: renewal.answer, token: renewal.token ?? '', developerId };
			sends++;
			fetched = true;
			context.logger.info('HST access token refreshed', { developerId });
		}
		if (!isTokenRejected(use.answer)) return use;
		rejected = use;
		stale = use.token || stale;
		token = undefined;
		// A token fetched moments ago and already rejected: someone fetched since (README, Queue mode).
		patient = fetched;
		fetched = false;
		context.logger.debug('HST rejected the access token; renewing it', { developerId });
	}
	if (rejected) return rejected;
	throw new NodeApiError(context.getNode(), { developerId } as JsonObject, {
		message: 'No HST access token could be obtained for this credential',
		description: 'Another system keeps replacing the token of this developer account',
		itemIndex: options.itemIndex,
	});
}

/**
 * A fetch failure another request led, as this request's own error: same message (HST's code and
 * meaning), this node. The original is n8n's NodeApiError of the leading request's node.
 */
function asOwnError(
	context: HstTokenContext,
	error: unknown,
	options: { itemIndex?: number },
): NodeApiError {
	const failure = error as { message?: string; description?: string | null };
	const message = String(failure?.message ?? error);
	return new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description: failure?.description ?? undefined,
		itemIndex: options.itemIndex,
	});
}

/**
 * Sends through n8n's authenticated request helper (proxies, SSRF rules and audit as users expect),
 * with exactly the credential data the token path chose.
 */
export function sendThroughN8n<R>(
	context: HstTokenContext,
	buildRequest: (credentials: HstCredentials) => IHttpRequestOptions,
): SendWithCredentials<R> {
	return async (data) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			HST_CREDENTIAL_TYPE,
			buildRequest(readHstCredentials(data)),
			{
				credentialsDecrypted: {
					...credentialReference(context, HST_CREDENTIAL_TYPE),
					type: HST_CREDENTIAL_TYPE,
					data,
				},
			},
		)) as R;
}

/** For tests: forget this process's token bookkeeping (renewals in flight). */
export function resetAccessTokenSharing(): void {
	forgetRenewalsInFlight();
}
