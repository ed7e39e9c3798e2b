import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { projectRoot } from '../../../scripts/projectRoot';

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */
export function buildAndPack(): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot(), stdio: 'pipe' });
	const destination = mkdtempSync(path.join(tmpdir(), 'rtc-paas-pack-'));
	const output = execFileSync(
		'npm',
		['pack', '--pack-destination', destination, '--json', '--loglevel=error'],
		{
			cwd: projectRoot(),
			encoding: 'utf8',
		},
	);
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return path.join(destination, packed.filename);
}
