import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	Logger,
} from 'n8n-workflow';

import {
	ACCESS_TOKEN_LEASE_FIELD,
	LEASE_WRITE_URL,
	isLeaseWrittenSignal,
	leaseClaim,
	takeRefreshTurn,
	type RefreshLease,
} from './refreshLease';
import {
	HST_CREDENTIAL_TYPE,
	hstAccountKey,
	readHstCredentials,
	type HstCredentials,
} from './credentials';

/**
 * The one path by which the HST action node and the HST Event Trigger get an access token.
 *
 * Where the token lives: in the stored `hstApi` credential (hidden expirable field `accessToken`).
 * Sending with that field empty makes n8n run the credential's `preAuthentication`, which fetches a
 * token and saves it to the database, so every node, execution and queue-mode worker shares it.
 *
 * When a new token is fetched: none stored, past its expiry, or the gateway answered 606000001.
 * HST keeps one valid token per developer account and a new one invalidates the old everywhere,
 * so within a process refreshes are single-flight per account: the first caller fetches, the
 * others wait for its token. Across processes (queue mode) the one that fetches is chosen by a lease
 * stored in the credential (refreshLease.ts); the others adopt the token it stores.
 */

/** Covers the trip from the gateway's clock start to our receipt; a late request still gets one 606000001 retry. */
export const ACCESS_TOKEN_EXPIRY_MARGIN_MS = 5_000;

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

const refreshesInFlight = new Map<string, Promise<ICredentialDataDecryptedObject>>();
const newestByAccount = new Map<string, ICredentialDataDecryptedObject>();

export function isAccessTokenUsable(
	data: ICredentialDataDecryptedObject,
	now = Date.now(),
): boolean {
	const credentials = readHstCredentials(data);
	return (
		credentials.accessToken !== '' &&
		credentials.accessTokenOwner === hstAccountKey(credentials) &&
		credentials.accessTokenExpiresAt - ACCESS_TOKEN_EXPIRY_MARGIN_MS > now
	);
}

/**
 * Sends with a usable token, refreshing first when there is none. When the answer says the token
 * was rejected, refreshes once and sends once more; a second rejection is the caller's to report.
 */
export async function withAccessToken<R>(
	context: HstTokenContext,
	send: SendWithCredentials<R>,
	isTokenRejected: (response: R) => boolean,
	itemIndex?: number,
): Promise<R> {
	const credentials = await loadFreshestCredentials(context, itemIndex);
	if (!isAccessTokenUsable(credentials)) {
		return await withRefreshedAccessToken(context, credentials, send, itemIndex);
	}
	const response = await send(credentials);
	if (!isTokenRejected(response)) return response;
	context.logger.debug('HST rejected the access token; refreshing once', {
		developerId: readHstCredentials(credentials).developerId,
	});
	return await withRefreshedAccessToken(context, credentials, send, itemIndex);
}

/**
 * Replaces the token `stale` carried (or adopts a newer one someone else fetched) and sends with it.
 * Exported for the trigger, whose login is rejected by a WebSocket frame rather than an HTTP answer.
 */
export async function withRefreshedAccessToken<R>(
	context: HstTokenContext,
	stale: ICredentialDataDecryptedObject,
	send: SendWithCredentials<R>,
	itemIndex?: number,
): Promise<R> {
	const account = hstAccountKey(readHstCredentials(stale));
	const inFlight = refreshesInFlight.get(account);
	if (inFlight) return await send(await inFlight);

	let leaderResponse: Promise<R> | undefined;
	const fresh = (async () => {
		const isRefreshed = (data: ICredentialDataDecryptedObject) =>
			data.accessToken !== stale.accessToken && isAccessTokenUsable(data);
		const current = await loadFreshestCredentials(context, itemIndex);
		if (isRefreshed(current)) return current;
		const turn = await takeRefreshTurn(current, {
			reload: async () => await loadFreshestCredentials(context, itemIndex),
			writeLease: async (data, lease) => await writeRefreshLease(context, data, lease),
			isRefreshed,
		});
		if (turn.kind === 'adopt') return turn.credentials;

		const draft: ICredentialDataDecryptedObject = { ...turn.credentials, accessToken: '' };
		leaderResponse = send(draft);
		const leaderFailure = await leaderResponse.then(
			() => undefined,
			(error: unknown) => ({ error }),
		);
		// The fetch may have succeeded and only the leader's own request failed: the token still serves the others.
		// Without a token, everyone waiting gets n8n's own error (already a NodeApiError), unchanged.
		if (leaderFailure && !draft.accessToken) throw leaderFailure.error;
		newestByAccount.set(account, draft);
		context.logger.info('HST access token refreshed', {
			developerId: readHstCredentials(draft).developerId,
		});
		return draft;
	})();
	// Registered before the first await above yields, so concurrent callers always find it.
	refreshesInFlight.set(account, fresh);
	const forget = () => {
		if (refreshesInFlight.get(account) === fresh) refreshesInFlight.delete(account);
	};
	fresh.then(forget, forget);

	const credentials = await fresh;
	return await (leaderResponse ?? send(credentials));
}

/**
 * Stores a refresh lease through n8n: the credential's preAuthentication persists it, and its
 * `authenticate` then refuses the carrier request, so nothing goes over the network.
 */
async function writeRefreshLease(
	context: HstTokenContext,
	current: ICredentialDataDecryptedObject,
	lease: RefreshLease,
): Promise<void> {
	const carrier = sendThroughN8n<unknown>(context, () => ({ method: 'GET', url: LEASE_WRITE_URL }));
	try {
		await carrier({
			...current,
			accessToken: '',
			[ACCESS_TOKEN_LEASE_FIELD]: leaseClaim(lease),
		});
	} catch (error) {
		// Expected: the carrier is refused once the lease is stored. A failed store shows when the lease is read back.
		if (!isLeaseWrittenSignal(error)) {
			context.logger.debug('HST token lease may not have been stored', {
				reason: (error as Error).message,
			});
		}
	}
}

/**
 * The stored credential, or this process's newer token for the same account when the database
 * has not caught up yet. Always a copy: n8n's preAuthentication writes into the object it is given.
 */
async function loadFreshestCredentials(
	context: HstTokenContext,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	const stored = { ...(await context.getCredentials(HST_CREDENTIAL_TYPE, itemIndex)) };
	const storedView = readHstCredentials(stored);
	const newest = newestByAccount.get(hstAccountKey(storedView));
	if (!newest) return stored;
	const newestView = readHstCredentials(newest);
	if (newestView.accessTokenExpiresAt <= storedView.accessTokenExpiresAt) return stored;
	return {
		...stored,
		accessToken: newestView.accessToken,
		accessTokenExpiresAt: newestView.accessTokenExpiresAt,
		accessTokenOwner: newestView.accessTokenOwner,
	};
}

/**
 * Sends through n8n's authenticated request helper (proxies, SSRF rules and audit as users expect),
 * with exactly the credential data the token path chose.
 */
export function sendThroughN8n<R>(
	context: HstTokenContext,
	buildRequest: (credentials: HstCredentials) => IHttpRequestOptions,
): SendWithCredentials<R> {
	const reference = context.getNode().credentials?.[HST_CREDENTIAL_TYPE];
	return async (data) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			HST_CREDENTIAL_TYPE,
			buildRequest(readHstCredentials(data)),
			{
				credentialsDecrypted: {
					id: reference?.id ?? '',
					name: reference?.name ?? '',
					type: HST_CREDENTIAL_TYPE,
					data,
				},
			},
		)) as R;
}

/** For tests: forget this process's token bookkeeping. */
export function resetAccessTokenSharing(): void {
	refreshesInFlight.clear();
	newestByAccount.clear();
}
