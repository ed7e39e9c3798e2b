// The package build: clean → tsc → bundle vendored libraries → copy icons and codex files.
const { readdirSync } = require('node:fs');
const { rm } = require('node:fs/promises');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { dest, series, src } = require('gulp');
const esbuild = require('esbuild');

const DIST = 'dist';

async function clean() {
	await rm(DIST, { recursive: true, force: true });
}

function compile(done) {
	execFileSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
		{
			stdio: 'inherit',
		},
	);
	done();
}

/**
 * n8n's verification allows no runtime `dependencies`, so a library the nodes need at run time
 * (`ws`) is re-exported by a file in a `vendor/` folder and that one file is bundled with it,
 * replacing tsc's output. Everything else stays one module per source file, so state shared
 * between nodes (the HST token bookkeeping) exists once per process.
 */
async function bundleVendored() {
	const entryPoints = readdirSync('nodes', { recursive: true })
		.map(String)
		.filter((file) => file.split(path.sep).includes('vendor') && file.endsWith('.ts'))
		.map((file) => path.join('nodes', file));
	if (entryPoints.length === 0) return;
	await esbuild.build({
		entryPoints,
		outdir: DIST,
		outbase: '.',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		// ws loads these native accelerators only when present; it works without them.
		external: ['bufferutil', 'utf-8-validate'],
		logLevel: 'warning',
	});
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(DIST));
}

exports.clean = clean;
exports.build = series(clean, compile, bundleVendored, copyAssets);
exports.default = exports.build;
