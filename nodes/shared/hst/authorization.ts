import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { HstPath } from './api';
import { readHstCredentials } from './credentials';
import { accessTokenAuthorization } from './fspToken';

/**
 * The `Authorization` header HST expects on `request` (docs/vendors/hst.md#access-token): its token
 * endpoint takes the developer ID with an FspToken signed by the developer secret, every other
 * endpoint the access token the token endpoint issued. Throws, with a message that never holds the
 * secret, when the secret cannot sign an FspToken (it must have 16 characters).
 */
export function hstAuthorization(
	credentials: ICredentialDataDecryptedObject,
	request: Pick<IHttpRequestOptions, 'url'>,
): string {
	if (!isTokenRequest(request.url)) return String(credentials.accessToken ?? '');
	const { developerId, developerSecret } = readHstCredentials(credentials);
	return accessTokenAuthorization(developerId, developerSecret);
}

function isTokenRequest(url: string): boolean {
	return url.split(/[?#]/, 1)[0].endsWith(HstPath.ACCESS_TOKEN);
}
