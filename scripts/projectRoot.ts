import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * This repository's root: the nearest folder above this file with our package.json. Works from the
 * sources (jest) and from scripts/tsrun.js bundles, which live in node_modules/.cache.
 */
export function projectRoot(): string {
	for (let folder = __dirname; ; folder = path.dirname(folder)) {
		const manifest = path.join(folder, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
				'n8n-nodes-rtc-paas'
		) {
			return folder;
		}
		if (path.dirname(folder) === folder)
			throw new Error('n8n-nodes-rtc-paas: project root not found');
	}
}
