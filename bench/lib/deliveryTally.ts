import { percentile } from './stats';

/** One app's versions after `base`: when each was sent, whether the gateway logged it, how often it arrived. */
class AppStream {
	readonly sentAt: Float64Array;
	readonly logged: Uint8Array;
	readonly arrivals: Uint8Array;

	constructor(
		readonly base: number,
		capacity: number,
	) {
		// Filled now, so the pages are resident before a memory baseline is taken.
		this.sentAt = new Float64Array(capacity).fill(Number.NaN);
		this.logged = new Uint8Array(capacity).fill(0);
		this.arrivals = new Uint8Array(capacity).fill(0);
	}

	slot(version: number): number {
		const slot = version - this.base - 1;
		return slot >= 0 && slot < this.sentAt.length ? slot : -1;
	}
}

export interface TallySummary {
	/** Versions the emulator logged (its ground truth). */
	logged: number;
	delivered: number;
	lost: number;
	duplicated: number;
	/** Arrivals that were never logged, or recovered events (a reconnect or gap: never expected here). */
	unexpected: number;
	latencyP50Ms: number;
	latencyP99Ms: number;
	/** Delivery rate between the 10th and 90th percentile arrival: no ramp-up, no batch-window tail. */
	deliveredPerSecond: number;
	/** First send to last arrival. */
	spanMs: number;
}

/**
 * Send and arrival bookkeeping of one measured run, in preallocated typed arrays so it adds nothing
 * to the heap while the run goes on: send times per version, the versions the emulator logged, how
 * often each one arrived, and latency (performance.now() clock) per arrival.
 */
export class DeliveryTally {
	private readonly streams = new Map<string, AppStream>();
	private readonly arrivalTimes: Float64Array;
	private readonly latencies: Float64Array;
	private arrivals = 0;
	private loggedCount = 0;
	private distinct = 0;
	private outside = 0;
	private firstSentAt = Number.POSITIVE_INFINITY;

	constructor(apps: ReadonlyArray<{ appId: string; baseVersion: number }>, eventsPerApp: number) {
		for (const app of apps)
			this.streams.set(app.appId, new AppStream(app.baseVersion, eventsPerApp));
		const total = apps.length * eventsPerApp;
		this.arrivalTimes = new Float64Array(total).fill(0);
		this.latencies = new Float64Array(total).fill(0);
	}

	get delivered(): number {
		return this.arrivals;
	}

	sent(appId: string, version: number, at: number): void {
		const stream = this.streams.get(appId);
		const slot = stream?.slot(version) ?? -1;
		if (slot < 0) throw new Error(`version ${version} of ${appId} is beyond the tally's capacity`);
		stream!.sentAt[slot] = at;
		this.firstSentAt = Math.min(this.firstSentAt, at);
	}

	/** The emulator's log says this version exists. */
	logged(appId: string, version: number): void {
		const stream = this.streams.get(appId);
		const slot = stream?.slot(version) ?? -1;
		if (slot < 0) throw new Error(`logged version ${version} of ${appId} is beyond the tally`);
		if (stream!.logged[slot] === 0) this.loggedCount += 1;
		stream!.logged[slot] = 1;
	}

	arrived(appId: string, version: number, at: number, recovered = false): void {
		const stream = this.streams.get(appId);
		const slot = stream?.slot(version) ?? -1;
		if (slot < 0 || recovered || this.arrivals >= this.arrivalTimes.length) {
			this.outside += 1;
			return;
		}
		if (stream!.arrivals[slot] === 0) this.distinct += 1;
		stream!.arrivals[slot] = Math.min(255, stream!.arrivals[slot] + 1);
		this.arrivalTimes[this.arrivals] = at;
		this.latencies[this.arrivals] = at - stream!.sentAt[slot];
		this.arrivals += 1;
	}

	/** Whether every logged version arrived at least once (as far as the log was absorbed). */
	complete(): boolean {
		return this.loggedCount > 0 && this.distinct >= this.loggedCount;
	}

	/**
	 * `latencyCutoff`: only events sent up to then count for latency (performance.now() clock). A paced
	 * run ends with a partial batch that waits out the batch window; that is the run ending, not a rate.
	 */
	summary(latencyCutoff = Number.POSITIVE_INFINITY): TallySummary {
		let logged = 0;
		let lost = 0;
		let duplicated = 0;
		let unexpected = this.outside;
		for (const stream of this.streams.values()) {
			for (let slot = 0; slot < stream.logged.length; slot++) {
				const arrivals = stream.arrivals[slot];
				if (stream.logged[slot]) {
					logged += 1;
					if (arrivals === 0) lost += 1;
				} else if (arrivals > 0) unexpected += arrivals;
				if (arrivals > 1) duplicated += arrivals - 1;
			}
		}
		const latencies: number[] = [];
		for (let index = 0; index < this.arrivals; index++) {
			if (this.arrivalTimes[index] - this.latencies[index] <= latencyCutoff)
				latencies.push(this.latencies[index]);
		}
		return {
			logged,
			delivered: this.arrivals,
			lost,
			duplicated,
			unexpected,
			latencyP50Ms: percentile(latencies, 0.5),
			latencyP99Ms: percentile(latencies, 0.99),
			deliveredPerSecond: this.steadyRate(),
			spanMs:
				this.arrivals > 0 ? this.arrivalTimes[this.arrivals - 1] - this.firstSentAt : Number.NaN,
		};
	}

	/**
	 * Events per second between the 10th and the 90th percentile arrival, counted at the end of the batch
	 * each of them arrived in (a batch's items share one time): no ramp-up, no tail.
	 */
	private steadyRate(): number {
		const times = this.arrivalTimes;
		const batchEnd = (index: number) => {
			let end = index;
			while (end + 1 < this.arrivals && times[end + 1] === times[index]) end += 1;
			return end;
		};
		const low = batchEnd(Math.floor(this.arrivals * 0.1));
		const high = batchEnd(Math.max(low, Math.ceil(this.arrivals * 0.9) - 1));
		const window = times[high] - times[low];
		return window > 0 ? ((high - low) / window) * 1000 : Number.NaN;
	}
}
