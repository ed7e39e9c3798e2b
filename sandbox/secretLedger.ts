import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Set by the test runs: where logs and outputs are kept for the secret scan (`npm run test:secrets`). */
export const TEST_ARTIFACTS_ENV = 'RTC_PAAS_TEST_ARTIFACTS';

/**
 * Notes a secret the sandbox made up (an access token), so the scan can look for it in every log and
 * output of the test run. Does nothing outside test runs.
 */
export function recordIssuedSecret(value: string): void {
	const folder = process.env[TEST_ARTIFACTS_ENV];
	if (!folder) return;
	const ledger = path.join(folder, 'secrets');
	mkdirSync(ledger, { recursive: true });
	appendFileSync(path.join(ledger, 'issued.txt'), `${value}\n`);
}
