import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules with n8n Cloud support (the rules n8n's verification runs) apply to the
// published code: package.json, credentials/ and nodes/. `n8n.strict` is off in package.json because
// strict mode demands this file be n8n's template verbatim, which would lint the sandbox, tests,
// benchmarks and scripts too: they run in plain Node (never inside n8n) and rightly use timers,
// `process` and sockets. `npm run lint` also runs n8n's scanner itself (scripts/scanPackage.mjs).
export default [
	{
		ignores: [
			'dist/**',
			'sandbox/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'examples/**',
			'gulpfile.js',
			'index.js',
			'jest.config.js',
			'coverage/**',
			'.test-artifacts/**',
		],
	},
	...config,
];
