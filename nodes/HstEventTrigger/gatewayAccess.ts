import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	sendThroughN8n,
	withAccessToken,
	withRefreshedAccessToken,
	type HstTokenContext,
	type SendWithCredentials,
} from '../shared/hst/accessToken';
import { readHstCredentials } from '../shared/hst/credentials';
import { EGW_ADDRESS_PATH, EGW_APP_TYPE, cleanEgwAddress } from '../shared/hst/egw';

export interface EgwLocation {
	address: string;
	developerId: string;
	/** The credential data whose token the login uses; handed back to refresh it when the gateway rejects it. */
	credentials: ICredentialDataDecryptedObject;
}

export class EgwAddressError extends Error {}

/**
 * Where a trigger's app lives and with which token to log in. The address request goes through n8n's
 * authenticated helper and the shared token path, so it is also what makes sure a usable token exists:
 * one stored token for the action node and the trigger alike, never a second one fetched in parallel.
 */
export class EgwGatewayAccess {
	constructor(private readonly context: HstTokenContext) {}

	async locate(appId: string): Promise<EgwLocation> {
		const { send, used } = this.addressRequest(appId);
		const address = await withAccessToken(this.context, send, () => false);
		return this.location(address, used());
	}

	/** After the gateway rejected `stale`'s token at login: a newer token (someone else's refresh, or a fetched one). */
	async refreshed(appId: string, stale: ICredentialDataDecryptedObject): Promise<EgwLocation> {
		const { send, used } = this.addressRequest(appId);
		const address = await withRefreshedAccessToken(this.context, stale, send);
		return this.location(address, used());
	}

	private addressRequest(appId: string): {
		send: SendWithCredentials<string>;
		used: () => ICredentialDataDecryptedObject;
	} {
		let lastUsed: ICredentialDataDecryptedObject = {};
		const request = sendThroughN8n<{ code?: number; message?: string; result?: string }>(
			this.context,
			(credentials) => ({
				method: 'GET',
				url: credentials.accessUrl + EGW_ADDRESS_PATH,
				qs: { appType: EGW_APP_TYPE, app_id: appId },
				json: true,
			}),
		);
		const send: SendWithCredentials<string> = async (data) => {
			const answer = await request(data);
			lastUsed = data;
			if (
				answer?.code !== 0 ||
				typeof answer.result !== 'string' ||
				!cleanEgwAddress(answer.result)
			) {
				throw new EgwAddressError(
					`The HST access server did not give an event gateway address for app ${appId}: ${answer?.code ?? 'no code'} ${answer?.message ?? ''}`.trim(),
				);
			}
			return cleanEgwAddress(answer.result);
		};
		return { send, used: () => lastUsed };
	}

	private location(address: string, credentials: ICredentialDataDecryptedObject): EgwLocation {
		return { address, developerId: readHstCredentials(credentials).developerId, credentials };
	}
}
