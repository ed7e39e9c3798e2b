import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../../scripts/projectRoot';
import { describeMachine, type MachineInfo } from './machine';

export type Cell = string | number;

export interface Table {
	caption?: string;
	columns: string[];
	rows: Cell[][];
}

/** One benchmark's outcome: kept as JSON in bench/results and rendered into BENCHMARKS.md. */
export interface BenchResult {
	name: string;
	title: string;
	/** Sort key in BENCHMARKS.md. */
	order: number;
	measuredAt: string;
	machine: MachineInfo;
	/** How it was measured: what ran where, with which settings. */
	method: string[];
	tables: Table[];
	/** What the figures say, in words. */
	findings: string[];
	/** Key figures by name, for the next run to compare itself with. */
	figures?: Record<string, number>;
}

const resultsFolder = () => path.join(projectRoot(), 'bench', 'results');

export function saveResult(result: Omit<BenchResult, 'measuredAt' | 'machine'>): BenchResult {
	const complete: BenchResult = {
		...result,
		measuredAt: new Date().toISOString(),
		machine: describeMachine(),
	};
	mkdirSync(resultsFolder(), { recursive: true });
	writeFileSync(
		path.join(resultsFolder(), `${result.name}.json`),
		`${JSON.stringify(complete, null, '\t')}\n`,
	);
	writeBenchmarksMarkdown();
	return complete;
}

/**
 * The first table of the last saved run of `name`, captioned with its date: a rerun shows the figures it
 * replaces side by side with its own.
 */
export function previousTable(name: string, what: string): Table[] {
	const previous = previousResult(name);
	const [table] = previous?.tables ?? [];
	if (!previous || !table) return [];
	return [{ ...table, caption: `Previous run (${dateOf(previous)} UTC, ${what})` }];
}

/** The last saved run of `name`, if any. */
export function previousResult(name: string): BenchResult | undefined {
	const file = path.join(resultsFolder(), `${name}.json`);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : undefined;
}

/**
 * The tables of the last saved run of `name` whose caption starts with one of `captions`, captioned with
 * its date: a rerun shows those figures side by side with its own.
 */
export function previousTables(name: string, captions: string[], what: string): Table[] {
	const previous = previousResult(name);
	if (!previous) return [];
	return tablesCaptioned(previous, captions, `Previous run (${dateOf(previous)} UTC, ${what})`);
}

/**
 * Tables of a run kept on purpose in `bench/results/baselines/<name>.json` (for example the figures
 * before an optimisation), captioned with their date and what they are the baseline of: unlike the
 * previous run, they stay in BENCHMARKS.md however often the benchmark runs again.
 */
export function baselineTables(name: string, captions: string[]): Table[] {
	const file = path.join(resultsFolder(), 'baselines', `${name}.json`);
	if (!existsSync(file)) return [];
	const baseline = JSON.parse(readFileSync(file, 'utf8')) as BenchResult & { baselineOf: string };
	return tablesCaptioned(
		baseline,
		captions,
		`Baseline ${baseline.baselineOf}, measured ${dateOf(baseline)} UTC`,
	);
}

const dateOf = (result: BenchResult) => result.measuredAt.slice(0, 16).replace('T', ' ');

/** The tables of `result` whose caption starts with one of `captions`, their captions prefixed with `prefix`. */
function tablesCaptioned(result: BenchResult, captions: string[], prefix: string): Table[] {
	return result.tables
		.filter((table) => captions.some((caption) => table.caption?.startsWith(caption)))
		.map((table) => ({ ...table, caption: `${prefix}: ${table.caption}` }));
}

function loadResults(): BenchResult[] {
	if (!existsSync(resultsFolder())) return [];
	return readdirSync(resultsFolder())
		.filter((file) => file.endsWith('.json'))
		.map(
			(file) => JSON.parse(readFileSync(path.join(resultsFolder(), file), 'utf8')) as BenchResult,
		)
		.sort((left, right) => left.order - right.order);
}

const formatCell = (cell: Cell) =>
	typeof cell === 'number' ? (Number.isNaN(cell) ? 'n/a' : cell.toLocaleString('en-US')) : cell;

function renderTable(table: Table): string {
	const lines = [
		...(table.caption ? [`**${table.caption}**`, ''] : []),
		`| ${table.columns.join(' | ')} |`,
		`|${table.columns.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
		...table.rows.map((row) => `| ${row.map(formatCell).join(' | ')} |`),
	];
	return lines.join('\n');
}

function renderResult(result: BenchResult): string {
	const { machine } = result;
	return [
		`## ${result.title}`,
		'',
		`Measured ${dateOf(result)} UTC on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, benchmark process on Node ${machine.node}. Raw figures: \`bench/results/${result.name}.json\`.`,
		'',
		'How:',
		'',
		...result.method.map((line) => `- ${line}`),
		'',
		...result.tables.flatMap((table) => [renderTable(table), '']),
		...(result.findings.length > 0
			? ['What it shows:', '', ...result.findings.map((line) => `- ${line}`), '']
			: []),
	].join('\n');
}

/** BENCHMARKS.md is generated from every saved result, so rerunning one benchmark keeps the others. */
export function writeBenchmarksMarkdown(): void {
	const intro = [
		'# Benchmarks',
		'',
		'Generated by `npm run bench` (all benchmarks) or `npm run bench -- <name>` (one of them) from the JSON files in `bench/results/`; do not edit by hand.',
		'Every figure is measured against a baseline taken in the same run on the same machine, and the tables show the ratios: these machines are shared and noisy, so absolute numbers move between runs while ratios hold.',
		'Everything runs on 127.0.0.1 against the sandbox emulators and a real n8n installed as described in the README.',
		'',
	];
	const body = loadResults().map(renderResult);
	writeFileSync(path.join(projectRoot(), 'BENCHMARKS.md'), [...intro, ...body].join('\n'));
}
