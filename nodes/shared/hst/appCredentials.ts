import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { FSP_SECRET_LENGTH, createFspToken } from './fspToken';

/**
 * The `hstAppApi` credential: one app's ID and secret, from which a developer's server builds the
 * FspTokens its users log in with (docs/vendors/hst.md#client-login-tokens). HST offers no endpoint
 * to check an app secret, so the credential is tested here, without a request.
 */
export const HST_APP_CREDENTIAL_TYPE = 'hstAppApi';

interface HstAppCredentials {
	appId: string;
	appSecret: string;
}

export function readHstAppCredentials(data: ICredentialDataDecryptedObject): HstAppCredentials {
	return { appId: String(data.appId ?? '').trim(), appSecret: String(data.appSecret ?? '') };
}

/** What is wrong with the credential, worded without the secret; undefined when it can sign tokens. */
export function hstAppCredentialProblem(credentials: HstAppCredentials): string | undefined {
	if (credentials.appId === '') return 'App ID is empty';
	const length = Buffer.byteLength(credentials.appSecret, 'utf8');
	if (length !== FSP_SECRET_LENGTH) {
		return `App Secret must be exactly ${FSP_SECRET_LENGTH} characters (it is the AES-128 key of the token); this one has ${length}`;
	}
	return undefined;
}

/** The node's `credentialTest`: the secret's length, then a token built with it. */
export async function hstAppCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readHstAppCredentials(credential.data ?? {});
	const problem = hstAppCredentialProblem(credentials);
	if (problem) return { status: 'Error', message: problem };
	createFspToken(credentials.appSecret, { appId: credentials.appId, userId: 'credential-test' });
	return {
		status: 'OK',
		message: `The app secret has ${FSP_SECRET_LENGTH} characters and signs tokens (HST has no endpoint to check it against)`,
	};
}
