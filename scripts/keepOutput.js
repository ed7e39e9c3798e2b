#!/usr/bin/env node
// Runs a test command and keeps a copy of everything it prints in the test run's artifacts, where the
// secret scan (npm run test:secrets) reads it: `node scripts/keepOutput.js <name> <command> [args...]`.
const { spawn } = require('node:child_process');
const { createWriteStream, mkdirSync } = require('node:fs');
const path = require('node:path');

const [name, command, ...args] = process.argv.slice(2);
if (!name || !command) {
	process.stderr.write('usage: node scripts/keepOutput.js <name> <command> [args...]\n');
	process.exit(2);
}
const folder =
	process.env.RTC_PAAS_TEST_ARTIFACTS ?? path.resolve(__dirname, '..', '.test-artifacts');
mkdirSync(folder, { recursive: true });
const log = createWriteStream(path.join(folder, `${name}.log`), { flags: 'a' });
const child = spawn(command, args, {
	stdio: ['inherit', 'pipe', 'pipe'],
	env: { ...process.env, RTC_PAAS_TEST_ARTIFACTS: folder },
});
child.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	log.write(chunk);
});
child.stderr.on('data', (chunk) => {
	process.stderr.write(chunk);
	log.write(chunk);
});
child.on('close', (code, signal) => log.end(() => process.exit(code ?? (signal ? 1 : 0))));
