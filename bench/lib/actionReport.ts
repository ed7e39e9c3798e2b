import type { OrderCheck, TokenStorm } from './actionRuns';
import type { Vendor } from './actionWorkflows';
import { ACTIVITIES, OWNERS, type ProfileSummary } from './profileSummary';
import {
	baselineTables,
	previousResult,
	previousTables,
	saveResult,
	type Cell,
	type Table,
} from './report';
import { median, round } from './stats';

export type Path = 'package node' | 'package node, raw answer' | 'HTTP Request node' | 'undici';

export interface Sample {
	vendor: Vendor;
	/** Mean latency the sandbox added to every answer. */
	latencyMs: number;
	path: Path;
	calls: number;
	/** Requests in flight at most (the HTTP Request node sends all items at once). */
	concurrency: number;
	/** Median over the repetitions. */
	ms: number;
	/** The first failed check over the repetitions, or a kept one; none for the bare client. */
	order?: OrderCheck;
}

export interface ProfiledPath {
	name: string;
	calls: number;
	summary: ProfileSummary;
}

export interface ActionNodesOutcome {
	n8nVersion: string;
	calls: number;
	repeat: number;
	growth: number[];
	concurrent: number;
	latencies: Array<{ meanMs: number; latencyMs: number; latencyJitterMs: number }>;
	samples: Sample[];
	profiled: ProfiledPath[];
	storms: TokenStorm[];
}

const NAME = 'action-nodes';
const MAIN_CAPTION = 'Per call on 127.0.0.1';
const ACTIVITY_CAPTION = 'Where n8n’s main process spends the time';
const GOAL_PER_CALL = 0.8;
const GOAL_SPEEDUP = 6;

const pathLabel = (vendor: Vendor, path: Path) =>
	path === 'HTTP Request node' && vendor === 'Youme'
		? 'HTTP Request node + Code node signing'
		: path;
const inFlight = (sample: Sample) =>
	sample.path === 'HTTP Request node'
		? `all (${sample.concurrency.toLocaleString('en-US')})`
		: sample.concurrency;
const orderCell = (sample: Sample) =>
	sample.order === undefined ? '—' : sample.order.kept ? 'kept' : `BROKEN: ${sample.order.problem}`;
const perCall = (sample: Sample) => sample.ms / sample.calls;

export function reportActionNodes(outcome: ActionNodesOutcome): void {
	const { calls, concurrent, samples } = outcome;
	const find = (vendor: Vendor, path: Path, latencyMs: number, concurrency = 1, count = calls) => {
		const found = samples.find(
			(entry) =>
				entry.vendor === vendor &&
				entry.path === path &&
				entry.latencyMs === latencyMs &&
				entry.concurrency === (path === 'HTTP Request node' ? count : concurrency) &&
				entry.calls === count,
		);
		if (!found) throw new Error(`no sample ${vendor} ${path} ${latencyMs} ms ${concurrency}`);
		return found;
	};
	const vendors = ['HST', 'Youme'] as const;
	const nodePaths = (vendor: Vendor): Path[] =>
		vendor === 'Youme' ? ['package node', 'package node, raw answer'] : ['package node'];

	const vsHttp = (vendor: Vendor, path: Path) =>
		perCall(find(vendor, path, 0)) / perCall(find(vendor, 'HTTP Request node', 0));
	const vsHttpInFlight = (vendor: Vendor, concurrency: number) =>
		perCall(find(vendor, 'package node', 0, concurrency)) /
		perCall(find(vendor, 'HTTP Request node', 0));
	const speedup = (vendor: Vendor, latencyMs: number) =>
		find(vendor, 'package node', latencyMs).ms /
		find(vendor, 'package node', latencyMs, concurrent).ms;

	const mainRows: Cell[][] = vendors.flatMap((vendor) => {
		const floor = perCall(find(vendor, 'undici', 0));
		return [
			find(vendor, 'undici', 0),
			...nodePaths(vendor).map((path) => find(vendor, path, 0)),
			find(vendor, 'HTTP Request node', 0),
			find(vendor, 'undici', 0, concurrent),
			find(vendor, 'package node', 0, concurrent),
		].map((entry) => [
			vendor,
			pathLabel(vendor, entry.path),
			inFlight(entry),
			round(entry.ms, 0),
			round(perCall(entry), 3),
			round(perCall(entry) / floor, 2),
			entry.path.startsWith('package node')
				? round(perCall(entry) / perCall(find(vendor, 'HTTP Request node', 0)), 2)
				: '—',
			orderCell(entry),
		]);
	});

	const latencyRows: Cell[][] = outcome.latencies.flatMap(
		({ meanMs, latencyMs, latencyJitterMs }) =>
			vendors.flatMap((vendor) => {
				const single = find(vendor, 'package node', meanMs);
				return [
					single,
					find(vendor, 'package node', meanMs, concurrent),
					find(vendor, 'undici', meanMs, concurrent),
					find(vendor, 'HTTP Request node', meanMs),
				].map((entry) => [
					vendor,
					`${meanMs} (${latencyMs}–${latencyMs + latencyJitterMs})`,
					pathLabel(vendor, entry.path),
					inFlight(entry),
					round(entry.ms, 0),
					round(perCall(entry), 3),
					round(single.ms / entry.ms, 2),
					orderCell(entry),
				]);
			}),
	);

	const growthRows: Cell[][] = vendors.flatMap((vendor) =>
		[...outcome.growth, calls].map((count) => {
			const node = find(vendor, 'package node', 0, 1, count);
			const raw = find(vendor, 'undici', 0, 1, count);
			return [
				vendor,
				count,
				round(perCall(node), 3),
				round(perCall(raw), 3),
				round(perCall(node) / perCall(raw), 2),
			];
		}),
	);

	const stormOf = (expired: boolean) => {
		const chosen = outcome.storms.filter((storm) => storm.expired === expired);
		return {
			fetches: chosen.map((storm) => storm.fetches),
			ms: median(chosen.map((storm) => storm.ms)),
		};
	};
	const valid = stormOf(false);
	const expired = stormOf(true);

	const { profiled } = outcome;
	const usPerCall = (path: ProfiledPath, ms: number) => round((ms * 1000) / path.calls, 0);
	const profileColumns = ['', ...profiled.map((path) => path.name)];
	const activityRows: Cell[][] = [
		...ACTIVITIES.map((activity) => [
			activity,
			...profiled.map((path) => usPerCall(path, path.summary.byActivity[activity])),
		]),
		['busy (sum of the above)', ...profiled.map((path) => usPerCall(path, path.summary.busyMs))],
		['idle (waiting for answers)', ...profiled.map((path) => usPerCall(path, path.summary.idleMs))],
		['time the node(s) ran', ...profiled.map((path) => usPerCall(path, path.summary.windowMs))],
	];
	const ownerRows: Cell[][] = OWNERS.map((owner) => [
		owner,
		...profiled.map((path) => usPerCall(path, path.summary.byOwner[owner])),
	]);
	const topRows: Cell[][] = profiled
		.filter((path) => path.name.includes('package node') && !path.name.includes('raw'))
		.flatMap((path) =>
			path.summary.top.map((entry) => [
				path.name,
				entry.name,
				entry.owner,
				usPerCall(path, entry.ms),
			]),
		);

	const figures: Record<string, number> = {
		hstNodeVsHttp: vsHttp('HST', 'package node'),
		youmeNodeVsHttp: vsHttp('Youme', 'package node'),
		youmeRawVsHttp: vsHttp('Youme', 'package node, raw answer'),
		hstNode10VsHttp: vsHttpInFlight('HST', concurrent),
		youmeNode10VsHttp: vsHttpInFlight('Youme', concurrent),
		...Object.fromEntries(
			outcome.latencies.flatMap(({ meanMs }) =>
				vendors.map((vendor) => [`speedup${vendor}${meanMs}ms`, speedup(vendor, meanMs)]),
			),
		),
	};
	const before = previousResult(NAME)?.figures;
	const was = (key: string) =>
		before?.[key] === undefined ? '' : ` (previous run: ${round(before[key], 2)}×)`;
	const orderProblems = samples.filter((sample) => sample.order && !sample.order.kept);
	const profileOf = (name: string) => profiled.find((path) => path.name === name);
	const activityUs = (name: string, activity: (typeof ACTIVITIES)[number]) => {
		const path = profileOf(name);
		return path ? usPerCall(path, path.summary.byActivity[activity]) : Number.NaN;
	};
	const idleUs = (name: string) => {
		const path = profileOf(name);
		return path ? usPerCall(path, path.summary.idleMs) : Number.NaN;
	};

	const tables: Table[] = [
		{
			caption: `${MAIN_CAPTION}, no added latency: ${calls.toLocaleString('en-US')} calls`,
			columns: [
				'Vendor',
				'Path',
				'In flight',
				'Total ms',
				'ms per call',
				'× bare client',
				'× HTTP Request path',
				'Output order and pairing',
			],
			rows: mainRows,
		},
		{
			caption: `The vendor tens of milliseconds away: ${calls.toLocaleString('en-US')} calls, latency added by the sandbox to every answer`,
			columns: [
				'Vendor',
				'Latency ms, mean (range)',
				'Path',
				'In flight',
				'Total ms',
				'ms per call',
				'× faster than the package node with 1 in flight',
				'Output order and pairing',
			],
			rows: latencyRows,
		},
		{
			caption: 'Cost growth: per-call cost as the number of items grows 1 → 10 → 100 times',
			columns: ['Vendor', 'Items', 'Node ms per call', 'Bare client ms per call', 'Ratio'],
			rows: growthRows,
		},
		{
			caption: 'Token under load: 200 items in flight',
			columns: ['Stored token', 'Token fetches per run', 'Median ms', '× valid token'],
			rows: [
				['valid', valid.fetches.join(', '), round(valid.ms, 0), 1],
				[
					'expired',
					expired.fetches.join(', '),
					round(expired.ms, 0),
					round(expired.ms / valid.ms, 2),
				],
			],
		},
		{
			caption: `${ACTIVITY_CAPTION} while the measured node(s) run, µs per call (one profiled run of ${calls.toLocaleString('en-US')} calls, 1 in flight for the package nodes)`,
			columns: profileColumns,
			rows: activityRows,
		},
		{
			caption: 'Whose code runs: self time by package, µs per call (same profiles)',
			columns: profileColumns,
			rows: ownerRows,
		},
		{
			caption: 'Top functions by self time in the package nodes’ runs, µs per call (same profiles)',
			columns: ['Path', 'Function (script)', 'Package', 'µs per call'],
			rows: topRows,
		},
		...previousTables(NAME, [MAIN_CAPTION, ACTIVITY_CAPTION], 'the figures this run replaces'),
		...baselineTables(NAME, [MAIN_CAPTION, ACTIVITY_CAPTION]),
	];

	const latencyFindings = outcome.latencies.map(({ meanMs, latencyMs, latencyJitterMs }) => {
		const bound = (calls / concurrent) * meanMs;
		const http = (vendor: Vendor) => round(find(vendor, 'HTTP Request node', meanMs).ms, 0);
		return `Vendor ${meanMs} ms away (each answer waits ${latencyMs}–${latencyMs + latencyJitterMs} ms, so concurrent answers overtake each other): Concurrent Requests = ${concurrent} makes ${calls.toLocaleString('en-US')} items ${round(speedup('HST', meanMs), 1)}× faster than 1 for HST${was(`speedupHST${meanMs}ms`)} and ${round(speedup('Youme', meanMs), 1)}× for Youme${was(`speedupYoume${meanMs}ms`)} (goal ≥ ${GOAL_SPEEDUP}×); ${concurrent} in flight cannot beat ${calls.toLocaleString('en-US')} ÷ ${concurrent} × ${meanMs} ms = ${bound.toLocaleString('en-US')} ms. n8n’s HTTP Request node, which sends all items at once, took ${http('HST').toLocaleString('en-US')} ms (HST) and ${http('Youme').toLocaleString('en-US')} ms (Youme).`;
	});
	const hstNode = 'HST: package node';
	const youmeNode = 'Youme: package node';
	const hstHttp = 'HST: HTTP Request node';
	const youmeHttp = 'Youme: Code node signing + HTTP Request node';
	const findings = [
		`Per call with 1 request in flight, the HST node costs ${round(figures.hstNodeVsHttp, 2)}× the HTTP Request path${was('hstNodeVsHttp')}, the Youme node ${round(figures.youmeNodeVsHttp, 2)}×${was('youmeNodeVsHttp')} and ${round(figures.youmeRawVsHttp, 2)}× with Raw Answer${was('youmeRawVsHttp')} (goal ≤ ${GOAL_PER_CALL}×). n8n’s HTTP Request node sends all items at once and never waits for an answer; the package node (Concurrent Requests = 1, its default) waits for each one: n8n idles ${idleUs(hstNode)} µs per HST call and ${idleUs(youmeNode)} µs per Youme call in the profiles, against ${idleUs(hstHttp)} and ${idleUs(youmeHttp)} µs for the HTTP Request node.`,
		`The package nodes do more per call than the HTTP Request node: one item per record (10 online users per HST call, one per participant for Youme) with named fields and ISO times where the HTTP Request node returns one raw answer, the HST token renewed when needed, Youme requests re-signed on a retry, vendor codes turned into errors.`,
		...latencyFindings,
		orderProblems.length === 0
			? `Output order and pairing were checked on every run inside n8n (paired items in input order, every input present, the same number of items for each): kept in all of them, with 1, ${concurrent} and all items in flight, with and without latency.`
			: `Output order or pairing BROKEN in ${orderProblems.length} cell(s): ${orderProblems.map((sample) => `${sample.vendor} ${sample.path} ${sample.concurrency} in flight at ${sample.latencyMs} ms: ${sample.order?.problem}`).join('; ')}.`,
		`Profiles, µs per call: reading the credential costs n8n ${activityUs(hstNode, 'reading the credential (n8n: checks, decryption)')} (HST node) and ${activityUs(youmeNode, 'reading the credential (n8n: checks, decryption)')} (Youme node) plus database queries ${activityUs(hstNode, 'database queries (SQLite)')} and ${activityUs(youmeNode, 'database queries (SQLite)')}; sending HTTP through n8n’s helpers ${activityUs(hstNode, 'sending HTTP (n8n’s helpers, axios, sockets)')} and ${activityUs(youmeNode, 'sending HTTP (n8n’s helpers, axios, sockets)')} (the HTTP Request node: ${activityUs(hstHttp, 'sending HTTP (n8n’s helpers, axios, sockets)')} and ${activityUs(youmeHttp, 'sending HTTP (n8n’s helpers, axios, sockets)')}); this package’s own logic ${activityUs(hstNode, 'this package’s own logic')} and ${activityUs(youmeNode, 'this package’s own logic')}. The HTTP Request node spends ${activityUs(hstHttp, 'reading parameters (n8n: getNodeParameter, expressions)')} (HST) and ${activityUs(youmeHttp, 'reading parameters (n8n: getNodeParameter, expressions)')} (Youme) reading its parameters, the package nodes ${activityUs(hstNode, 'reading parameters (n8n: getNodeParameter, expressions)')} and ${activityUs(youmeNode, 'reading parameters (n8n: getNodeParameter, expressions)')}.`,
		`An expired token under 200 requests in flight costs ${expired.fetches.join(', ')} token fetch(es) per run (target 1) and ${round(expired.ms / valid.ms, 2)}× the time of a valid token (+${round(expired.ms - valid.ms, 0)} ms: the requests wait for one fetch and are sent again; a single n8n process adds no fixed wait before fetching: README, Queue mode).`,
	];

	saveResult({
		name: NAME,
		title:
			'Action nodes: cost per call against a bare client and the HTTP Request node, with the vendor near and far',
		order: 10,
		method: [
			`n8n ${outcome.n8nVersion} with this package installed as a community package; the HST and Youme emulators in the benchmark process. Median of ${outcome.repeat} repetitions each; in each repetition the paths of one vendor run in turn, so they share its conditions.`,
			'Inside n8n: Manual Trigger → Code node making N items → the measured node(s); the figure is the execution time n8n recorded for the measured nodes only. HST: Online Users → Get Many (Limit 10, one page) per item; Youme: Room → Get (one day) per item, with its default output (one item per participant) and with Options → Output → Raw Answer.',
			'Bare client: the same requests from undici in the benchmark process (Youme signed per request, HST with a token fetched once).',
			'What users would build otherwise: n8n’s HTTP Request node with the HST token pasted into a header (no refresh), and for Youme a Code node computing curtime, checksum and seq per item before the HTTP Request node (both nodes counted). The HTTP Request node sends every item’s request at once (its Batching option is off by default); the package nodes send Request Options → Concurrent Requests at once (1 by default).',
			`Latency: the sandbox’s own knob (\`POST /_sandbox/config {latencyMs, latencyJitterMs}\` on the HST business gateway and the Youme emulator, README Sandbox) delays every vendor answer, the token fetch included, by 90 % of the mean plus a fresh 0–20 % draw, so answers sent together come back in another order. ${outcome.latencies.map(({ meanMs, latencyMs, latencyJitterMs }) => `${meanMs} ms: ${latencyMs} + 0–${latencyJitterMs} ms`).join('; ')}.`,
			'Output order and pairing are checked on every run inside n8n: the output items’ paired input indexes never go back, every input has output, and every input has as many items as the first.',
			`Profiles: n8n’s main process runs with its inspector on 127.0.0.1; after the timed runs, one run of each path is profiled (V8 CPU profiler, a sample every 200 µs) and only the samples taken while the measured node(s) ran count. Each sample is counted once: by activity, the first of the listed activities its stack shows; by package, the package of the innermost function that belongs to one (Node.js internals and native code count for their caller). The Code node’s JavaScript runs in n8n’s task runner process and is not in these profiles; the main process’s share of it is. Work resumed after an \`await\` counts for the function that resumed it. The benchmark polls n8n’s API for the execution’s end every 200 ms; those requests are in the profiles too (under n8n server and database).`,
			'Token storm: 10 executions started at once through a webhook, each with 20 items sent 20 at a time (200 requests in flight), once with a valid stored token and once right after the emulator expired it.',
		],
		tables,
		findings,
		figures,
	});
}
