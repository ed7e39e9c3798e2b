// Three suites, each a jest project so `npm test` runs them all and each can run alone
// (`npx jest --selectProjects unit`). TypeScript is transpiled only (tsconfig has isolatedModules);
// `npm run typecheck` does the type checking once for the whole tree.
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform,
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
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
	],
};
