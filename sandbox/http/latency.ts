import type { ControlInput } from './httpEmulator';

/**
 * How far away the vendor is, emulated: every answer of the vendor's API waits `latencyMs` plus a
 * uniformly drawn 0..`latencyJitterMs` before it is served, so concurrent requests overtake each other as
 * they do over a real network. The control API is never delayed. Set through an emulator's
 * `POST /_sandbox/config` with `{ latencyMs, latencyJitterMs }`; `POST /_sandbox/reset` sets both to 0.
 */
export class AnswerLatency {
	latencyMs = 0;
	latencyJitterMs = 0;

	/** Takes the latency fields of a control request; answers what is wrong with them, or undefined. */
	configure(input: ControlInput): string | undefined {
		const next = { latencyMs: this.latencyMs, latencyJitterMs: this.latencyJitterMs };
		for (const name of ['latencyMs', 'latencyJitterMs'] as const) {
			const value = input[name];
			if (value === undefined) continue;
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
				return `${name} must be a number of milliseconds, 0 or more`;
			next[name] = value;
		}
		this.latencyMs = next.latencyMs;
		this.latencyJitterMs = next.latencyJitterMs;
		return undefined;
	}

	view(): { latencyMs: number; latencyJitterMs: number } {
		return { latencyMs: this.latencyMs, latencyJitterMs: this.latencyJitterMs };
	}

	reset(): void {
		this.latencyMs = 0;
		this.latencyJitterMs = 0;
	}

	/** The delay of one answer, drawn now. */
	draw(random: () => number = Math.random): number {
		return this.latencyMs + random() * this.latencyJitterMs;
	}

	async wait(): Promise<void> {
		const delay = this.draw();
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
	}
}
