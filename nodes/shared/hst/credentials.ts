import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimTrailingSlash } from '../urls';

export const HST_CREDENTIAL_TYPE = 'hstApi';

export const HST_PUBLIC_GATEWAY_URL = 'https://fsp-store-gw.hst.com';
export const HST_PUBLIC_ACCESS_URL = 'https://access.paas.hst.com';

/** The stored `hstApi` credential, typed. The `accessToken*` fields are hidden and filled by n8n. */
export interface HstCredentials {
	gatewayUrl: string;
	accessUrl: string;
	developerId: string;
	developerSecret: string;
	accessToken: string;
	/** Milliseconds since the epoch, by the clock of the process that fetched the token. */
	accessTokenExpiresAt: number;
	/** accessTokenOwner() of the credential data the token was fetched with. */
	accessTokenOwner: string;
	/** Which n8n process fetched the stored token (a random id per process, see accessTokenFetch.ts). */
	accessTokenFetchedBy: string;
}

export function readHstCredentials(data: ICredentialDataDecryptedObject): HstCredentials {
	return {
		gatewayUrl: trimTrailingSlash(String(data.gatewayUrl ?? HST_PUBLIC_GATEWAY_URL)),
		accessUrl: trimTrailingSlash(String(data.accessUrl ?? HST_PUBLIC_ACCESS_URL)),
		developerId: String(data.developerId ?? '').trim(),
		developerSecret: String(data.developerSecret ?? ''),
		accessToken: String(data.accessToken ?? ''),
		accessTokenExpiresAt: Number(data.accessTokenExpiresAt ?? 0) || 0,
		accessTokenOwner: String(data.accessTokenOwner ?? ''),
		accessTokenFetchedBy: String(data.accessTokenFetchedBy ?? ''),
	};
}

const OWNER_LABEL = 'n8n-nodes-rtc-paas/hst-access-token-owner/v2';

/**
 * Who may use a token: a hash of everything that proves the right to it (gateway, developer ID and
 * developer secret). A token is only ever served to credential data with the same owner, so a
 * credential with the right developer ID but another secret never gets it, and editing the secret
 * in n8n retires the stored token. The hash does not reveal the secret; it is kept in the credential
 * (encrypted by n8n) and names the in-process bookkeeping, so neither holds the secret itself.
 */
export function accessTokenOwner(
	credentials: Pick<HstCredentials, 'gatewayUrl' | 'developerId' | 'developerSecret'>,
): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				OWNER_LABEL,
				credentials.gatewayUrl,
				credentials.developerId,
				credentials.developerSecret,
			]),
		)
		.digest('hex');
}
