import type { Logger } from 'n8n-workflow';

import { pause } from '../shared/timers';
import { ReconnectBackoff } from './backoff';
import type { EgwConnection } from './egwConnection';
import { liveness } from './liveness';
import type { TriggerSettings } from './settings';

interface SupervisedConnection {
	/** A new connection, set up and synced; throws when that fails. */
	connect(): Promise<EgwConnection>;
	heartbeat(connection: EgwConnection): void;
	/** The reconnect budget is spent: the trigger as a whole has failed. */
	failed(error: Error): void;
}

/**
 * Keeps one app's connection alive until stopped: heartbeats, the liveness rule, and reconnects with
 * backoff when the connection drops or goes silent; reports failure once the reconnect budget is spent.
 */
export class ConnectionSupervisor {
	private readonly backoff: ReconnectBackoff;

	constructor(
		private readonly appId: string,
		private readonly settings: TriggerSettings,
		private readonly connection: SupervisedConnection,
		private readonly logger: Logger,
		random: () => number = Math.random,
	) {
		this.backoff = new ReconnectBackoff(settings.backoff, random);
	}

	connected(): void {
		this.backoff.connected(Date.now());
	}

	/** Until `signal` aborts: watch `first`, then each replacement. */
	async run(first: EgwConnection, signal: AbortSignal): Promise<void> {
		let current: EgwConnection | undefined = first;
		while (current && !signal.aborted) {
			await this.watch(current, signal);
			if (signal.aborted) return;
			this.backoff.dropped(Date.now());
			current = await this.reconnect(signal);
		}
	}

	/** Heartbeats until the connection closes or goes silent (see `liveness`). */
	private async watch(connection: EgwConnection, signal: AbortSignal): Promise<void> {
		if (!connection.isOpen) return;
		const interval = this.settings.heartbeatIntervalMs;
		const tick = AbortSignal.any([signal, connection.closedSignal]);
		let lastHeartbeatAt = Date.now();
		while (await pause(interval / 2, tick)) {
			const verdict = liveness(Date.now(), connection.lastFrameAt, lastHeartbeatAt, interval);
			if (verdict === 'dead') {
				this.logger.warn(
					`HST Event Trigger: no frame from the gateway for ${Date.now() - connection.lastFrameAt} ms; reconnecting app ${this.appId}`,
				);
				connection.terminate('silent');
				return;
			}
			if (verdict === 'heartbeat') {
				lastHeartbeatAt = Date.now();
				this.connection.heartbeat(connection);
			}
		}
	}

	/** A new connection, or undefined once stopped or out of attempts. */
	private async reconnect(signal: AbortSignal): Promise<EgwConnection | undefined> {
		for (;;) {
			const delay = this.backoff.nextDelayMs();
			this.logger.info(`HST Event Trigger: reconnecting app ${this.appId} in ${delay} ms`, {
				appId: this.appId,
				failures: this.backoff.failures,
			});
			if (!(await pause(delay, signal))) return undefined;
			const attempt = await this.connection.connect().then(
				(connection) => ({ connection }),
				(error: Error) => ({ error }),
			);
			if ('connection' in attempt) return attempt.connection;
			if (signal.aborted) return undefined;
			this.backoff.failed();
			this.logger.warn(
				`HST Event Trigger: reconnect of app ${this.appId} failed: ${attempt.error.message}`,
				{ appId: this.appId, failures: this.backoff.failures },
			);
			const budget = this.settings.maxReconnectAttempts;
			if (budget > 0 && this.backoff.failures >= budget) {
				this.connection.failed(
					new Error(
						`HST Event Trigger gave up on app ${this.appId} after ${budget} failed reconnects: ${attempt.error.message}`,
					),
				);
				return undefined;
			}
		}
	}
}
