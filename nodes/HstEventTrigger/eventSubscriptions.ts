import { NodeOperationError, type ITriggerFunctions } from 'n8n-workflow';

import { HST_CREDENTIAL_TYPE, readHstCredentials } from '../shared/hst/credentials';
import { AppSubscription } from './appSubscription';
import { Emission, type QueuedItem } from './emission';
import { EgwGatewayAccess } from './gatewayAccess';
import { HandedPositions } from './handedPositions';
import { stateFromSync } from './ledger';
import type { TriggerSettings } from './settings';
import { MAX_REMEMBERED_ENTRIES, TriggerMemory, accountKey } from './triggerMemory';

/**
 * Everything one activation of the trigger runs: a subscription per app, one emission for all, and the
 * memory of what was handed to executions, so that the next activation emits what changed in between.
 * Starting succeeds only when every app is subscribed and synced; stopping is complete and idempotent.
 */
export class EventSubscriptions {
	private readonly emission: Emission;
	private readonly subscriptions: AppSubscription[];
	/** Absent in manual mode: "Listen for test event" neither reads nor writes what the trigger remembers. */
	private memory?: TriggerMemory;
	private positions?: HandedPositions;
	private failureReported = false;
	private stopped?: Promise<void>;
	private firstEmit!: () => void;
	/** Resolves when the first item is emitted: what a manual (test) run waits for. */
	readonly firstEmitted = new Promise<void>((resolve) => {
		this.firstEmit = resolve;
	});

	constructor(
		private readonly context: ITriggerFunctions,
		private readonly settings: TriggerSettings,
	) {
		this.emission = new Emission(context, settings, {
			emitted: () => this.firstEmit(),
			pressure: (full) => {
				for (const subscription of this.subscriptions) subscription.setOverloaded(full);
			},
			delivered: (appId, event, willWait) => this.positions?.delivered(appId, event, willWait),
			handing: (items) => this.handing(items),
		});
		const access = new EgwGatewayAccess(context);
		this.subscriptions = settings.apps.map(
			(app) =>
				new AppSubscription(
					app.appId,
					settings,
					access,
					{
						deliver: (appId, events) => this.emission.deliver(appId, events),
						snapshot: (appId, reply) => {
							this.positions?.begin(appId, stateFromSync(reply), reply.version);
							this.emission.snapshot(appId, reply);
						},
						failed: (error) => this.fail(error),
					},
					context.logger,
				),
		);
	}

	async start(): Promise<void> {
		try {
			this.memory = await this.openMemory();
			if (this.memory) this.positions = new HandedPositions(this.memory);
			await Promise.all(
				this.subscriptions.map(async (subscription, index) => {
					this.recall(this.settings.apps[index].appId);
					await subscription.start();
				}),
			);
			// n8n saves the static data once the activation is done: the starting positions are kept.
			this.memory?.publish();
		} catch (error) {
			await this.stop();
			throw new NodeOperationError(
				this.context.getNode(),
				`HST Event Trigger could not start: ${(error as Error).message}`,
				{
					description:
						'Check the HST credential (event gateway access URL, developer ID and secret) and the app IDs.',
				},
			);
		}
	}

	stop(): Promise<void> {
		this.stopped ??= (async () => {
			this.emission.close();
			await Promise.all(this.subscriptions.map(async (subscription) => await subscription.stop()));
		})();
		return this.stopped;
	}

	private async openMemory(): Promise<TriggerMemory | undefined> {
		if (this.context.getMode() === 'manual') return undefined;
		const credentials = readHstCredentials(await this.context.getCredentials(HST_CREDENTIAL_TYPE));
		const memory = new TriggerMemory(
			this.context.getWorkflowStaticData('node'),
			accountKey(credentials.gatewayUrl, credentials.developerId),
			this.settings.apps.map((app) => app.appId),
		);
		if (memory.storedForAnotherAccount) {
			this.context.logger.info(
				'HST Event Trigger: nothing remembered for this developer account; each app starts from its current state',
			);
		}
		return memory;
	}

	/** What an earlier activation handed to executions becomes the app's known state. */
	private recall(appId: string): void {
		const recalled = this.memory?.recall(appId) ?? { kind: 'unknown' };
		if (recalled.kind === 'tooLarge') {
			this.context.logger.warn(
				`HST Event Trigger: app ${appId} had ${recalled.entries} users and media when last saved, more than the trigger keeps (${MAX_REMEMBERED_ENTRIES} over all its apps); changes while the workflow was inactive are not recovered`,
			);
		}
		if (recalled.kind !== 'known') return;
		this.context.logger.info(
			`HST Event Trigger: app ${appId} resumes from version ${recalled.app.version}; changes since are emitted as recovered events`,
		);
		this.positions?.begin(appId, recalled.app.state, recalled.app.version);
		this.subscriptions
			.find((_, index) => this.settings.apps[index].appId === appId)
			?.restore(recalled.app);
	}

	/** Items go to an execution: their apps' positions move on, and n8n saves them with this emit. */
	private handing(items: QueuedItem[]): void {
		const positions = this.positions;
		if (!positions) return;
		const byApp = new Map<string, { seq: number; count: number }>();
		for (const { appId, seq } of items) {
			if (appId === undefined || seq === undefined) continue;
			const handed = byApp.get(appId) ?? { seq, count: 0 };
			byApp.set(appId, { seq: Math.max(handed.seq, seq), count: handed.count + 1 });
		}
		for (const [appId, { seq, count }] of byApp) positions.handed(appId, seq, count);
		this.memory?.publish();
	}

	/** A subscription gave up: n8n deactivates the workflow and activates it again with backoff. */
	private fail(error: Error): void {
		if (this.failureReported) return;
		this.failureReported = true;
		this.context.logger.error(error.message);
		this.context.emitError(new NodeOperationError(this.context.getNode(), error.message));
	}
}
