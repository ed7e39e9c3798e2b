export interface BackoffSettings {
	initialDelayMs: number;
	maxDelayMs: number;
	/** A connection that stayed up this long counts as healthy: the next drop starts over from the initial delay. */
	healthyAfterMs: number;
}

/**
 * Exponential backoff with jitter (each delay drawn from its upper half, so many triggers reconnecting
 * at once spread out), reset after a healthy period so one drop a day never waits the maximum.
 */
export class ReconnectBackoff {
	/** Failed attempts since the last healthy connection. */
	failures = 0;
	private connectedAt: number | undefined;

	constructor(
		private readonly settings: BackoffSettings,
		private readonly random: () => number = Math.random,
	) {}

	connected(at: number): void {
		this.connectedAt = at;
	}

	dropped(at: number): void {
		if (this.connectedAt !== undefined && at - this.connectedAt >= this.settings.healthyAfterMs)
			this.failures = 0;
		this.connectedAt = undefined;
	}

	failed(): void {
		this.failures += 1;
	}

	nextDelayMs(): number {
		const ceiling = Math.min(
			this.settings.maxDelayMs,
			this.settings.initialDelayMs * 2 ** this.failures,
		);
		return Math.round(ceiling * (0.5 + this.random() * 0.5));
	}
}
