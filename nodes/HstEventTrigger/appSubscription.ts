import type { Logger } from 'n8n-workflow';

import {
	EGW_BUSINESS,
	EGW_OK,
	EgwRequest,
	type EgwEventFrame,
	type EgwReplyFrame,
	type EgwRequestFrame,
	type EgwSyncReply,
} from '../shared/hst/egw';
import { pause } from '../shared/timers';
import { ReconnectBackoff } from './backoff';
import { liveness } from './liveness';
import { EgwConnection } from './egwConnection';
import type { EgwGatewayAccess, EgwLocation } from './gatewayAccess';
import { EventLedger, isEventFrame, type LedgerEvent } from './ledger';
import type { TriggerSettings } from './settings';

export interface SubscriptionCallbacks {
	/** Events to emit for this app, in order; live and recovered alike. */
	deliver(appId: string, events: LedgerEvent[]): void;
	/** The first full sync of this activation. */
	snapshot(appId: string, reply: EgwSyncReply): void;
	/** The subscription gave up (reconnect budget spent): the trigger as a whole has failed. */
	failed(error: Error): void;
}

/** The gateway refused a step of the session (login, subscribe, sync). */
export class EgwRefusedError extends Error {
	constructor(
		readonly step: string,
		readonly result: number,
		message: string | undefined,
	) {
		super(`HST event gateway refused ${step}: result ${result}${message ? ` (${message})` : ''}`);
	}
}

/**
 * One app's subscription to the event gateway, kept alive until stopped: locate the gateway, connect,
 * log in with the shared access token, subscribe, full sync, then events in version order. A silent,
 * dropped or failing connection is replaced, with backoff; every (re)connection ends with a full sync
 * whose difference to what was known is emitted as recovered events, so nothing is lost.
 */
export class AppSubscription {
	private readonly ledger = new EventLedger();
	private readonly backoff: ReconnectBackoff;
	private readonly stopping = new AbortController();
	private connection?: EgwConnection;
	private supervisor?: Promise<void>;
	private stopped?: Promise<void>;
	/** Events that arrived between connecting and the end of a full sync; replayed after it. */
	private held: EgwEventFrame[] = [];
	/** From the moment a connection opens until its full sync is done, events wait in `held`. */
	private holding = false;
	private malformedFrames = 0;
	/** Reading paused because executions lag (the emission's queue is at its bound). */
	private readingPaused = false;

	constructor(
		private readonly appId: string,
		private readonly settings: TriggerSettings,
		private readonly access: EgwGatewayAccess,
		private readonly callbacks: SubscriptionCallbacks,
		private readonly logger: Logger,
		random: () => number = Math.random,
	) {
		this.backoff = new ReconnectBackoff(settings.backoff, random);
	}

	/** The first session; throws when it cannot be set up, so the activation fails with the reason. */
	async start(): Promise<void> {
		const reply = await this.connect();
		this.callbacks.snapshot(this.appId, reply);
		this.supervisor = this.supervise();
	}

	/** Unsubscribes, logs out, closes. Safe to call more than once; nothing is emitted once it began. */
	stop(): Promise<void> {
		this.stopped ??= this.shutDown();
		return this.stopped;
	}

	/** Back-pressure from the emission: stop reading from the gateway, or read again. */
	pauseReading(paused: boolean): void {
		this.readingPaused = paused;
		if (!this.connection?.isOpen) return;
		if (paused) this.connection.pause();
		else this.connection.resume();
	}

	get isStopping(): boolean {
		return this.stopping.signal.aborted;
	}

	/** Until stopped: watch the connection, and replace it when it drops or goes silent. */
	private async supervise(): Promise<void> {
		const signal = this.stopping.signal;
		while (!signal.aborted) {
			await this.watch();
			if (signal.aborted) return;
			this.backoff.dropped(Date.now());
			for (;;) {
				const delay = this.backoff.nextDelayMs();
				this.logger.info(`HST Event Trigger: reconnecting app ${this.appId} in ${delay} ms`, {
					appId: this.appId,
					failures: this.backoff.failures,
				});
				if (!(await pause(delay, signal))) return;
				try {
					await this.connect();
					break;
				} catch (error) {
					if (signal.aborted) return;
					this.backoff.failed();
					this.logger.warn(
						`HST Event Trigger: reconnect of app ${this.appId} failed: ${(error as Error).message}`,
						{
							appId: this.appId,
							failures: this.backoff.failures,
						},
					);
					const budget = this.settings.maxReconnectAttempts;
					if (budget > 0 && this.backoff.failures >= budget) {
						this.callbacks.failed(
							new Error(
								`HST Event Trigger gave up on app ${this.appId} after ${budget} failed reconnects: ${(error as Error).message}`,
							),
						);
						return;
					}
				}
			}
		}
	}

	/** Heartbeats until the connection closes or goes silent (see `liveness`). */
	private async watch(): Promise<void> {
		const connection = this.connection;
		if (!connection?.isOpen) return;
		const interval = this.settings.heartbeatIntervalMs;
		const tick = AbortSignal.any([this.stopping.signal, connection.closedSignal]);
		let lastHeartbeatAt = Date.now();
		while (await pause(interval / 2, tick)) {
			// Silence is ours while reading is paused, not a dead gateway.
			if (this.readingPaused) continue;
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
				connection.send({ business: EGW_BUSINESS, id: EgwRequest.HEARTBEAT });
			}
		}
	}

	/** Locate, connect, log in, subscribe, sync. A login rejected for its token is retried once with a refreshed token. */
	private async connect(): Promise<EgwSyncReply> {
		const signal = this.stopping.signal;
		let location = await this.access.locate(this.appId);
		for (let attempt = 1; ; attempt++) {
			const connection = await EgwConnection.open(
				location.address,
				this.listener(),
				this.settings.replyTimeoutMs,
				signal,
			);
			this.connection = connection;
			this.holding = true;
			let ready = false;
			try {
				const login = await this.request(connection, 'login', {
					business: EGW_BUSINESS,
					id: EgwRequest.LOGIN,
					dev_id: location.developerId,
					token: location.token,
				});
				if (login.result !== EGW_OK) {
					if (attempt > 1) throw new EgwRefusedError('login', login.result, login.message);
					this.logger.info('HST Event Trigger: login refused; refreshing the access token once', {
						appId: this.appId,
					});
					connection.terminate('login refused');
					location = await this.refreshed(location);
					ready = true;
					continue;
				}
				await this.expectOk(connection, 'subscribe', {
					business: EGW_BUSINESS,
					id: EgwRequest.SUBSCRIBE,
					app_list: [{ app_id: this.appId }],
				});
				const reply = await this.fullSync(connection);
				this.backoff.connected(Date.now());
				if (this.readingPaused) connection.pause();
				this.logger.info(
					`HST Event Trigger: app ${this.appId} subscribed at version ${reply.version}`,
					{ appId: this.appId },
				);
				ready = true;
				return reply;
			} finally {
				if (!ready) {
					this.holding = false;
					connection.terminate('setup failed');
				}
			}
		}
	}

	private async refreshed(location: EgwLocation): Promise<EgwLocation> {
		return await this.access.refreshed(this.appId, location);
	}

	private async request(connection: EgwConnection, step: string, frame: EgwRequestFrame) {
		return await connection
			.request<
				EgwReplyFrame & Record<string, unknown>
			>(frame, this.settings.replyTimeoutMs, this.stopping.signal)
			.catch((error: Error) => {
				throw new Error(`HST event gateway ${step}: ${error.message}`);
			});
	}

	private async expectOk(connection: EgwConnection, step: string, frame: EgwRequestFrame) {
		const reply = await this.request(connection, step, frame);
		if (reply.result !== EGW_OK) throw new EgwRefusedError(step, reply.result, reply.message);
		return reply;
	}

	/** 20008 → 20009: the truth about the app now; what changed since the last known state is emitted, recovered. */
	private async fullSync(connection: EgwConnection): Promise<EgwSyncReply> {
		this.holding = true;
		let reply: EgwSyncReply | undefined;
		try {
			reply = (await this.expectOk(connection, 'full sync', {
				business: EGW_BUSINESS,
				id: EgwRequest.SYNC,
				app_list: [{ app_id: this.appId }],
			})) as unknown as EgwSyncReply;
		} finally {
			if (!reply) this.holding = false;
		}
		if (!Number.isSafeInteger(reply.version)) {
			this.holding = false;
			throw new Error('HST event gateway full sync: the answer has no version');
		}
		const recovered = this.ledger.sync(reply);
		if (recovered.length > 0) {
			this.logger.info(
				`HST Event Trigger: ${recovered.length} missed change(s) of app ${this.appId} recovered at version ${reply.version}`,
			);
			this.deliver(recovered);
		}
		this.holding = false;
		this.replayHeld();
		return reply;
	}

	private listener() {
		return {
			onFrame: (frame: Record<string, unknown>) => this.onFrame(frame),
			onMalformed: (text: string, reason: string) => {
				this.malformedFrames += 1;
				this.logger.warn(
					`HST Event Trigger: skipped a malformed frame from the gateway (${reason})`,
					{
						appId: this.appId,
						frame: text.slice(0, 200),
						malformedSoFar: this.malformedFrames,
					},
				);
			},
			onClosed: (reason: string) => {
				if (!this.stopping.signal.aborted)
					this.logger.info(`HST Event Trigger: connection of app ${this.appId} ${reason}`);
			},
		};
	}

	private onFrame(frame: Record<string, unknown>): void {
		if (!isEventFrame(frame)) {
			if (typeof frame.id === 'number' && frame.id >= 20100) {
				this.malformedFrames += 1;
				this.logger.warn(
					'HST Event Trigger: skipped an event frame without version, group or user',
					{ appId: this.appId, id: frame.id },
				);
			}
			return;
		}
		if (this.holding) {
			this.held.push(frame);
			return;
		}
		this.take(frame);
	}

	private take(frame: EgwEventFrame): void {
		const verdict = this.ledger.accept(frame);
		if (verdict.kind === 'next') {
			this.deliver([verdict.event]);
		} else if (verdict.kind === 'gap') {
			this.logger.info(
				`HST Event Trigger: version gap in app ${this.appId} (expected ${verdict.expected}, got ${verdict.got}); full sync`,
			);
			this.held.push(frame);
			void this.resync();
		} else {
			this.logger.debug('HST Event Trigger: dropped a duplicate or stale event', {
				appId: this.appId,
				version: frame.version,
			});
		}
	}

	private async resync(): Promise<void> {
		const connection = this.connection;
		if (this.holding || !connection?.isOpen) return;
		try {
			await this.fullSync(connection);
		} catch (error) {
			if (this.stopping.signal.aborted) return;
			this.logger.warn(
				`HST Event Trigger: full sync of app ${this.appId} failed (${(error as Error).message}); reconnecting`,
			);
			connection.terminate('full sync failed');
		}
	}

	/** After a sync: events it already covers are dropped, the next ones applied, a new gap syncs again. */
	private replayHeld(): void {
		const held = this.held.sort((left, right) => left.version - right.version);
		this.held = [];
		for (const frame of held) {
			if (this.holding) {
				this.held.push(frame);
				continue;
			}
			this.take(frame);
		}
	}

	private deliver(events: LedgerEvent[]): void {
		if (this.stopping.signal.aborted || events.length === 0) return;
		this.callbacks.deliver(this.appId, events);
	}

	private async shutDown(): Promise<void> {
		this.stopping.abort();
		const connection = this.connection;
		if (connection?.isOpen) {
			// Reading may be paused for back-pressure; the farewell replies must be read (nothing is emitted any more).
			if (this.readingPaused) connection.resume();
			const farewell = new AbortController();
			const polite = async (step: string, frame: EgwRequestFrame) => {
				await connection.request(frame, 2000, farewell.signal).catch((error: Error) => {
					this.logger.debug(
						`HST Event Trigger: ${step} on stop was not answered: ${error.message}`,
					);
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
		connection?.terminate('stopped');
		await this.supervisor;
	}
}
