/**
 * Real-n8n end-to-end suite (`npm run test:e2e`): every test file runs once per n8n line, n8n 1.x
 * (on this machine's Node.js) and n8n 2.x (on Node 24), each installed once into a cache folder by
 * scripts/e2e/ensure-n8n.sh. E2E_N8N=1 or E2E_N8N=2 runs one line only.
 */
const base = require('./jest.config.js');

const { reporters, testTimeout: _unitTimeout, ...project } = base;
const lines = process.env.E2E_N8N ? [process.env.E2E_N8N] : ['1', '2'];

module.exports = {
	reporters,
	testTimeout: 600000,
	globalSetup: '<rootDir>/scripts/e2e/jestGlobalSetup.js',
	projects: lines.map((line) => ({
		...project,
		displayName: `n8n ${line}.x`,
		testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
		testPathIgnorePatterns: ['/node_modules/'],
		globals: { E2E_N8N_LINE: line },
	})),
};
