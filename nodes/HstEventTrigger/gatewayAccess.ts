import {
	sendThroughN8n,
	sendWithAccessToken,
	type HstTokenContext,
	type SendWithCredentials,
	type TokenUse,
} from '../shared/hst/accessToken';
import { EGW_ADDRESS_PATH, EGW_APP_TYPE, cleanEgwAddress } from '../shared/hst/egw';

interface EgwLocation {
	address: string;
	developerId: string;
	/** The access token to log in with; handed back to `refreshed` when the gateway rejects it. */
	token: string;
}

class EgwAddressError extends Error {}

/**
 * Where a trigger's app lives and with which token to log in. The address request goes through n8n's
 * authenticated helper and the shared token path, so it is also what makes sure a usable token exists:
 * one stored token for the action node and the trigger alike, never a second one fetched in parallel,
 * and only ever a token fetched with this credential's own developer ID and secret.
 */
export class EgwGatewayAccess {
	constructor(private readonly context: HstTokenContext) {}

	async locate(appId: string): Promise<EgwLocation> {
		return location(
			await sendWithAccessToken(this.context, this.addressRequest(appId), () => false),
		);
	}

	/** After the gateway rejected `stale`'s token at login: a newer token (someone else's renewal, or a fetched one). */
	async refreshed(appId: string, stale: EgwLocation): Promise<EgwLocation> {
		return location(
			await sendWithAccessToken(this.context, this.addressRequest(appId), () => false, {
				rejectedToken: stale.token,
			}),
		);
	}

	private addressRequest(appId: string): SendWithCredentials<string> {
		const request = sendThroughN8n<{ code?: number; message?: string; result?: string }>(
			this.context,
			(credentials) => ({
				method: 'GET',
				url: credentials.accessUrl + EGW_ADDRESS_PATH,
				qs: { appType: EGW_APP_TYPE, app_id: appId },
				json: true,
			}),
		);
		return async (data) => {
			const answer = await request(data);
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
	}
}

function location(use: TokenUse<string>): EgwLocation {
	return { address: use.answer, developerId: use.developerId, token: use.token };
}
