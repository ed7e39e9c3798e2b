import { writeBenchmarksMarkdown } from './lib/report';

/** Every benchmark, in the order `npm run bench` runs them; `npm run bench -- <name> …` runs some. */
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
	'action-nodes': () => import('./actionNodes'),
	'trigger-client': () => import('./triggerClient'),
	'trigger-in-n8n': () => import('./triggerInN8n'),
	webhooks: () => import('./webhooks'),
};

async function main(): Promise<void> {
	const asked = process.argv.slice(2);
	const unknown = asked.filter((name) => !(name in BENCHMARKS));
	if (unknown.length > 0) {
		process.stderr.write(
			`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`,
		);
		process.exit(2);
	}
	for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) {
		const started = Date.now();
		process.stderr.write(`[bench] ${name}…\n`);
		await (await BENCHMARKS[name]()).run();
		process.stderr.write(
			`[bench] ${name} done in ${Math.round((Date.now() - started) / 1000)} s\n`,
		);
	}
	writeBenchmarksMarkdown();
	process.stderr.write('[bench] results in bench/results/*.json and BENCHMARKS.md\n');
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
