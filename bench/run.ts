import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { projectRoot } from '../scripts/projectRoot';
import { N8N_PRIMARY, ensureN8nRuntime } from '../test/e2e/harness/n8nRuntime';
import { writeBenchmarksMarkdown } from './lib/report';

/** Every benchmark, in the order `npm run bench` runs them; `npm run bench -- <name> …` runs some. */
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<void> }>> = {
	'action-nodes': () => import('./actionNodes'),
	'trigger-client': () => import('./triggerClient'),
	'trigger-in-n8n': () => import('./triggerInN8n'),
	webhooks: () => import('./webhooks'),
};

/** Benchmarks of the trigger's client in this process: they need the WebSocket the trigger finds in n8n. */
const RUNTIME_WEBSOCKET = new Set(['trigger-client']);

/** Runs one benchmark on the Node that n8n 2.x runs on (24), which has the WebSocket this Node lacks. */
async function onNodeOfN8n(name: string): Promise<void> {
	const runtime = await ensureN8nRuntime(N8N_PRIMARY);
	process.stderr.write(`[bench] ${name} runs on ${runtime.nodeBinary}\n`);
	const { status } = spawnSync(
		runtime.nodeBinary,
		[
			path.join(projectRoot(), 'scripts', 'tsrun.js'),
			path.join(projectRoot(), 'bench', 'run.ts'),
			name,
		],
		{ stdio: 'inherit' },
	);
	if (status !== 0) throw new Error(`benchmark ${name} failed on Node of n8n (exit ${status})`);
}

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
		if (
			RUNTIME_WEBSOCKET.has(name) &&
			typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined'
		) {
			await onNodeOfN8n(name);
		} else {
			await (await BENCHMARKS[name]()).run();
		}
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
