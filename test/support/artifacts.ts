import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { TEST_ARTIFACTS_ENV } from '../../sandbox/secretLedger';

/**
 * Keeps what the in-process n8n host saw (log lines, node output) in the test run's artifacts, where
 * the secret scan reads it. Does nothing when the run keeps no artifacts.
 */
export function keepArtifact(kind: 'log' | 'output', data: unknown): void {
	const folder = process.env[TEST_ARTIFACTS_ENV];
	if (!folder) return;
	mkdirSync(folder, { recursive: true });
	const seen = new WeakSet<object>();
	// Errors reference their node and request; cycles are cut, nothing else is left out.
	const line = JSON.stringify({ kind, data }, (_key, value: unknown) => {
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) return '[seen]';
			seen.add(value);
		}
		return typeof value === 'bigint' ? String(value) : value;
	});
	appendFileSync(path.join(folder, `host-${process.pid}.jsonl`), `${line}\n`);
}

/** What n8n would show of an error: message, description, and whatever else it carries. */
export function errorArtifact(error: Error): Record<string, unknown> {
	return {
		...error,
		message: error.message,
		description: (error as { description?: unknown }).description,
	};
}
