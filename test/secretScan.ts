import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../sandbox/hst/seed';
import { SANDBOX_CLIENT_TOKEN, SANDBOX_GATEWAY_SECRET } from '../sandbox/mediaGateway/seed';
import { TEST_ARTIFACTS_ENV } from '../sandbox/secretLedger';
import { SANDBOX_YOUME_APP } from '../sandbox/youme/seed';
import { projectRoot } from '../scripts/projectRoot';
import { findSecrets, type Secret } from './support/findSecrets';

/**
 * `npm run test:secrets`, the last step of `npm test`: every log and output the test run kept (jest output,
 * n8n's logs and databases, the in-process host's log lines and node output) is searched for the
 * developer secrets, the classroom app's secret, Youme app secret and REST API key, the media gateway's
 * shared secret and token signing keys, and every access token the emulators issued.
 */
function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const full = path.join(folder, name);
		if (name === 'secrets') return [];
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

function main(): void {
	const folder = process.env[TEST_ARTIFACTS_ENV] ?? path.join(projectRoot(), '.test-artifacts');
	const ledger = path.join(folder, 'secrets', 'issued.txt');
	if (!existsSync(ledger)) {
		process.stderr.write(`secret scan: no test run recorded in ${folder}; run npm test\n`);
		process.exit(1);
	}
	const tokens = [...new Set(readFileSync(ledger, 'utf8').split('\n').filter(Boolean))];
	const secrets: Secret[] = [
		...Object.entries(SANDBOX_DEVELOPERS).map(([name, developer]) => ({
			label: `HST developer secret (${name})`,
			value: developer.developerSecret,
		})),
		// The secret of the HST App credential the client-token tests and examples sign with.
		{ label: 'HST app secret (classroom)', value: SANDBOX_APPS.classroom.appSecret },
		{ label: 'Youme app secret', value: SANDBOX_YOUME_APP.appSecret },
		{ label: 'Youme REST API key', value: SANDBOX_YOUME_APP.restApiKey },
		{ label: 'media gateway shared secret', value: SANDBOX_GATEWAY_SECRET.secret },
		{ label: 'client token HS256 secret', value: SANDBOX_CLIENT_TOKEN.hs256Secret },
		// A PEM line: the key is never in n8n at all (n8n holds the public key), so any line of it is a leak.
		...SANDBOX_CLIENT_TOKEN.es256.privateKey
			.split('\n')
			.filter((line) => line.length >= 32 && !line.startsWith('-----'))
			.map((value, index) => ({ label: `client token private key, line ${index + 1}`, value })),
		...tokens.map((value, index) => ({ label: `HST access token #${index + 1}`, value })),
	];
	const files = filesUnder(folder);
	let bytes = 0;
	const hits = files.flatMap((file) => {
		const content = readFileSync(file);
		bytes += content.length;
		return findSecrets(content, secrets).map((hit) => ({ file, ...hit }));
	});
	process.stdout.write(
		`secret scan: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${secrets.length} secrets (${tokens.length} access tokens issued during the run): ${hits.length} hits\n`,
	);
	for (const hit of hits.slice(0, 50)) {
		process.stdout.write(
			`  ${hit.label} in ${path.relative(folder, hit.file)} at byte ${hit.offset}\n`,
		);
	}
	if (files.length === 0 || tokens.length === 0 || hits.length > 0) process.exit(1);
}

main();
