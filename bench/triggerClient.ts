import { ClientBench, type Client, type RunResult } from './lib/clientRun';
import { OwnMemorySampler } from './lib/ownMemory';
import {
	FLOOD,
	reportTriggerClient,
	type MemoryRun,
	type Offered,
	type TriggerClientPlan,
} from './lib/triggerClientReport';
import { repeat, round } from './lib/stats';

/**
 * The HST Event Trigger's client alone, no n8n: the EGW emulator in this process sends generated events
 * over a real WebSocket on 127.0.0.1, the trigger runs in the test suite's n8n host and emits items.
 * A bare `ws` client doing the least the protocol needs is measured in the same runs as the baseline.
 */

const env = process.env;
const PLAN: TriggerClientPlan = {
	repeats: Number(env.BENCH_CLIENT_REPEATS ?? 3),
	rates: (env.BENCH_CLIENT_RATES ?? '1000,10000').split(',').map(Number),
	pacedSeconds: Number(env.BENCH_CLIENT_SECONDS ?? 3),
	floodEvents: Number(env.BENCH_CLIENT_FLOOD_EVENTS ?? 40_000),
	memorySeconds: Number(env.BENCH_CLIENT_MEMORY_SECONDS ?? 60),
	memoryRate: Number(env.BENCH_CLIENT_MEMORY_RATE ?? 4000),
	settleEverySeconds: 10,
	growthApps: (env.BENCH_CLIENT_GROWTH_APPS ?? '1,10,100').split(',').map(Number),
	growthEvents: Number(env.BENCH_CLIENT_GROWTH_EVENTS ?? 60_000),
};
/** How long delivery may go on after the emulator stopped sending, for a client that fell behind. */
const DRAIN_LIMIT_MS = Number(env.BENCH_CLIENT_DRAIN_SECONDS ?? 30) * 1000;
const CLIENTS: Client[] = ['bare', 'batch', 'event'];

const progress = (line: string) => process.stderr.write(`[bench trigger-client] ${line}\n`);

function brief(result: RunResult): string {
	return `${result.client} × ${result.apps} app(s): ${result.delivered}/${result.logged} events, ${round(result.deliveredPerSecond, 0)}/s, p50 ${round(result.latencyP50Ms, 2)} ms, p99 ${round(result.latencyP99Ms, 2)} ms, ${round(result.cpuMicrosPerEvent, 1)} µs CPU/event, lost ${result.lost}, duplicated ${result.duplicated}, unexpected ${result.unexpected}, state ${result.statesMatch ?? 'n/a'}`;
}

const flood = (perApp: number) => ({ kind: 'flood', perApp }) as const;

function add(cells: Map<string, RunResult[]>, key: string, result: RunResult): void {
	cells.set(key, [...(cells.get(key) ?? []), result]);
}

/** 1: each client at each offered rate, taking turns within a repetition so drift hits them alike. */
async function measureRates(bench: ClientBench): Promise<Map<string, RunResult[]>> {
	const cells = new Map<string, RunResult[]>();
	await repeat(PLAN.repeats, async (round_) => {
		for (const offered of [...PLAN.rates, FLOOD] as Offered[]) {
			for (const client of CLIENTS) {
				const load =
					offered === FLOOD
						? flood(PLAN.floodEvents)
						: ({ kind: 'paced', rate: offered, ms: PLAN.pacedSeconds * 1000 } as const);
				const result = await bench.run(client, 1, load, DRAIN_LIMIT_MS);
				progress(`rep ${round_ + 1}, ${offered}: ${brief(result)}`);
				add(cells, `${client}|${offered}`, result);
			}
		}
	});
	return cells;
}

/** CPU time per event between two marks of a long run. */
interface CpuMark {
	micros: number;
	events: number;
}
const cpuMark = (events: number): CpuMark => {
	const usage = process.cpuUsage();
	return { micros: usage.user + usage.system, events };
};
const perEvent = (from: CpuMark, to: CpuMark) =>
	(to.micros - from.micros) / Math.max(1, to.events - from.events);

/**
 * 2: one long steady run per emission mode: memory after a full GC every few seconds, and CPU per event
 * in the first and the last of those intervals (the forced collections left out of both).
 */
async function measureMemory(bench: ClientBench, client: 'batch' | 'event'): Promise<MemoryRun> {
	const sampler = new OwnMemorySampler();
	let second = 0;
	const windows: Array<[CpuMark, CpuMark]> = [];
	let windowStart = cpuMark(0);
	const load = { kind: 'paced', rate: PLAN.memoryRate, ms: PLAN.memorySeconds * 1000 } as const;
	const result = await bench.run(client, 1, load, DRAIN_LIMIT_MS, {
		ready: () => {
			sampler.settled(0);
			windowStart = cpuMark(0);
		},
		everySecond: (tally) => {
			second += 1;
			if (second % PLAN.settleEverySeconds !== 0) return sampler.sample();
			windows.push([windowStart, cpuMark(tally.delivered)]);
			const point = sampler.settled(tally.delivered);
			windowStart = cpuMark(tally.delivered);
			progress(
				`memory (${client}) ${second} s: ${tally.delivered} events, heap ${round(point.heapMiB)} MiB, RSS ${round(point.rssMiB)} MiB`,
			);
		},
	});
	progress(`memory (${client}): ${brief(result)}`);
	const points = [...sampler.settledPoints];
	return {
		client,
		result,
		start: points[0],
		end: points[points.length - 1],
		afterStop: sampler.settled(result.delivered, false),
		peakHeapMiB: sampler.peakHeapMiB,
		peakRssMiB: sampler.peakRssMiB,
		heapGrowthPerMillion: sampler.growthPerMillion('heapMiB'),
		rssGrowthPerMillion: sampler.growthPerMillion('rssMiB'),
		cpuFirstWindow: windows.length > 0 ? perEvent(...windows[0]) : Number.NaN,
		cpuLastWindow: windows.length > 0 ? perEvent(...windows[windows.length - 1]) : Number.NaN,
	};
}

/** 3: 1× / 10× / 100× the subscribed apps, the same events in all: per-event cost should not grow. */
async function measureGrowth(bench: ClientBench): Promise<Map<string, RunResult[]>> {
	const cells = new Map<string, RunResult[]>();
	await repeat(PLAN.repeats, async (round_) => {
		for (const apps of PLAN.growthApps) {
			for (const client of ['bare', 'batch'] as const) {
				const load = flood(Math.round(PLAN.growthEvents / apps));
				const result = await bench.run(client, apps, load, DRAIN_LIMIT_MS);
				progress(`growth rep ${round_ + 1}: ${brief(result)}`);
				add(cells, `${client}|${apps}`, result);
			}
		}
	});
	return cells;
}

export async function run(): Promise<void> {
	const bench = new ClientBench();
	await bench.start(Math.max(...PLAN.growthApps));
	try {
		// Warm-up (JIT, the apps' state filled to its steady size); not reported.
		for (const client of CLIENTS) await bench.run(client, 1, flood(10_000), DRAIN_LIMIT_MS);
		const rates = await measureRates(bench);
		const memory = [await measureMemory(bench, 'batch'), await measureMemory(bench, 'event')];
		const growth = await measureGrowth(bench);
		reportTriggerClient(PLAN, { rates, memory, growth });
	} finally {
		await bench.stop();
	}
}
