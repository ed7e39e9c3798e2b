// n8n's verification scan, offline: the same analysis `@n8n/scan-community-package` runs on a
// published version, here on this checkout and on the tarball `npm pack` makes of it. The scanner
// lints the source its npm provenance points at (package.json, nodes/, credentials/) and every
// .js file of the tarball, with inline eslint-disable comments ignored; a version passes when no
// rule reports an error. This gate is stricter: warnings count as findings too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
	buildScanConfig,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The scanner's own ESLint, for the warning count its verdict leaves out.
const scannerRequire = createRequire(
	createRequire(import.meta.url).resolve('@n8n/scan-community-package/scanner/scanner.mjs'),
);
const { ESLint } = scannerRequire('eslint');

function packedTarball(workDir) {
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(workDir).find((file) => file.endsWith('.tgz'));
	const unpacked = path.join(workDir, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', [
		'-xzf',
		path.join(workDir, tarball),
		'-C',
		unpacked,
		'--strip-components=1',
	]);
	return unpacked;
}

async function findings(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const results = await eslint.lintFiles(patterns.map((pattern) => path.join(dir, pattern)));
	const count = (key) => results.reduce((sum, result) => sum + result[key], 0);
	const formatter = await eslint.loadFormatter('stylish');
	return {
		errors: count('errorCount'),
		warnings: count('warningCount'),
		text: formatter.format(results),
	};
}

async function scan(label, dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const counted = await findings(dir, patterns);
	const status = verdict.passed ? 'passes' : `FAILS (${verdict.message})`;
	process.stdout.write(
		`n8n scan of the ${label}: ${status}; ${counted.errors} error(s), ${counted.warnings} warning(s)\n`,
	);
	if (counted.errors + counted.warnings > 0) process.stdout.write(counted.text);
	return verdict.passed && counted.errors + counted.warnings === 0;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'rtc-paas-scan-'));
try {
	const source = await scan(
		'source (package.json, nodes/, credentials/)',
		root,
		SOURCE_FILE_PATTERNS,
	);
	const tarball = await scan(
		'npm pack tarball (*.js, package.json)',
		packedTarball(workDir),
		TARBALL_FILE_PATTERNS,
	);
	process.exitCode = source && tarball ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
