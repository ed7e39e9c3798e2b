import { control } from '../http/controlClient';
import type { RecordedRequest } from '../http/recorder';
import type { InjectedFault } from './gateway';
import type { ReceivedCommand, ReceivedInvite } from './world';

/** Typed access to the HST gateway emulator's control API. */
export class HstGatewayControl {
	constructor(readonly baseUrl: string) {}

	requests(path?: string): Promise<RecordedRequest[]> {
		return control(
			this.baseUrl,
			'GET',
			`/requests${path ? `?path=${encodeURIComponent(path)}` : ''}`,
		);
	}

	clearRequests(): Promise<unknown> {
		return control(this.baseUrl, 'DELETE', '/requests');
	}

	async tokensIssued(developerId: string): Promise<number> {
		const stats = await control<{ tokensIssued: Record<string, number> }>(
			this.baseUrl,
			'GET',
			'/stats',
		);
		return stats.tokensIssued[developerId] ?? 0;
	}

	invites(): Promise<ReceivedInvite[]> {
		return control(this.baseUrl, 'GET', '/invites');
	}

	commands(): Promise<ReceivedCommand[]> {
		return control(this.baseUrl, 'GET', '/commands');
	}

	expireTokens(developerId?: string): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/tokens/expire', { developerId });
	}

	/** As if another system fetched a token for this developer account. */
	rotateToken(developerId: string): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/tokens/rotate', { developerId });
	}

	configure(settings: { tokenLifetimeSeconds?: number; latencyMs?: number }): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/config', settings);
	}

	injectFault(fault: Partial<InjectedFault>): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/faults', fault);
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
