import { HstGatewayControl } from '../sandbox/hst/gatewayControl';
import { YoumeControl } from '../sandbox/youme/control';
import {
	fetchHstToken,
	profiledRunInN8n,
	runInN8n,
	timeWithUndici,
	tokenStorm,
	type OrderCheck,
	type TokenStorm,
} from './lib/actionRuns';
import { reportActionNodes, type ProfiledPath, type Sample } from './lib/actionReport';
import {
	MEASURED,
	SIGN,
	httpRequestNodes,
	itemsWorkflow,
	packageNode,
	type PackageNodeOptions,
	type Vendor,
} from './lib/actionWorkflows';
import { startBenchN8n, type BenchN8n } from './lib/benchN8n';
import { summariseProfile } from './lib/profileSummary';
import { median, repeat } from './lib/stats';

/**
 * What one REST call costs through this package's action nodes inside n8n, against the same calls from a
 * bare undici client and through what users would build otherwise (n8n's HTTP Request node, plus a Code
 * node signing Youme requests); then the same with the vendor tens of milliseconds away (the sandbox's
 * latency knob), where Concurrent Requests pays off; a CPU profile of n8n during each path; and the
 * token under load: many items at once on an expired token.
 */

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const GROWTH = [CALLS / 100, CALLS / 10].map((count) => Math.max(1, Math.round(count)));
const CONCURRENT = 10;
/** Mean latencies added to every vendor answer; each answer waits 90 % of it plus 0–20 % drawn anew. */
const LATENCIES = (process.env.BENCH_LATENCIES ?? '20,50')
	.split(',')
	.filter((value) => value.trim() !== '')
	.map(Number);
const VENDORS = ['HST', 'Youme'] as const;

const latencySettings = (meanMs: number) => ({
	latencyMs: meanMs * 0.9,
	latencyJitterMs: meanMs * 0.2,
});

async function setLatency(bench: BenchN8n, meanMs: number): Promise<void> {
	const settings = latencySettings(meanMs);
	await new HstGatewayControl(bench.sandbox.urls.hstGateway).configure(settings);
	await new YoumeControl(bench.sandbox.urls.youme).configure(settings);
}

type Measure = () => Promise<{ ms: number; order?: OrderCheck }>;

/** Collects repetitions per cell, so cells measured in turns within one repetition share its conditions. */
class Cells {
	private readonly runs = new Map<
		string,
		{ sample: Omit<Sample, 'ms' | 'order'>; ms: number[]; order: OrderCheck[] }
	>();

	async measure(sample: Omit<Sample, 'ms' | 'order'>, measure: Measure): Promise<void> {
		const key = JSON.stringify(sample);
		const cell = this.runs.get(key) ?? { sample, ms: [], order: [] };
		this.runs.set(key, cell);
		const result = await measure();
		cell.ms.push(result.ms);
		if (result.order) cell.order.push(result.order);
		process.stderr.write(
			`[bench actions] ${JSON.stringify({ ...sample, ms: Math.round(result.ms), order: result.order })}\n`,
		);
	}

	samples(): Sample[] {
		return [...this.runs.values()].map(({ sample, ms, order }) => ({
			...sample,
			ms: median(ms),
			order: order.length === 0 ? undefined : (order.find((check) => !check.kept) ?? order[0]),
		}));
	}
}

function nodeRun(bench: BenchN8n, vendor: Vendor, calls: number, options: PackageNodeOptions) {
	return () =>
		runInN8n(
			bench,
			itemsWorkflow(`bench ${vendor} node`, calls, [packageNode(bench, vendor, options)]),
			[MEASURED],
			calls,
		);
}

function httpRun(bench: BenchN8n, vendor: Vendor, calls: number, token: string) {
	return () =>
		runInN8n(
			bench,
			itemsWorkflow(`bench ${vendor} http`, calls, httpRequestNodes(bench, vendor, token)),
			vendor === 'HST' ? [MEASURED] : [SIGN, MEASURED],
			calls,
		);
}

/**
 * One repetition of one vendor at one latency. HST allows one valid token per account: the bench's own
 * token (bare client, HTTP Request node) and the node's stored one replace each other, so the baselines
 * run on a token fetched just before, and a one-item run lets the node renew its token outside what is
 * measured.
 */
async function repetition(bench: BenchN8n, cells: Cells, vendor: Vendor, latencyMs: number) {
	const token = await fetchHstToken(bench);
	const undici = (calls: number, concurrency: number) => async () => ({
		ms: await timeWithUndici(bench, vendor, calls, concurrency, token),
	});
	const base = { vendor, latencyMs };
	if (latencyMs === 0)
		for (const calls of GROWTH)
			await cells.measure({ ...base, path: 'undici', calls, concurrency: 1 }, undici(calls, 1));
	if (latencyMs === 0)
		await cells.measure(
			{ ...base, path: 'undici', calls: CALLS, concurrency: 1 },
			undici(CALLS, 1),
		);
	await cells.measure(
		{ ...base, path: 'undici', calls: CALLS, concurrency: CONCURRENT },
		undici(CALLS, CONCURRENT),
	);
	await cells.measure(
		{ ...base, path: 'HTTP Request node', calls: CALLS, concurrency: CALLS },
		httpRun(bench, vendor, CALLS, token),
	);

	await nodeRun(bench, vendor, 1, { concurrency: 1 })();
	if (latencyMs === 0)
		for (const calls of GROWTH)
			await cells.measure(
				{ ...base, path: 'package node', calls, concurrency: 1 },
				nodeRun(bench, vendor, calls, { concurrency: 1 }),
			);
	await cells.measure(
		{ ...base, path: 'package node', calls: CALLS, concurrency: 1 },
		nodeRun(bench, vendor, CALLS, { concurrency: 1 }),
	);
	await cells.measure(
		{ ...base, path: 'package node', calls: CALLS, concurrency: CONCURRENT },
		nodeRun(bench, vendor, CALLS, { concurrency: CONCURRENT }),
	);
	if (vendor === 'Youme' && latencyMs === 0)
		await cells.measure(
			{ ...base, path: 'package node, raw answer', calls: CALLS, concurrency: 1 },
			nodeRun(bench, vendor, CALLS, { concurrency: 1, output: 'raw' }),
		);
}

/** One profiled run per path, after the timed ones (profiling slows n8n down, so it is never timed). */
async function profilePaths(bench: BenchN8n): Promise<ProfiledPath[]> {
	const profiled: ProfiledPath[] = [];
	const keep = async (name: string, run: ReturnType<typeof profiledRunInN8n>) => {
		const { profile, wallClockOffsetUs, fromMs, toMs } = await run;
		profiled.push({
			name,
			calls: CALLS,
			summary: summariseProfile(profile, wallClockOffsetUs, fromMs, toMs),
		});
	};
	for (const vendor of VENDORS) {
		const token = await fetchHstToken(bench);
		await keep(
			vendor === 'HST' ? 'HST: HTTP Request node' : 'Youme: Code node signing + HTTP Request node',
			profiledRunInN8n(
				bench,
				itemsWorkflow('profile http', CALLS, httpRequestNodes(bench, vendor, token)),
				vendor === 'HST' ? [MEASURED] : [SIGN, MEASURED],
				CALLS,
			),
		);
		await nodeRun(bench, vendor, 1, { concurrency: 1 })();
		const outputs = vendor === 'HST' ? (['records'] as const) : (['records', 'raw'] as const);
		for (const output of outputs)
			await keep(
				`${vendor}: package node${output === 'raw' ? ', raw answer' : ''}`,
				profiledRunInN8n(
					bench,
					itemsWorkflow('profile node', CALLS, [
						packageNode(bench, vendor, { concurrency: 1, output }),
					]),
					[MEASURED],
					CALLS,
				),
			);
	}
	return profiled;
}

export async function run(): Promise<void> {
	const bench = await startBenchN8n({ NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' }, { inspect: true });
	const cells = new Cells();
	const storms: TokenStorm[] = [];
	let profiled: ProfiledPath[];
	try {
		for (const latencyMs of [0, ...LATENCIES]) {
			await setLatency(bench, latencyMs);
			for (let round = 0; round < REPEAT; round++)
				for (const vendor of VENDORS) await repetition(bench, cells, vendor, latencyMs);
		}
		await setLatency(bench, 0);
		profiled = await profilePaths(bench);
		await repeat(REPEAT, async () => {
			storms.push(await tokenStorm(bench, false), await tokenStorm(bench, true));
		});
	} finally {
		await bench.stop();
	}
	reportActionNodes({
		n8nVersion: bench.n8nVersion,
		calls: CALLS,
		repeat: REPEAT,
		growth: GROWTH,
		concurrent: CONCURRENT,
		latencies: LATENCIES.map((meanMs) => ({ meanMs, ...latencySettings(meanMs) })),
		samples: cells.samples(),
		profiled,
		storms,
	});
}
