import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { clientTokenSettings } from '../shared/mediaGateway/clientToken';
import { sharedSecretSettings } from '../shared/mediaGateway/sharedSecret';

/**
 * Neither credential talks to a server: n8n holds the key and checks callers with it. The test is
 * therefore local: would this key material ever verify a caller (PEM parses, the key fits the algorithm,
 * a secret is long enough)?
 */
export const credentialTest = {
	async mediaGatewayClientTokenKeyCheck(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const read = clientTokenSettings(credential.data ?? {});
		if (!read.ok) return { status: 'Error', message: read.problem };
		const { algorithm, issuer, audience } = read.settings;
		const checks = [issuer && 'iss', audience && 'aud'].filter(Boolean).join(' and ');
		return {
			status: 'OK',
			message: `The key verifies ${algorithm} tokens${checks ? `; ${checks} are checked too` : ''}`,
		};
	},

	async mediaGatewaySharedSecretCheck(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const read = sharedSecretSettings(credential.data ?? {});
		return read.ok
			? { status: 'OK', message: `Callers send the secret in header ${read.settings.headerName}` }
			: { status: 'Error', message: read.problem };
	},
};
