import { DEFAULT_MAX_PARALLEL_EXECUTIONS } from '../../nodes/HstEventTrigger/settings';
import type { Client, RunResult } from './clientRun';
import type { MemoryPoint } from './ownMemory';
import { previousTable, saveResult, type Cell } from './report';
import { median, round } from './stats';

export const FLOOD = 'flood';
export type Offered = number | typeof FLOOD;

export interface TriggerClientPlan {
	repeats: number;
	rates: number[];
	pacedSeconds: number;
	floodEvents: number;
	memorySeconds: number;
	memoryRate: number;
	settleEverySeconds: number;
	growthApps: number[];
	/** Events per cost-growth run, spread over its apps. */
	growthEvents: number;
}

export interface MemoryRun {
	client: 'batch' | 'event';
	result: RunResult;
	start: MemoryPoint;
	end: MemoryPoint;
	afterStop: MemoryPoint;
	peakHeapMiB: number;
	peakRssMiB: number;
	heapGrowthPerMillion: number;
	rssGrowthPerMillion: number;
	/** CPU µs per event in the first and in the last interval between post-GC points. */
	cpuFirstWindow: number;
	cpuLastWindow: number;
}

export interface TriggerClientMeasurements {
	/** Keyed `client|offered`. */
	rates: Map<string, RunResult[]>;
	memory: MemoryRun[];
	/** Keyed `client|apps`. */
	growth: Map<string, RunResult[]>;
}

const CLIENTS: Client[] = ['bare', 'batch', 'event'];
const CLIENT_NAMES: Record<Client, string> = {
	bare: 'bare `ws` client (baseline)',
	batch: 'trigger, batches (defaults: 100 events / 1 s)',
	event: 'trigger, one item per event',
};
/** Heap growth below this, in MiB per million events (about 2 bytes an event), is read as flat. */
const FLAT_MIB_PER_MILLION = 2;

/** A cell's repetitions: medians of the timings, correctness summed over every run. */
interface Aggregate {
	runs: RunResult[];
	events: number;
	deliveredPerSecond: number;
	latencyP50Ms: number;
	latencyP99Ms: number;
	cpuMicrosPerEvent: number;
	executions: number;
	overloads: number;
	lost: number;
	/** Duplicated plus unexpected (recovered or never logged) arrivals. */
	extra: number;
	/** null for the bare client, which emits no items. */
	statesMatch: boolean | null;
	drained: boolean;
}

function aggregate(runs: RunResult[] | undefined): Aggregate {
	if (!runs?.length) throw new Error('a benchmark cell has no runs');
	const of = (pick: (run: RunResult) => number) => median(runs.map(pick));
	const sum = (pick: (run: RunResult) => number) =>
		runs.reduce((total, run) => total + pick(run), 0);
	return {
		runs,
		events: of((run) => run.logged),
		deliveredPerSecond: of((run) => run.deliveredPerSecond),
		latencyP50Ms: of((run) => run.latencyP50Ms),
		latencyP99Ms: of((run) => run.latencyP99Ms),
		cpuMicrosPerEvent: of((run) => run.cpuMicrosPerEvent),
		executions: of((run) => run.executions),
		overloads: sum((run) => run.overloads),
		lost: sum((run) => run.lost),
		extra: sum((run) => run.duplicated + run.unexpected),
		statesMatch: runs[0].statesMatch === null ? null : runs.every((run) => run.statesMatch),
		drained: runs.every((run) => run.drained),
	};
}

const ratio = (value: number, base: number) => `${round(value / base, 2)}`;
const count = (value: number) => round(value, 0).toLocaleString('en-US');
const stateCell = (cell: Aggregate) =>
	cell.statesMatch === null ? '—' : cell.statesMatch ? 'equal' : 'DIFFERENT';
/** Max ÷ min over a cell's repetitions: how much the machine moved a figure. */
const spread = (cell: Aggregate, pick: (run: RunResult) => number) => {
	const values = cell.runs.map(pick);
	return Math.max(...values) / Math.min(...values);
};
const bytesPerEvent = (mibPerMillion: number) => (mibPerMillion * 2 ** 20) / 1e6;
const bytesPerExecution = (run: MemoryRun, mibPerMillion: number) =>
	(bytesPerEvent(mibPerMillion) * run.result.delivered) / Math.max(1, run.result.executions);

export function reportTriggerClient(
	plan: TriggerClientPlan,
	measured: TriggerClientMeasurements,
): void {
	const rate = (client: Client, offered: Offered) =>
		aggregate(measured.rates.get(`${client}|${offered}`));
	const growth = (client: 'bare' | 'batch', apps: number) =>
		aggregate(measured.growth.get(`${client}|${apps}`));
	const offers: Offered[] = [...plan.rates, FLOOD];

	const rateRows: Cell[][] = offers.flatMap((offered) => {
		const bare = rate('bare', offered);
		return CLIENTS.map((client) => {
			const cell = rate(client, offered);
			const versus = (value: number, base: number) =>
				client === 'bare' ? '1' : ratio(value, base);
			return [
				CLIENT_NAMES[client],
				offered === FLOOD ? 'as fast as sent' : offered,
				cell.events,
				round(cell.deliveredPerSecond, 0),
				versus(cell.deliveredPerSecond, bare.deliveredPerSecond),
				round(cell.latencyP50Ms, 2),
				round(cell.latencyP99Ms, 2),
				versus(cell.latencyP50Ms, bare.latencyP50Ms),
				versus(cell.latencyP99Ms, bare.latencyP99Ms),
				round(cell.cpuMicrosPerEvent, 1),
				client === 'bare' ? '—' : cell.executions,
				cell.overloads,
				cell.lost,
				cell.extra,
				stateCell(cell),
			];
		});
	});

	const memoryRows: Cell[][] = measured.memory.flatMap((run) =>
		(['heap', 'rss'] as const).map((kind) => {
			const of = (point: MemoryPoint) => round(kind === 'heap' ? point.heapMiB : point.rssMiB);
			const slope = kind === 'heap' ? run.heapGrowthPerMillion : run.rssGrowthPerMillion;
			return [
				`${CLIENT_NAMES[run.client]}: ${kind === 'heap' ? 'heap used' : 'RSS'}`,
				run.result.delivered,
				run.result.executions,
				of(run.start),
				of(run.end),
				round(kind === 'heap' ? run.peakHeapMiB : run.peakRssMiB),
				of(run.afterStop),
				round(slope, 1),
				// Per event and per execution only for the heap: RSS moves with what the allocator returns.
				kind === 'heap' ? round(bytesPerEvent(slope), 0) : '',
				kind === 'heap' ? round(bytesPerExecution(run, slope), 0) : '',
				kind === 'heap' ? round(run.cpuFirstWindow, 1) : '',
				kind === 'heap' ? round(run.cpuLastWindow, 1) : '',
			];
		}),
	);

	const [firstApps] = plan.growthApps;
	const growthRows: Cell[][] = plan.growthApps.map((apps) => {
		const bare = growth('bare', apps);
		const trigger = growth('batch', apps);
		return [
			`${apps / firstApps}×`,
			apps,
			trigger.events,
			round(trigger.cpuMicrosPerEvent, 1),
			round(bare.cpuMicrosPerEvent, 1),
			ratio(trigger.cpuMicrosPerEvent, bare.cpuMicrosPerEvent),
			round(trigger.cpuMicrosPerEvent - bare.cpuMicrosPerEvent, 1),
			ratio(trigger.cpuMicrosPerEvent, growth('batch', firstApps).cpuMicrosPerEvent),
			trigger.lost + bare.lost,
			trigger.extra + bare.extra,
			stateCell(trigger),
		];
	});

	const previous = previousTable('trigger-client', 'before this one');
	saveResult({
		name: 'trigger-client',
		title: "HST Event Trigger's client alone (no n8n) against a bare WebSocket client",
		order: 25,
		method: methodLines(plan),
		tables: [
			{
				caption: 'Throughput and latency, one app',
				columns: [
					'Client',
					'Offered events/s',
					'Events per run',
					'Delivered events/s',
					'Throughput vs bare',
					'Latency p50 ms',
					'Latency p99 ms',
					'p50 vs bare',
					'p99 vs bare',
					'CPU µs/event',
					'Executions per run',
					'Overloads',
					'Not delivered live',
					'Duplicated, recovered or unexpected',
					'Replayed state',
				],
				rows: rateRows,
			},
			...previous,
			{
				caption: `Memory of the whole process at ${count(plan.memoryRate)} events/s for ${plan.memorySeconds} s, one app`,
				columns: [
					'Client: measure',
					'Events',
					'Executions',
					'Start MiB (post-GC)',
					'End MiB (post-GC)',
					'Peak MiB (sampled)',
					'After deactivation MiB (post-GC)',
					'Growth MiB per million events',
					'Heap bytes per event',
					'Heap bytes per execution',
					`CPU µs/event, first ${plan.settleEverySeconds} s`,
					`CPU µs/event, last ${plan.settleEverySeconds} s`,
				],
				rows: memoryRows,
			},
			{
				caption: `Cost growth: 1× / 10× / 100× the subscribed apps, ${count(plan.growthEvents)} events per run as fast as sent, batches`,
				columns: [
					'Work',
					'Apps',
					'Events per run',
					'Trigger CPU µs/event',
					'Bare CPU µs/event',
					'Trigger ÷ bare',
					"Trigger's own µs/event",
					'Trigger per-event cost vs 1×',
					'Not delivered live',
					'Duplicated, recovered or unexpected',
					'Replayed state',
				],
				rows: growthRows,
			},
		],
		findings: findings(plan, measured, rate, growth),
	});
}

function methodLines(plan: TriggerClientPlan): string[] {
	return [
		`No n8n: the EGW emulator (sandbox/hst) and the trigger run in the benchmark process, on Node ${process.versions.node} (the Node n8n 2.x runs on), whose own WebSocket the trigger uses; events go over a real WebSocket on 127.0.0.1.`,
		"The trigger (default options) is activated through the test suite's n8n host (test/support/n8nHost), whose executions finish at once (each done-promise settled on a 0 ms timer), so what is measured is the client: socket, JSON, versions and state, items, emission. The benchmark's own bookkeeping per emitted item (counting, replaying onto a state) is part of the trigger's figures.",
		'Baseline in the same runs: a bare `ws` client that logs in, subscribes and JSON.parses each frame, nothing else (no sync, heartbeat, version check or items). The three clients take turns within each repetition.',
		`Load: the emulator's own event generator (20 rooms, 400 users per app), paced at ${plan.rates.map(count).join(' and ')} events/s for ${plan.pacedSeconds} s (a burst every 10 ms), and as fast as the emulator sends (${count(plan.floodEvents)} events in chunks of 500, one event-loop turn between chunks). Sender and client share this process's event loop and its 2 cores with the rest of the machine, so "as fast as sent" is bounded by both.`,
		`Figures are medians of ${plan.repeats} repetitions; correctness counts are summed. Delivered/s: events between the 10th and 90th percentile arrival ÷ that time (no ramp-up, no tail). Latency: time the host received the emit − time the emulator was handed the event (performance.now()); in paced runs only events sent before the last second count, as the final partial batch waits out the 1 s window when a run ends. CPU µs/event: the whole process (emulator, client, GC) from the first send to the last arrival ÷ events; at low rates fixed timer work dominates it.`,
		"Correctness, every run: each version in the emulator's log (its ground truth) should arrive live exactly once (not delivered live; duplicated, recovered or unexpected), and the trigger's emitted items replayed onto the start state (test/support/egwGroundTruth) must give the emulator's final state. After an overload (Max Queued Events reached) the trigger takes no events until its queue drains, then a full sync emits their net change as recovered events: those runs count the events not taken as not delivered live and the recovered ones in the next column, and the replayed state says whether any net change was lost.",
		`Memory: one trigger per emission mode at ${count(plan.memoryRate)} events/s for ${plan.memorySeconds} s; heap and RSS of this process after a full GC (gc() enabled at run time) at the start and every ${plan.settleEverySeconds} s, peaks sampled every second without GC. The emulator's event log is moved into the benchmark's preallocated tally each second, so what grows is the client's. Growth: least-squares slope of the post-GC figures from ${plan.settleEverySeconds} s on (the start still holds memory earlier runs freed) over events delivered.`,
		`Cost growth with the apps: ${plan.growthApps.join(', ')} subscribed apps (one connection each, for both clients), ${count(plan.growthEvents)} events per run sent round-robin over them as fast as the emulator sends, compared by CPU per event (which leaves out the idle batch-window tail at the end of a run). Cost growth with the volume: CPU per event in the first and the last ${plan.settleEverySeconds} s of the long runs above, after 0 and about ${count(plan.memoryRate * (plan.memorySeconds - plan.settleEverySeconds))} events.`,
	];
}

function memoryFinding(plan: TriggerClientPlan, run: MemoryRun): string {
	const slope = run.heapGrowthPerMillion;
	const released = run.afterStop.heapMiB <= run.start.heapMiB + 1;
	const verdict =
		slope < FLAT_MIB_PER_MILLION
			? 'flat'
			: `the heap grows while the trigger is active, about ${count(bytesPerExecution(run, slope))} B per execution, and ${released ? `drops back to ${round(run.afterStop.heapMiB)} MiB at deactivation: the activation keeps something for every execution it started` : `stays at ${round(run.afterStop.heapMiB)} MiB after deactivation`}`;
	return `Memory, ${CLIENT_NAMES[run.client]}, ${count(run.result.delivered)} events in ${count(run.result.executions)} executions over ${plan.memorySeconds} s: post-GC heap ${round(run.start.heapMiB)} → ${round(run.end.heapMiB)} MiB, ${round(slope, 1)} MiB per million events (${count(bytesPerEvent(slope))} B per event): ${verdict}. RSS ${round(run.start.rssMiB)} → ${round(run.end.rssMiB)} MiB (peak ${round(run.peakRssMiB)} MiB).`;
}

function findings(
	plan: TriggerClientPlan,
	measured: TriggerClientMeasurements,
	rate: (client: Client, offered: Offered) => Aggregate,
	growth: (client: 'bare' | 'batch', apps: number) => Aggregate,
): string[] {
	const lines: string[] = [];
	const [bare, batch, event] = CLIENTS.map((client) => rate(client, FLOOD));
	lines.push(
		`Highest rate, as fast as the emulator sends: the trigger delivered ${count(batch.deliveredPerSecond)} events/s with batches and ${count(event.deliveredPerSecond)} events/s with one item per event; the bare client ${count(bare.deliveredPerSecond)} events/s. That is ${ratio(batch.deliveredPerSecond, bare.deliveredPerSecond)}× and ${ratio(event.deliveredPerSecond, bare.deliveredPerSecond)}× the baseline's throughput, at ${round(batch.cpuMicrosPerEvent, 1)} and ${round(event.cpuMicrosPerEvent, 1)} µs CPU per event against ${round(bare.cpuMicrosPerEvent, 1)} µs (emulator and socket included in all three).`,
	);
	const hostCeiling = DEFAULT_MAX_PARALLEL_EXECUTIONS * 1000;
	if (event.deliveredPerSecond < batch.deliveredPerSecond)
		lines.push(
			`One item per event is also bounded by the host: at most ${DEFAULT_MAX_PARALLEL_EXECUTIONS} executions run at once (Max Parallel Executions) and each holds its slot until a 0 ms timer fires (≥ 1 ms in Node), about ${count(hostCeiling)} executions/s at best; in n8n an execution takes far longer (see the in-n8n section).`,
		);
	for (const offered of plan.rates) {
		const base = rate('bare', offered);
		const parts = (['batch', 'event'] as const).map((client) => {
			const cell = rate(client, offered);
			const keptUp = cell.drained && cell.deliveredPerSecond >= offered * 0.95;
			return `${client === 'batch' ? 'batches' : 'one item per event'} ${keptUp ? 'kept up' : `fell behind (${count(cell.deliveredPerSecond)} events/s)`}, latency p50 ${round(cell.latencyP50Ms, 1)} ms / p99 ${round(cell.latencyP99Ms, 1)} ms (${ratio(cell.latencyP50Ms, base.latencyP50Ms)}× / ${ratio(cell.latencyP99Ms, base.latencyP99Ms)}× the bare client's)`;
		});
		lines.push(
			`At ${count(offered)} events/s: ${parts.join('; ')}. The bare client: p50 ${round(base.latencyP50Ms, 2)} ms, p99 ${round(base.latencyP99Ms, 2)} ms. A default batch of 100 events takes ${count((100 / offered) * 1000)} ms to fill at this rate.`,
		);
	}
	const overloads = CLIENTS.flatMap((client) =>
		[...plan.rates, FLOOD].map((offered) => rate(client, offered as Offered).overloads),
	).reduce((sum, value) => sum + value, 0);
	if (overloads > 0)
		lines.push(
			`Max Queued Events (default) was reached ${overloads} time(s) over the throughput runs: the trigger reported it, did not take events until its queue drained, then a full sync recovered their net change (see Not delivered live and Replayed state).`,
		);
	for (const run of measured.memory) lines.push(memoryFinding(plan, run));
	const first = plan.growthApps[0];
	const last = plan.growthApps[plan.growthApps.length - 1];
	const [triggerFirst, triggerLast] = [first, last].map((apps) => growth('batch', apps));
	const [bareFirst, bareLast] = [first, last].map((apps) => growth('bare', apps));
	const costGrowth = triggerLast.cpuMicrosPerEvent / triggerFirst.cpuMicrosPerEvent;
	const bareGrowth = bareLast.cpuMicrosPerEvent / bareFirst.cpuMicrosPerEvent;
	const ownFirst = triggerFirst.cpuMicrosPerEvent - bareFirst.cpuMicrosPerEvent;
	const ownLast = triggerLast.cpuMicrosPerEvent - bareLast.cpuMicrosPerEvent;
	lines.push(
		`Cost growth with the apps, ${first} → ${last} subscribed apps (${count(plan.growthEvents)} events each run): the trigger's CPU per event went ${round(triggerFirst.cpuMicrosPerEvent, 1)} → ${round(triggerLast.cpuMicrosPerEvent, 1)} µs (${round(costGrowth, 2)}×), the bare client's ${round(bareFirst.cpuMicrosPerEvent, 1)} → ${round(bareLast.cpuMicrosPerEvent, 1)} µs (${round(bareGrowth, 2)}×); the trigger's own share (trigger − bare) ${round(ownFirst, 1)} → ${round(ownLast, 1)} µs${ownLast <= ownFirst * 1.25 + 1 ? ': what grows is the cost of more connections, which the bare client pays too' : ': the trigger adds cost per app beyond the connections'}.`,
	);
	const volume = measured.memory.map(
		(run) =>
			`${run.client === 'batch' ? 'batches' : 'one item per event'} ${round(run.cpuFirstWindow, 1)} → ${round(run.cpuLastWindow, 1)} µs (${ratio(run.cpuLastWindow, run.cpuFirstWindow)}×)`,
	);
	lines.push(
		`Cost growth with the volume, CPU per event in the first and the last ${plan.settleEverySeconds} s of the long runs: ${volume.join('; ')}.`,
	);
	const all = [
		...measured.rates.values(),
		...measured.growth.values(),
		...measured.memory.map((run) => [run.result]),
	].map(aggregate);
	const steady = all.filter((cell) => cell.overloads === 0);
	const lost = steady.reduce((sum, cell) => sum + cell.lost, 0);
	const extra = steady.reduce((sum, cell) => sum + cell.extra, 0);
	const runs = all.reduce((sum, cell) => sum + cell.runs.length, 0);
	const overloadedRuns = all.filter((cell) => cell.overloads > 0).map((cell) => cell.runs.length);
	const statesOk = all.every((cell) => cell.statesMatch !== false);
	const errors = all.reduce(
		(sum, cell) => sum + cell.runs.reduce((total, run) => total + run.triggerErrors, 0),
		0,
	);
	lines.push(
		`Correctness over all ${runs} runs: in the cells without an overload, ${lost} not delivered live and ${extra} duplicated or unexpected; ${overloadedRuns.reduce((sum, count) => sum + count, 0)} runs (in ${overloadedRuns.length} cells) overloaded and recovered by full syncs; ${errors} trigger errors; the trigger's replayed items ${statesOk ? 'gave the emulator’s state in every run, overloaded ones included' : 'did NOT give the emulator’s state in some run (see the tables)'}.`,
	);
	const cells = [...measured.rates.values()].map(aggregate);
	const noisyRate = cells.filter((cell) => spread(cell, (run) => run.deliveredPerSecond) > 1.3);
	const noisyTail = cells.filter((cell) => spread(cell, (run) => run.latencyP99Ms) > 2);
	if (noisyRate.length + noisyTail.length > 0)
		lines.push(
			`Noise: between repetitions, delivered/s differs by more than 30% in ${noisyRate.length} of ${cells.length} throughput cells and p99 latency by more than 2× in ${noisyTail.length} (max ÷ min); this machine's 2 cores are shared with other work, so read the ratios to the baseline rather than absolute figures, and single p99 ratios with care.`,
		);
	return lines;
}
