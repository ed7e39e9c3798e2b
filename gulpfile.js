// The package build: clean → tsc → copy icons and codex files. `dist` holds this package's compiled
// code and nothing else: n8n's verification allows no runtime dependencies and nothing bundled.
const { rm } = require('node:fs/promises');
const { execFileSync } = require('node:child_process');
const { dest, series, src } = require('gulp');

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

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(DIST));
}

exports.clean = clean;
exports.build = series(clean, compile, copyAssets);
exports.default = exports.build;
