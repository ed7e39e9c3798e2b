import { randomUUID } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { pause } from '../timers';

/**
 * Who may fetch the next HST access token when several n8n processes (queue-mode workers, webhook
 * processes, main) share one credential. HST keeps one valid token per account, so two processes
 * fetching at once would each invalidate the other's token.
 *
 * The only store every n8n process shares and a node may write is the credential itself: the
 * credential's `preAuthentication` output is persisted to the database. A process that needs a
 * token writes a lease `<holder>@<until>` into the hidden field `accessTokenLease`, waits
 * LEASE_SETTLE_MS, and reads it back. The field is last-writer-wins, and every process that claims
 * does so right after reading "no live lease", so all competing claims land within the time of one
 * database write — far inside the settle time — and every claimant reads back the same last holder.
 * Only that holder fetches; the others poll the credential until the new token is there, or until
 * the lease lapses (the holder died) and they claim again.
 *
 * Within one process, withRefreshedAccessToken's single-flight makes one caller per account take
 * part, so the database sees one claim and one poller per process, not one per execution.
 */

/** Holder and expiry of a claim on the next token fetch, as stored in `accessTokenLease`. */
export interface RefreshLease {
	holder: string;
	until: number;
}

export const ACCESS_TOKEN_LEASE_FIELD = 'accessTokenLease';

/** Longer than one token fetch can take; a holder that dies blocks the others at most this long. */
export const REFRESH_LEASE_MS = 20_000;

/** Far more than a credential write takes, even on a busy worker. Each token fetch waits this once. */
export const LEASE_SETTLE_MS = 1_000;

export const LEASE_POLL_MS = 200;

/**
 * In the data sent to n8n, this prefix on `accessTokenLease` asks the credential's
 * `preAuthentication` to store the lease instead of fetching a token.
 */
const LEASE_CLAIM_PREFIX = 'claim:';

/**
 * The address of the request that carries a lease write through n8n: the credential's `authenticate`
 * refuses it, so it never leaves the process (n8n persists preAuthentication output before that).
 */
export const LEASE_WRITE_URL = 'urn:n8n-nodes-rtc-paas:hst-token-lease';

const LEASE_WRITTEN = 'HST token lease stored; this request is not sent';

export class LeaseWrittenSignal extends Error {
	constructor() {
		super(LEASE_WRITTEN);
	}
}

/** n8n wraps what `authenticate` throws, so the signal is recognised by its message, not its class. */
export function isLeaseWrittenSignal(error: unknown): boolean {
	return String((error as Error | undefined)?.message).includes(LEASE_WRITTEN);
}

export function formatLease(lease: RefreshLease): string {
	return `${lease.holder}@${lease.until}`;
}

export function parseLease(value: unknown): RefreshLease | undefined {
	const match = /^([^@]+)@(\d+)$/.exec(String(value ?? ''));
	return match ? { holder: match[1], until: Number(match[2]) } : undefined;
}

/** The `accessTokenLease` value that asks preAuthentication to store `lease` (read by claimedLease). */
export function leaseClaim(lease: RefreshLease): string {
	return LEASE_CLAIM_PREFIX + formatLease(lease);
}

/** The lease a claim write asks preAuthentication to store, if `data` is a claim write. */
export function claimedLease(data: ICredentialDataDecryptedObject): string | undefined {
	const value = String(data[ACCESS_TOKEN_LEASE_FIELD] ?? '');
	return value.startsWith(LEASE_CLAIM_PREFIX) ? value.slice(LEASE_CLAIM_PREFIX.length) : undefined;
}

const processId = randomUUID().slice(0, 8);
let attempts = 0;

/** A holder name unique to one refresh attempt of this process. */
export function newLeaseHolder(): string {
	attempts += 1;
	return `${processId}/${attempts}`;
}

export interface LeaseTurnIo {
	/** The stored credential as the database has it now. */
	reload(): Promise<ICredentialDataDecryptedObject>;
	/** Stores `lease` in the credential (through n8n, so every process sees it). */
	writeLease(current: ICredentialDataDecryptedObject, lease: RefreshLease): Promise<void>;
	/** True when `current` holds a usable token other than the one being replaced. */
	isRefreshed(current: ICredentialDataDecryptedObject): boolean;
	now?: () => number;
}

export type LeaseTurn =
	| { kind: 'adopt'; credentials: ICredentialDataDecryptedObject }
	| { kind: 'fetch'; credentials: ICredentialDataDecryptedObject };

const NEVER_ABORTED = new AbortController().signal;

/**
 * Waits for this process's turn to fetch: either another process's fresh token turns up (adopt it)
 * or this process holds the lease after the settle time (fetch). When the lease cannot be stored at
 * all (a host that does not persist preAuthentication output), fetches at once.
 */
export async function takeRefreshTurn(
	first: ICredentialDataDecryptedObject,
	io: LeaseTurnIo,
): Promise<LeaseTurn> {
	const now = io.now ?? Date.now;
	const holder = newLeaseHolder();
	let current = first;
	let afterClaim = false;
	for (;;) {
		if (io.isRefreshed(current)) return { kind: 'adopt', credentials: current };
		const lease = parseLease(current[ACCESS_TOKEN_LEASE_FIELD]);
		const live = lease !== undefined && lease.until > now();
		const readingBackOurClaim = afterClaim;
		afterClaim = false;
		if (live && lease.holder === holder) return { kind: 'fetch', credentials: current };
		if (live) {
			await pause(LEASE_POLL_MS, NEVER_ABORTED);
		} else if (readingBackOurClaim && lease === undefined) {
			// The claim was written and reads back as absent: this host does not persist leases.
			return { kind: 'fetch', credentials: current };
		} else {
			await io.writeLease(current, { holder, until: now() + REFRESH_LEASE_MS });
			afterClaim = true;
			await pause(LEASE_SETTLE_MS, NEVER_ABORTED);
		}
		current = await io.reload();
	}
}
