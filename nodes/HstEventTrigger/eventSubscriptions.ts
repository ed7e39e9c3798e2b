import { NodeOperationError, type ITriggerFunctions } from 'n8n-workflow';

import { AppSubscription } from './appSubscription';
import { Emission } from './emission';
import { EgwGatewayAccess } from './gatewayAccess';
import type { TriggerSettings } from './settings';

/**
 * Everything one activation of the trigger runs: a subscription per app, one emission for all. Starting
 * succeeds only when every app is subscribed and synced; stopping is complete and idempotent.
 */
export class EventSubscriptions {
	private readonly emission: Emission;
	private readonly subscriptions: AppSubscription[];
	private failureReported = false;
	private stopped?: Promise<void>;
	private firstEmit!: () => void;
	/** Resolves when the first item is emitted: what a manual (test) run waits for. */
	readonly firstEmitted = new Promise<void>((resolve) => {
		this.firstEmit = resolve;
	});

	constructor(
		private readonly context: ITriggerFunctions,
		settings: TriggerSettings,
	) {
		this.emission = new Emission(context, settings, {
			emitted: () => this.firstEmit(),
			pressure: (full) => {
				for (const subscription of this.subscriptions) subscription.setOverloaded(full);
			},
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
						snapshot: (appId, reply) => this.emission.snapshot(appId, reply),
						failed: (error) => this.fail(error),
					},
					context.logger,
				),
		);
	}

	async start(): Promise<void> {
		try {
			await Promise.all(this.subscriptions.map(async (subscription) => await subscription.start()));
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

	/** A subscription gave up: n8n deactivates the workflow and activates it again with backoff. */
	private fail(error: Error): void {
		if (this.failureReported) return;
		this.failureReported = true;
		this.context.logger.error(error.message);
		this.context.emitError(new NodeOperationError(this.context.getNode(), error.message));
	}
}
