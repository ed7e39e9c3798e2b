import type { Logger } from 'n8n-workflow';

import {
	EGW_BUSINESS,
	EGW_OK,
	EgwRequest,
	type EgwReplyFrame,
	type EgwRequestFrame,
	type EgwSyncReply,
} from '../shared/hst/egw';
import { EgwConnection, type ConnectionListener } from './egwConnection';
import type { EgwGatewayAccess } from './gatewayAccess';

/** The gateway refused a step of the session (login, subscribe, sync). */
class EgwRefusedError extends Error {
	constructor(
		readonly step: string,
		readonly result: number,
		message: string | undefined,
	) {
		super(`HST event gateway refused ${step}: result ${result}${message ? ` (${message})` : ''}`);
	}
}

/** The requests of one app's session with the event gateway, each bounded by the reply timeout. */
export class EgwSession {
	constructor(
		private readonly appId: string,
		private readonly access: EgwGatewayAccess,
		private readonly replyTimeoutMs: number,
		private readonly logger: Logger,
	) {}

	/**
	 * Locate, connect, log in, subscribe. A login rejected for its token is retried once with a refreshed
	 * token (someone else's newer one, or a fetched one). `opened` sees each connection before its login,
	 * so events that arrive from then on are not missed.
	 */
	async open(
		listener: ConnectionListener,
		signal: AbortSignal,
		opened: (connection: EgwConnection) => void,
	): Promise<EgwConnection> {
		let location = await this.access.locate(this.appId);
		for (let attempt = 1; ; attempt++) {
			const connection = await EgwConnection.open(
				location.address,
				listener,
				this.replyTimeoutMs,
				signal,
			);
			opened(connection);
			let loggedIn = false;
			try {
				const login = await this.request(connection, 'login', signal, {
					business: EGW_BUSINESS,
					id: EgwRequest.LOGIN,
					dev_id: location.developerId,
					token: location.token,
				});
				if (login.result === EGW_OK) {
					await this.expectOk(connection, 'subscribe', signal, {
						business: EGW_BUSINESS,
						id: EgwRequest.SUBSCRIBE,
						app_list: [{ app_id: this.appId }],
					});
					loggedIn = true;
					return connection;
				}
				if (attempt > 1) throw new EgwRefusedError('login', login.result, login.message);
				this.logger.info('HST Event Trigger: login refused; refreshing the access token once', {
					appId: this.appId,
				});
				connection.terminate('login refused');
				location = await this.access.refreshed(this.appId, location);
			} finally {
				if (!loggedIn) connection.terminate('setup failed');
			}
		}
	}

	/** 20008 → 20009: the app's groups, users and media now, with the version they correspond to. */
	async fullSync(connection: EgwConnection, signal: AbortSignal): Promise<EgwSyncReply> {
		const reply = (await this.expectOk(connection, 'full sync', signal, {
			business: EGW_BUSINESS,
			id: EgwRequest.SYNC,
			app_list: [{ app_id: this.appId }],
		})) as unknown as EgwSyncReply;
		if (!Number.isSafeInteger(reply.version)) {
			throw new Error('HST event gateway full sync: the answer has no version');
		}
		return reply;
	}

	heartbeat(connection: EgwConnection): void {
		connection.send({ business: EGW_BUSINESS, id: EgwRequest.HEARTBEAT });
	}

	/** Unsubscribe, log out, close: each politely, none allowed to hold the stop up for long. */
	async close(connection: EgwConnection): Promise<void> {
		const farewell = new AbortController();
		const polite = async (step: string, frame: EgwRequestFrame) => {
			await connection.request(frame, 2000, farewell.signal).catch((error: Error) => {
				this.logger.debug(`HST Event Trigger: ${step} on stop was not answered: ${error.message}`);
			});
		};
		await polite('unsubscribe', {
			business: EGW_BUSINESS,
			id: EgwRequest.UNSUBSCRIBE,
			app_list: [{ app_id: this.appId }],
		});
		await polite('logout', { business: EGW_BUSINESS, id: EgwRequest.LOGOUT });
		await connection.close(1000, farewell.signal);
	}

	private async request(
		connection: EgwConnection,
		step: string,
		signal: AbortSignal,
		frame: EgwRequestFrame,
	) {
		return await connection
			.request<EgwReplyFrame & Record<string, unknown>>(frame, this.replyTimeoutMs, signal)
			.catch((error: Error) => {
				throw new Error(`HST event gateway ${step}: ${error.message}`);
			});
	}

	private async expectOk(
		connection: EgwConnection,
		step: string,
		signal: AbortSignal,
		frame: EgwRequestFrame,
	) {
		const reply = await this.request(connection, step, signal, frame);
		if (reply.result !== EGW_OK) throw new EgwRefusedError(step, reply.result, reply.message);
		return reply;
	}
}
