import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimTrailingSlash } from '../urls';

export const HST_CREDENTIAL_TYPE = 'hstApi';

export const HST_PUBLIC_GATEWAY_URL = 'https://fsp-store-gw.hst.com';
export const HST_PUBLIC_ACCESS_URL = 'https://access.paas.hst.com';

/** The stored `hstApi` credential, typed. The three `accessToken*` fields are hidden and filled by n8n. */
export interface HstCredentials {
	gatewayUrl: string;
	accessUrl: string;
	developerId: string;
	developerSecret: string;
	accessToken: string;
	/** Milliseconds since the epoch, as measured by this side when the token arrived. */
	accessTokenExpiresAt: number;
	/** The account the stored token belongs to, so an edited credential never reuses another account's token. */
	accessTokenOwner: string;
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
	};
}

/** One token is valid per developer account (001): this names the account a token belongs to. */
export function hstAccountKey(
	credentials: Pick<HstCredentials, 'gatewayUrl' | 'developerId'>,
): string {
	return `${credentials.gatewayUrl}|${credentials.developerId}`;
}
