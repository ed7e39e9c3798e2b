import { randomInt } from 'node:crypto';

import { pause } from '../timers';
import { THIS_PROCESS_FETCHER_ID } from './accessTokenFetch';
import type { HstCredentials } from './credentials';

/**
 * Replacing an HST access token that expired or was rejected, shared by every request of this process
 * that needs the same token, and coordinated with other n8n processes only through the stored
 * credential (README, "One HST token for all processes").
 *
 * HST keeps one valid token per developer account (docs/vendors/hst.md#access-token): every fetch
 * invalidates the token everyone else holds. So, per token owner (accessTokenOwner: gateway,
 * developer ID and secret):
 * - one renewal at a time in this process; requests that need one meanwhile wait for its result;
 * - a renewal first adopts a usable token another process stored, and fetches only when there is none;
 * - when the stored token was fetched by another process (queue mode is then evident), it waits a
 *   random moment and looks again before fetching, so that processes rarely fetch at once. A single
 *   n8n process only ever finds its own fetches there, so it never waits.
 * Nothing outlives a renewal: the map below holds only the promises of renewals in flight, keyed by
 * the owner hash, never credential data.
 */

/** Covers the trip from the gateway's clock start to our receipt; a late request still gets one 606000001 retry. */
const ACCESS_TOKEN_EXPIRY_MARGIN_MS = 5_000;

/**
 * The wait before fetching when another process fetched the stored token. Its floor lets that process,
 * which does not wait, fetch and store first; the spread separates the processes that do wait.
 */
export const FETCH_STAGGER_MIN_MS = 200;
export const FETCH_STAGGER_MAX_MS = 1_000;

/**
 * Fetches one request may lead. Each after the first only once a token it used was rejected and the
 * store showed no newer one for ADOPTION_POLLS × ADOPTION_POLL_MS: it mends a store left holding a
 * dead token (two processes fetched at once and the earlier fetch was saved last). Three, not two:
 * a mending fetch can itself collide with another process's, and with two a request that was unlucky
 * twice failed although nothing outside n8n fetched (seen with three workers fetching at once).
 */
export const MAX_FETCHES_PER_REQUEST = 3;

/** How long a renewal watches the store for another process's token before fetching (again). */
const ADOPTION_POLLS = 5;
const ADOPTION_POLL_MS = 200;

const NEVER_ABORTED = new AbortController().signal;

/** The stored token when `owner` may use it and it has not expired (by this process's clock). */
export function usableToken(
	stored: HstCredentials,
	owner: string,
	now = Date.now(),
): string | undefined {
	const usable =
		stored.accessToken !== '' &&
		stored.accessTokenOwner === owner &&
		stored.accessTokenExpiresAt - ACCESS_TOKEN_EXPIRY_MARGIN_MS > now;
	return usable ? stored.accessToken : undefined;
}

/** What a renewal needs from the request that leads it. */
export interface RenewalIo<R> {
	owner: string;
	/** The stored credential as n8n has it now (another process may have written it). */
	reload(): Promise<HstCredentials>;
	/**
	 * The leading request itself, sent with the token emptied: n8n runs the credential's
	 * preAuthentication, which fetches a token and stores it, then sends the request with it.
	 */
	fetchAndSend(): Promise<R>;
	/** Fetches this request may still lead (MAX_FETCHES_PER_REQUEST at first). */
	fetchesLeft: number;
	/** Told before each wait, so operators can see why a renewal took longer. */
	onWait?(
		reason: 'watching for another process token' | 'another process fetched last',
		ms: number,
	): void;
}

export type Renewal<R> =
	/**
	 * A token to send with: adopted from the store, or what a renewal this request joined ended with.
	 * `fetched`: that renewal fetched it, so a rejection of it means someone fetched again since.
	 */
	| { kind: 'token'; token: string; fetched: boolean }
	/** This request led a fetch and was sent with it; `token` is that token when the store still holds it. */
	| { kind: 'sent'; answer: R; token: string | undefined }
	/** This request led the fetch and its own send failed (the fetch itself, or the request after it). */
	| { kind: 'sendFailed'; error: unknown }
	/** The fetch failed (e.g. HST 606000000): every request that waited for it gets this error. */
	| { kind: 'fetchFailed'; error: unknown }
	/** No newer token, and the leader was not allowed to fetch. */
	| { kind: 'none' };

/**
 * `token`: the newest usable token the store held when the renewal ended; `fetched`: the renewal
 * fetched one; `fetchedHere`: the stored token is the one it fetched (not another process's).
 */
type Outcome =
	| { token: string | undefined; fetched: boolean; fetchedHere: boolean }
	| { error: unknown };

const renewalsInFlight = new Map<string, Promise<Outcome>>();

/**
 * Joins the renewal in flight for `io.owner`, or leads one. `stale` is the token being replaced;
 * `patient`: it came from a fetch moments ago, so whoever replaced it is probably storing a token now.
 */
export async function renewAccessToken<R>(
	io: RenewalIo<R>,
	stale: string,
	patient = false,
): Promise<Renewal<R>> {
	// A request that may not fetch any more only watches the store, alone: a renewal it led would hold
	// back requests that may fetch, and the store may need exactly that.
	if (io.fetchesLeft === 0) {
		return joined(await lead(io, stale, true, () => undefined).catch(asOutcome));
	}
	const running = renewalsInFlight.get(io.owner);
	if (running) return joined(await running);

	let own: { answer: R } | { error: unknown } | undefined;
	// Settles with an outcome even when reading the credential fails, so it is always forgotten below.
	const renewal = lead(io, stale, patient, (result) => {
		own = result;
	}).catch(asOutcome);
	// Registered before lead()'s first await yields, so every concurrent caller finds it.
	renewalsInFlight.set(io.owner, renewal);
	const outcome = await renewal;
	if (renewalsInFlight.get(io.owner) === renewal) renewalsInFlight.delete(io.owner);

	const sent = own as { answer: R } | { error: unknown } | undefined;
	if (sent === undefined) return joined(outcome);
	if ('error' in sent) return { kind: 'sendFailed', error: sent.error };
	if ('error' in outcome) return { kind: 'fetchFailed', error: outcome.error };
	// Only a token this process fetched is surely the one the request went out with.
	return {
		kind: 'sent',
		answer: sent.answer,
		token: outcome.fetchedHere ? outcome.token : undefined,
	};
}

const asOutcome = (error: unknown): Outcome => ({ error });

function joined<R>(outcome: Outcome): Renewal<R> {
	if ('error' in outcome) return { kind: 'fetchFailed', error: outcome.error };
	if (outcome.token === undefined) return { kind: 'none' };
	return { kind: 'token', token: outcome.token, fetched: outcome.fetched };
}

async function lead<R>(
	io: RenewalIo<R>,
	stale: string,
	patient: boolean,
	reportOwnSend: (result: { answer: R } | { error: unknown }) => void,
): Promise<Outcome> {
	const adopted = (token: string | undefined) => ({ token, fetched: false, fetchedHere: false });
	const current = await io.reload();
	let token = newerToken(current, io.owner, stale);
	if (token !== undefined) return adopted(token);

	const refetch = patient || io.fetchesLeft < MAX_FETCHES_PER_REQUEST;
	if (refetch) {
		// A freshly fetched token was rejected: someone fetched since. When that is another n8n
		// process, its token reaches the store within moments; adopting it beats fetching again.
		io.onWait?.('watching for another process token', ADOPTION_POLLS * ADOPTION_POLL_MS);
		for (let poll = 0; poll < ADOPTION_POLLS && token === undefined; poll++) {
			await pause(ADOPTION_POLL_MS, NEVER_ABORTED);
			token = newerToken(await io.reload(), io.owner, stale);
		}
		if (token !== undefined || io.fetchesLeft === 0) return adopted(token);
	}
	if (refetch || fetchedByAnotherProcess(current, io.owner)) {
		// Other processes are evidently renewing too: a random moment apart, the first one's token
		// is usually stored before the others look again.
		const stagger = randomInt(FETCH_STAGGER_MIN_MS, FETCH_STAGGER_MAX_MS);
		io.onWait?.(
			refetch ? 'watching for another process token' : 'another process fetched last',
			stagger,
		);
		await pause(stagger, NEVER_ABORTED);
		token = newerToken(await io.reload(), io.owner, stale);
		if (token !== undefined) return adopted(token);
	}

	io.fetchesLeft -= 1;
	const sent = await io.fetchAndSend().then(
		(answer) => ({ answer }),
		(error: unknown) => ({ error }),
	);
	reportOwnSend(sent);
	// What n8n stored from preAuthentication. It can also be a token another process stored just
	// after this one; either way it is the newest the store knows.
	const after = await io.reload();
	token = newerToken(after, io.owner, stale);
	if ('error' in sent && token === undefined) return { error: sent.error };
	return {
		token,
		fetched: true,
		fetchedHere: after.accessTokenFetchedBy === THIS_PROCESS_FETCHER_ID,
	};
}

function newerToken(current: HstCredentials, owner: string, stale: string): string | undefined {
	const token = usableToken(current, owner);
	return token !== undefined && token !== stale ? token : undefined;
}

function fetchedByAnotherProcess(current: HstCredentials, owner: string): boolean {
	return (
		current.accessTokenOwner === owner &&
		current.accessTokenFetchedBy !== '' &&
		current.accessTokenFetchedBy !== THIS_PROCESS_FETCHER_ID
	);
}

/** For tests: forget renewals in flight (each test file starts from a clean process state). */
export function forgetRenewalsInFlight(): void {
	renewalsInFlight.clear();
}
