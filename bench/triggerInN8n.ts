import { SANDBOX_APPS } from '../sandbox/hst/seed';
import { EgwControl } from '../sandbox/hst/egwControl';
import type { Workflow } from '../test/e2e/harness/n8nApi';
import { startBenchN8n, type BenchN8n } from './lib/benchN8n';
import { Collector } from '../test/support/collector';
import { MemorySampler, residentMiB } from './lib/processMemory';
import { previousTable, saveResult, type Cell } from './lib/report';
import {
	accountTrigger,
	fromPosts,
	type PostedItem,
	type TriggerAccounting,
} from './lib/triggerAccounting';
import { DEFAULT_MAX_QUEUED_EVENTS } from '../nodes/HstEventTrigger/settings';
import { percentile, round } from './lib/stats';
import { waitFor } from '../test/support/waiting';

/**
 * The HST Event Trigger inside a published n8n workflow, fed by the EGW emulator at fixed rates: batches,
 * and one execution per event (the mode that reaches Max Queued Events). The workflow's second node posts
 * what it processed to a collector, which is where latency ends; what arrived is compared with the
 * emulator's log and states (bench/lib/triggerAccounting.ts).
 */

const APP = SANDBOX_APPS.meeting.appId;
const rates = (name: string, fallback: string) =>
	(process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const BATCH_RATES = rates('BENCH_TRIGGER_RATES', '1000,5000,10000,20000,30000');
const SINGLE_RATES = rates('BENCH_TRIGGER_SINGLE_RATES', '10,100,1000,5000');
const SECONDS = Number(process.env.BENCH_TRIGGER_SECONDS ?? 10);
/** One execution per event drains a few dozen events/s: a bound this size completes its overloads within a run. */
const SINGLE_BOUND = Number(process.env.BENCH_TRIGGER_SINGLE_BOUND ?? 1000);
/** How long delivery may go on after the emulator stopped sending, for a mode that fell behind. */
const DRAIN_LIMIT_MS = Number(process.env.BENCH_TRIGGER_DRAIN_SECONDS ?? 120) * 1000;

type Mode = 'event' | 'batch';
type Processed = { events: PostedItem[] };

interface CellResult extends TriggerAccounting {
	mode: Mode;
	offeredPerSecond: number;
	/** Max Queued Events of the run. */
	bound: number;
	executions: number;
	/** Live events delivered ÷ time from the first post to the last. */
	deliveredPerSecond: number;
	executionsPerSecond: number;
	latencyP50Ms: number;
	latencyP99Ms: number;
	idleRssMiB: number;
	peakRssMiB: number;
	/**
	 * Delivery was still going on when the drain limit ended the run: the net changes missing are then
	 * recovered events still queued in the trigger when the benchmark unpublished the workflow.
	 */
	cutOffByDrainLimit: boolean;
	/** Overloads: failed executions reporting Max Queued Events reached. */
	overloads: number;
	/** Posts the collector saw break off: those executions' items are missing from the figures. */
	postsAborted: number;
}

/** See PostedItem: live events short, recovered ones in full. */
const ITEM_FIELDS =
	'(item.json.recovered ? [item.json.version, null, 1, item.json.eventId, item.json.groupId, item.json.userId, item.json.mediaId ?? null, item.json.mediaType ?? null] : [item.json.version, item.json.raw ? item.json.raw.sent_at : null])';

function workflow(
	mode: Mode,
	bound: number,
	collectorUrl: string,
	credential: { id: string; name: string },
) {
	return {
		name: `bench trigger ${mode}`,
		settings: { saveDataSuccessExecution: 'none' },
		nodes: [
			{
				name: 'HST Event Trigger',
				type: 'n8n-nodes-rtc-paas.hstEventTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					apps: { app: [{ appId: APP, groupIds: '' }] },
					emit: mode,
					...(mode === 'batch' ? { batching: {} } : {}),
					options: mode === 'event' ? { maxQueuedEvents: bound } : {},
				},
				credentials: { hstApi: credential },
			},
			{
				// One request per execution, however many items: the work a real workflow does once per run.
				name: 'Process',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				executeOnce: true,
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ events: $input.all().map(item => ${ITEM_FIELDS}) }) }}`,
					options: {},
				},
			},
		],
		connections: {
			'HST Event Trigger': { main: [[{ node: 'Process', type: 'main', index: 0 }]] },
		},
	} as unknown as Workflow;
}

/** n8n answers 409 while a deactivation is still under way. */
async function deleteWhenUnpublished(bench: BenchN8n, workflowId: string): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			await bench.n8n.api.deleteWorkflow(workflowId);
			return;
		} catch (error) {
			if (attempt >= 50 || !String(error).includes(' 409 ')) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

async function measureCell(
	bench: BenchN8n,
	collector: Collector<Processed>,
	mode: Mode,
	rate: number,
): Promise<CellResult> {
	const egw = new EgwControl(bench.sandbox.urls.egw);
	await egw.reset();
	collector.reset();
	const api = bench.n8n.api;
	const bound = mode === 'event' ? SINGLE_BOUND : DEFAULT_MAX_QUEUED_EVENTS;
	const workflowId = await api.createWorkflow(
		workflow(mode, bound, collector.url, bench.credentials.hstApi),
	);
	await api.activate(workflowId);
	await waitFor(
		async () => (await egw.sessions()).some((session) => session.apps.includes(APP)),
		60_000,
		'the trigger to subscribe',
	);
	const start = await egw.state(APP);
	const idleRssMiB = residentMiB(bench.n8n.process.pid ?? 0);
	const memory = new MemorySampler(bench.n8n.process.pid ?? 0);
	await egw.startGenerator({ appId: APP, rate, groups: 20, users: 400, seed: rate });
	await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
	const { generated } = await egw.stopGenerator(APP);
	let live = 0;
	const countLive = () => {
		for (const delivery of collector.deliveries.slice(countLive.seen)) {
			for (const item of delivery.body.events) if (item.length === 2) live += 1;
		}
		countLive.seen = collector.deliveries.length;
		return live;
	};
	countLive.seen = 0;
	// Done when every event arrived live; after an overload, when the recovered events stop coming.
	const drainDeadline = Date.now() + DRAIN_LIMIT_MS;
	await collector.settle(10_000, drainDeadline, () => countLive() >= generated);
	const cutOffByDrainLimit = Date.now() >= drainDeadline;
	await api.deactivate(workflowId);
	// Executions already started finish after deactivation; wait for their posts.
	await collector.settle(3000, Date.now() + 60_000);
	const { peakMiB } = memory.stop();
	const overloads = (await api.executions(workflowId)).filter(
		(execution) => execution.status === 'error',
	).length;
	await deleteWhenUnpublished(bench, workflowId);

	const truth = await egw.log(APP, start.version);
	const items = fromPosts(
		truth,
		collector.deliveries.flatMap((delivery) => delivery.body.events),
	);
	const accounting = accountTrigger(start, await egw.state(APP), truth, items);
	const latencies: number[] = [];
	for (const delivery of collector.deliveries) {
		for (const item of delivery.body.events)
			if (item[1] !== null) latencies.push(delivery.receivedAt - item[1]);
	}
	// From the first processed batch to the last: the rate the workflow sustained, without the batch window
	// at the start counted as slowness.
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (const delivery of collector.deliveries) {
		first = Math.min(first, delivery.receivedAt);
		last = Math.max(last, delivery.receivedAt);
	}
	const spanSeconds = Math.max(1, (last - first) / 1000);
	return {
		mode,
		offeredPerSecond: rate,
		bound,
		...accounting,
		executions: collector.deliveries.length,
		deliveredPerSecond: accounting.live / spanSeconds,
		executionsPerSecond: collector.deliveries.length / spanSeconds,
		latencyP50Ms: percentile(latencies, 0.5),
		latencyP99Ms: percentile(latencies, 0.99),
		idleRssMiB,
		peakRssMiB: peakMiB,
		cutOffByDrainLimit,
		overloads,
		postsAborted: collector.aborted,
	};
}

/** Every event delivered live, none doubled, none waited longer than a few seconds, the final state right. */
const keptUp = (result: CellResult) =>
	result.live === result.sent &&
	result.duplicated === 0 &&
	result.stateEqual &&
	result.latencyP99Ms < 3000;

const highest = (values: number[]) => values.reduce((top, value) => Math.max(top, value), 0);

export async function run(): Promise<void> {
	const previous = previousTable('trigger-in-n8n', 'before this one');
	const bench = await startBenchN8n();
	const collector = await Collector.start<Processed>();
	const results: CellResult[] = [];
	try {
		const plan = [
			...BATCH_RATES.map((rate) => ['batch', rate] as const),
			...SINGLE_RATES.map((rate) => ['event', rate] as const),
		];
		for (const [mode, rate] of plan) {
			const result = await measureCell(bench, collector, mode, rate);
			process.stderr.write(`[bench trigger] ${JSON.stringify(result)}\n`);
			results.push(result);
		}
	} finally {
		await collector.close();
		await bench.stop();
	}

	const row = (result: CellResult): Cell[] => [
		result.mode === 'batch' ? 'batches (defaults: 100 events / 1 s)' : 'one execution per event',
		result.offeredPerSecond,
		result.bound,
		result.sent,
		round(result.deliveredPerSecond),
		`${round(result.deliveredPerSecond / result.offeredPerSecond, 2)}`,
		round(result.executionsPerSecond),
		round(result.latencyP50Ms, 0),
		round(result.latencyP99Ms, 0),
		`${round(result.idleRssMiB, 0)} → ${round(result.peakRssMiB, 0)}`,
		result.overloads,
		result.live,
		result.recovered,
		result.notRecoverable,
		result.netChangesMissing,
		result.duplicated,
		keptUp(result) ? 'yes' : 'no',
	];
	const single = results.filter((result) => result.mode === 'event');
	const batch = results.filter((result) => result.mode === 'batch');
	const singleLimit = highest(single.map((result) => result.deliveredPerSecond));
	const singleKeptUp = highest(single.filter(keptUp).map((result) => result.offeredPerSecond));
	const batchKeptUp = highest(batch.filter(keptUp).map((result) => result.offeredPerSecond));
	const overloaded = results.filter((result) => result.overloads > 0);
	saveResult({
		name: 'trigger-in-n8n',
		title: 'HST Event Trigger inside n8n: one execution per event versus batches',
		order: 30,
		method: [
			`n8n ${bench.n8nVersion} (default settings, SQLite, \`vm\` expression engine) on Node 24 with this package installed as a community package; the trigger uses Node's own WebSocket. The EGW emulator runs in the benchmark process.`,
			`Published workflow: HST Event Trigger (all events of one app) → HTTP Request node (Execute Once) posting every item of the execution (version, emulator send time, recovered flag, event, group, user, media) to a collector on 127.0.0.1. Successful executions are not saved (\`saveDataSuccessExecution: none\`), as high-volume workflows are usually run. Batches use the default options (Max Queued Events ${DEFAULT_MAX_QUEUED_EVENTS.toLocaleString('en-US')}); one execution per event uses Max Queued Events ${SINGLE_BOUND.toLocaleString('en-US')}, so that overloads complete within a run.`,
			`For each rate the emulator's generator sends believable events (20 rooms, 400 users) for ${SECONDS} s; delivery may go on for up to ${DRAIN_LIMIT_MS / 1000} s afterwards, until every event arrived live or nothing arrived for 10 s.`,
			'Delivered/s: events delivered live ÷ time from the first post to the last; ratio: delivered/s ÷ offered/s (1.00 = kept up). Latency (live events): collector receive time − emulator send time. Memory: resident memory of the n8n process tree, before → peak.',
			"Against the emulator's ground truth (its log and states): live = logged events delivered as they happened; overloads = failed executions reporting Max Queued Events reached (events are then read and not taken until half the queue is processed, and a full sync emits what changed meanwhile); recovered = items those syncs emitted; not recoverable = events not taken whose change no recovered item reports (changed back while over the bound, or recording status, which no snapshot holds); net changes missing = differences between the emitted items replayed onto the start state and the emulator's final state (0 = nothing lost for good); duplicated = live events delivered twice plus recovered items that changed nothing. Kept up: every event live, 0 duplicated, final state equal, p99 latency under 3 s.",
		],
		tables: [
			{
				columns: [
					'Emission',
					'Offered events/s',
					'Max Queued Events',
					'Events sent',
					'Delivered live/s',
					'Ratio',
					'Executions/s',
					'Latency p50 ms',
					'Latency p99 ms',
					'n8n RSS MiB (before → peak)',
					'Overloads',
					'Live',
					'Recovered by sync',
					'Not recoverable',
					'Net changes missing',
					'Duplicated',
					'Kept up',
				],
				rows: [...batch, ...single].map(row),
			},
			...previous,
		],
		findings: [
			`One execution per event kept up at ${singleKeptUp} events/s and tops out at about ${round(singleLimit, 0)} events/s on this machine: n8n's own cost per execution. Batches kept up at ${batchKeptUp} events/s.`,
			overloaded.length > 0
				? `Overloads (${overloaded.map((result) => `${result.mode === 'batch' ? 'batches' : 'one per event'} at ${result.offeredPerSecond}/s`).join(', ')}): ${overloaded.reduce((sum, result) => sum + result.recovered, 0)} events recovered by sync, ${overloaded.reduce((sum, result) => sum + result.notRecoverable, 0)} not recoverable by design, ${overloaded.reduce((sum, result) => sum + result.netChangesMissing, 0)} net changes missing, ${overloaded.reduce((sum, result) => sum + result.duplicated, 0)} duplicated.`
				: 'No run reached Max Queued Events.',
			`Net changes missing and duplicated across every run: ${results.reduce((sum, result) => sum + result.netChangesMissing, 0)} and ${results.reduce((sum, result) => sum + result.duplicated, 0)}; posts to the collector that broke off: ${results.reduce((sum, result) => sum + result.postsAborted, 0)}.`,
			cutOffFinding(results),
		],
	});
}

/** Why a cell's net changes can be missing although the trigger lost nothing: the run ended first. */
function cutOffFinding(results: CellResult[]): string {
	const cut = results.filter((result) => result.cutOffByDrainLimit && result.netChangesMissing > 0);
	if (cut.length === 0)
		return 'Every run ended with its deliveries complete (none cut off by the drain limit).';
	const cells = cut
		.map(
			(result) =>
				`${result.mode === 'batch' ? 'batches' : 'one per event'} at ${result.offeredPerSecond}/s: ${result.netChangesMissing}`,
		)
		.join(', ');
	return `Net changes missing in runs still delivering when the ${DRAIN_LIMIT_MS / 1000} s drain limit ended them (${cells}) are recovered events still queued in the trigger when the benchmark unpublished the workflow, not events lost by it: one execution per event runs about ${round(Math.max(...cut.map((result) => result.executionsPerSecond)), 0)} executions/s, so a full sync's thousands of differences take minutes to emit. The workflow's static data holds the position, so a later activation would emit them as recovered events.`;
}
