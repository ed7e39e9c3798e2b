// Three suites, each a jest project so `npm test` runs them all and each can run alone
// (`npx jest --selectProjects unit`). TypeScript is transpiled only (tsconfig has isolatedModules);
// `npm run typecheck` does the type checking once for the whole tree.
// Logs and outputs of the run are kept here for the secret scan (npm run test:secrets); workers and
// globalSetup inherit it.
process.env.RTC_PAAS_TEST_ARTIFACTS ??= require('node:path').join(__dirname, '.test-artifacts');

const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform,
	// n8n user folders kept there hold package.json files of their own.
	modulePathIgnorePatterns: ['<rootDir>/.test-artifacts/'],
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	setupFiles: ['<rootDir>/test/support/runtimeWebSocket.ts'],
	...extra,
});

module.exports = {
	projects: [
		project('unit'),
		project('integration'),
		project('e2e', {
			globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
		}),
		// n8n's queue mode: PostgreSQL, Redis, main + workers + webhook process (npm run test:queue).
		project('queue'),
		// Long runs against the same n8n setup: chaos, activation cycles, webhook fuzz (npm run test:soak).
		project('soak', {
			globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
		}),
	],
};
