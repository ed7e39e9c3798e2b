import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 2 ** 20;

/**
 * gc() for this process. scripts/tsrun.js runs the benchmarks in a plain `node` process, without
 * --expose-gc; V8 can be given the flag at run time and the function read from a fresh context.
 */
export function garbageCollector(): () => void {
	const exposed = (globalThis as { gc?: () => void }).gc;
	if (exposed) return exposed;
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

export interface MemoryPoint {
	/** Events delivered when the point was taken. */
	events: number;
	heapMiB: number;
	rssMiB: number;
}

/**
 * This process's own memory over a long run: a sample (no collection) whenever asked, with the peaks,
 * and settled points taken right after a full collection, from which growth is read.
 */
export class OwnMemorySampler {
	private readonly gc = garbageCollector();
	peakHeapMiB = 0;
	peakRssMiB = 0;
	readonly settledPoints: MemoryPoint[] = [];

	sample(): void {
		const usage = process.memoryUsage();
		this.peakHeapMiB = Math.max(this.peakHeapMiB, usage.heapUsed / MiB);
		this.peakRssMiB = Math.max(this.peakRssMiB, usage.rss / MiB);
	}

	/** A point after a full collection; `keep`: part of the series growth is read from. */
	settled(events: number, keep = true): MemoryPoint {
		this.sample();
		this.gc();
		this.sample();
		const usage = process.memoryUsage();
		const point = { events, heapMiB: usage.heapUsed / MiB, rssMiB: usage.rss / MiB };
		if (keep) this.settledPoints.push(point);
		return point;
	}

	/**
	 * Least-squares slope of the settled points from `from` on, over events, in MiB per million events.
	 * RSS at the first point may still hold what earlier work freed and the allocator has not returned.
	 */
	growthPerMillion(kind: 'heapMiB' | 'rssMiB', from = 1): number {
		return slopePerMillion(
			this.settledPoints.slice(from).map((point) => [point.events, point[kind]]),
		);
	}
}

function slopePerMillion(points: Array<[number, number]>): number {
	if (points.length < 2) return Number.NaN;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	let covariance = 0;
	let variance = 0;
	for (const [x, y] of points) {
		covariance += (x - meanX) * (y - meanY);
		variance += (x - meanX) ** 2;
	}
	return variance > 0 ? (covariance / variance) * 1e6 : Number.NaN;
}
