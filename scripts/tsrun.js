#!/usr/bin/env node
// Runs a TypeScript entry point (sandbox CLI, scripts, benchmarks) on Node 20, which cannot strip types:
// esbuild bundles it with its relative imports into a cache file, packages stay external.
const path = require('node:path');
const { createHash } = require('node:crypto');
const esbuild = require('esbuild');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
	process.stderr.write('usage: node scripts/tsrun.js <entry.ts> [args...]\n');
	process.exit(2);
}
const root = path.resolve(__dirname, '..');
const absoluteEntry = path.resolve(entry);
const name = createHash('sha1').update(absoluteEntry).digest('hex').slice(0, 12);
const outfile = path.join(
	root,
	'node_modules',
	'.cache',
	'tsrun',
	`${path.basename(entry, '.ts')}-${name}.js`,
);

esbuild.buildSync({
	entryPoints: [absoluteEntry],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning',
});
process.argv = [process.argv[0], absoluteEntry, ...args];
require(outfile);
