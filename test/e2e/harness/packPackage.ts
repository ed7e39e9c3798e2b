import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */
export function buildAndPack(): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
	const destination = mkdtempSync(path.join(tmpdir(), 'rtc-paas-pack-'));
	const output = execFileSync(
		'npm',
		['pack', '--pack-destination', destination, '--json', '--loglevel=error'],
		{
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
		},
	);
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return path.join(destination, packed.filename);
}
