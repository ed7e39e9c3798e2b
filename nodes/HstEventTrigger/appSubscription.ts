import type { Logger } from 'n8n-workflow';

import type { EgwSyncReply } from '../shared/hst/egw';
import type { ConnectionListener, EgwConnection } from './egwConnection';
import { EgwSession } from './egwSession';
import { EventIntake } from './eventIntake';
import type { EgwGatewayAccess } from './gatewayAccess';
import type { AppState, LedgerEvent } from './ledger';
import type { TriggerSettings } from './settings';
import { ConnectionSupervisor } from './supervisor';

interface SubscriptionCallbacks {
	/** Events to emit for this app, in order; live and recovered alike. */
	deliver(appId: string, events: LedgerEvent[]): void;
	/** The first full sync of this activation. */
	snapshot(appId: string, reply: EgwSyncReply): void;
	/** The subscription gave up (reconnect budget spent): the trigger as a whole has failed. */
	failed(error: Error): void;
}

/**
 * One app's subscription to the event gateway, kept alive until stopped: a session (locate, connect, log
 * in with the shared access token, subscribe), a full sync, then events in version order (the intake).
 * The supervisor replaces a silent, dropped or failing connection, with backoff; every (re)connection
 * ends with a full sync whose difference to what was known is emitted as recovered events.
 */
export class AppSubscription {
	private readonly intake: EventIntake;
	private readonly session: EgwSession;
	private readonly supervisor: ConnectionSupervisor;
	private readonly stopping = new AbortController();
	private connection?: EgwConnection;
	private supervised?: Promise<void>;
	private stopped?: Promise<void>;

	constructor(
		private readonly appId: string,
		settings: TriggerSettings,
		access: EgwGatewayAccess,
		private readonly callbacks: SubscriptionCallbacks,
		private readonly logger: Logger,
		random: () => number = Math.random,
	) {
		this.intake = new EventIntake(appId, (events) => this.deliver(events), logger);
		this.intake.onSyncFailed = () => this.connection?.terminate('full sync failed');
		this.session = new EgwSession(appId, access, settings.replyTimeoutMs, logger);
		this.supervisor = new ConnectionSupervisor(
			appId,
			settings,
			{
				connect: async () => (await this.connect()).connection,
				heartbeat: (connection) => this.session.heartbeat(connection),
				failed: (error) => callbacks.failed(error),
			},
			logger,
			random,
		);
	}

	/** What an earlier activation knew of the app: the first full sync emits what changed since. */
	restore(known: { state: AppState; version: number }): void {
		this.intake.ledger.restore(known.state, known.version);
	}

	/** The first session; throws when it cannot be set up, so the activation fails with the reason. */
	async start(): Promise<void> {
		const { connection, reply } = await this.connect();
		this.callbacks.snapshot(this.appId, reply);
		this.supervised = this.supervisor.run(connection, this.stopping.signal);
	}

	/** Unsubscribes, logs out, closes. Safe to call more than once; nothing is emitted once it began. */
	stop(): Promise<void> {
		this.stopped ??= this.shutDown();
		return this.stopped;
	}

	/** Back-pressure from the emission (see EventIntake.setOverloaded). */
	setOverloaded(overloaded: boolean): void {
		this.intake.setOverloaded(overloaded);
	}

	private async connect(): Promise<{ connection: EgwConnection; reply: EgwSyncReply }> {
		const signal = this.stopping.signal;
		let connection: EgwConnection | undefined;
		let reply: EgwSyncReply | undefined;
		try {
			connection = await this.session.open(this.listener(), signal, (opened) => {
				this.connection = opened;
				this.intake.connected(async () => await this.session.fullSync(opened, signal));
			});
			reply = await this.intake.sync();
		} finally {
			if (!reply) {
				this.intake.disconnected();
				connection?.terminate('setup failed');
			}
		}
		this.supervisor.connected();
		this.logger.info(
			`HST Event Trigger: app ${this.appId} subscribed at version ${reply.version}`,
			{ appId: this.appId },
		);
		return { connection, reply };
	}

	/** Frames of whichever connection is current; a connection that ends takes its pending sync with it. */
	private listener(): ConnectionListener {
		return {
			onFrame: (frame) => this.intake.onFrame(frame),
			onMalformed: (text, reason) => this.intake.malformed(reason, text),
			onClosed: (reason) => {
				// Connections are replaced one after the other: the one closing is the current one.
				this.intake.disconnected();
				if (this.stopping.signal.aborted) return;
				this.logger.info(`HST Event Trigger: connection of app ${this.appId} ${reason}`);
			},
		};
	}

	private deliver(events: LedgerEvent[]): void {
		if (this.stopping.signal.aborted || events.length === 0) return;
		this.callbacks.deliver(this.appId, events);
	}

	private async shutDown(): Promise<void> {
		this.stopping.abort();
		const connection = this.connection;
		if (connection?.isOpen) await this.session.close(connection);
		connection?.terminate('stopped');
		await this.supervised;
	}
}
