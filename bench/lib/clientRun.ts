import { HstAppStatus } from '../../nodes/shared/hst/services';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { EgwFixture } from '../../test/support/egwFixture';
import { waitFor } from '../../test/support/waiting';
import { BareEgwClient } from './bareEgwClient';
import { DeliveryTally, type TallySummary } from './deliveryTally';
import { EgwFeed } from './egwFeed';
import { TriggerReceiver } from './triggerReceiver';

export type Client = 'bare' | 'batch' | 'event';

/** The default Batch Window. */
const LAST_WINDOW_MS = 1000;

/** Paced at `rate` events/s (over all apps) for `ms`, or `perApp` events per app as fast as the emulator sends. */
export type Load = { kind: 'paced'; rate: number; ms: number } | { kind: 'flood'; perApp: number };

export interface RunResult extends TallySummary {
	client: Client;
	apps: number;
	/** Whole-process CPU time (emulator, client, GC) from the first send until everything arrived. */
	cpuMicrosPerEvent: number;
	executions: number;
	/** Times the trigger reached Max Queued Events (events then not taken until a full sync recovers them). */
	overloads: number;
	triggerErrors: number;
	/** The emitted events replayed give the emulator's state (trigger only; null for the bare client). */
	statesMatch: boolean | null;
	/** Everything arrived within the drain limit. */
	drained: boolean;
}

export interface RunHooks {
	/** The client is subscribed; nothing was sent yet. */
	ready?(tally: DeliveryTally): void;
	/** Each second of a paced load. */
	everySecond?(tally: DeliveryTally): void;
}

/** The sandbox's HST gateways in this process, the meeting app plus extra apps of the same account. */
export class ClientBench {
	readonly fixture = new EgwFixture();
	readonly appIds: string[] = [SANDBOX_APPS.meeting.appId];

	async start(apps: number): Promise<void> {
		await this.fixture.start();
		for (let index = this.appIds.length; index < apps; index++) {
			this.appIds.push(
				this.fixture.gateway.world.createApp(SANDBOX_DEVELOPERS.demo.developerId, {
					appName: `bench_app_${index}`,
					status: HstAppStatus.ONLINE,
					services: [],
				}).appId,
			);
		}
	}

	stop(): Promise<void> {
		return this.fixture.stop();
	}

	/**
	 * One run: the client subscribes to the first `apps` apps, the emulator sends the load, and the run ends
	 * when every logged event arrived (or at `drainLimitMs`); then the client unsubscribes.
	 */
	async run(
		client: Client,
		apps: number,
		load: Load,
		drainLimitMs: number,
		hooks: RunHooks = {},
	): Promise<RunResult> {
		const appIds = this.appIds.slice(0, apps);
		const egw = this.fixture.egw;
		const perApp =
			load.kind === 'flood'
				? load.perApp
				: Math.ceil(((load.rate / apps) * load.ms * 1.1) / 1000) + 1000;
		const tally = new DeliveryTally(
			appIds.map((appId) => ({ appId, baseVersion: egw.state.ledger(appId).version })),
			perApp,
		);
		const feed = new EgwFeed(
			egw,
			tally,
			appIds,
			load.kind === 'paced' ? load.rate / apps : 0,
			egw.state.ledger(appIds[0]).version,
		);
		const receiver = await this.receiver(client, appIds, tally);
		hooks.ready?.(tally);
		const cpuBefore = process.cpuUsage();
		if (load.kind === 'paced') await feed.paced(load.ms, () => hooks.everySecond?.(tally));
		else await feed.flood(load.perApp);
		let drained = true;
		await waitFor(() => tally.complete(), drainLimitMs, 'every event to arrive').catch(() => {
			drained = false;
		});
		const cpu = process.cpuUsage(cpuBefore);
		// Latency of a paced run: events sent before its last batch window, see DeliveryTally.summary.
		const summary = tally.summary(
			load.kind === 'paced' ? feed.stoppedAt - LAST_WINDOW_MS : Number.POSITIVE_INFINITY,
		);
		const trigger = receiver instanceof TriggerReceiver ? receiver : undefined;
		const result: RunResult = {
			client,
			apps,
			...summary,
			cpuMicrosPerEvent: (cpu.user + cpu.system) / Math.max(1, summary.delivered),
			executions: trigger?.executions ?? summary.delivered,
			overloads: trigger?.overloads ?? 0,
			triggerErrors: trigger?.errors ?? 0,
			statesMatch: trigger ? trigger.statesMatch() : null,
			drained,
		};
		await (trigger
			? trigger.stop()
			: Promise.all((receiver as BareEgwClient[]).map((c) => c.close())));
		await waitFor(
			async () => (await this.fixture.egwControl.sessions()).length === 0,
			15_000,
			'the client to leave the emulator',
		);
		return result;
	}

	private async receiver(
		client: Client,
		appIds: string[],
		tally: DeliveryTally,
	): Promise<TriggerReceiver | BareEgwClient[]> {
		if (client !== 'bare') return await TriggerReceiver.start(this.fixture, appIds, client, tally);
		const developerId = SANDBOX_DEVELOPERS.demo.developerId;
		// The token the trigger fetched; issuing another would invalidate the trigger's stored one.
		const token =
			this.fixture.gateway.tokens.currentToken(developerId) ??
			this.fixture.gateway.tokens.issue(developerId).token;
		return await Promise.all(
			appIds.map((appId) =>
				BareEgwClient.connect(this.fixture.egw.websocketUrl, { developerId, token }, appId, tally),
			),
		);
	}
}
