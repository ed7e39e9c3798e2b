import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules (the ones n8n's verification runs) apply to the published code:
// credentials/ and nodes/. The sandbox, tests, benchmarks and scripts never reach an n8n instance.
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
		],
	},
	...config,
];
