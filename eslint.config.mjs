import { config as n8nCommunityConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

// What ships in the n8n package (nodes, credentials, the shared clients, package.json) is held to
// n8n's community-node rules. The Temporal side and the tooling are plain strict TypeScript.
const runtimeDirs = ['activities/**', 'worker/**', 'temporal/**', 'demo/**', 'workflows/**', 'emulators/**', 'test/**', 'bench/**', 'scripts/**'];

export default [
	...n8nCommunityConfig.map((entry) => (entry.files || entry.plugins ? { ...entry, ignores: [...(entry.ignores ?? []), ...runtimeDirs] } : entry)),
	...tseslint.config({
		files: runtimeDirs.map((d) => `${d.replace('/**', '')}/**/*.ts`),
		extends: [tseslint.configs.recommended],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	}),
	{
		// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
		files: ['workflows/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'stream', 'zlib', 'worker_threads'], message: 'Workflow code must be deterministic: no Node built-ins.' },
						{ group: ['axios', '**/activities/**', '**/clients/**', '**/emulators/**', '**/temporal/**'], allowTypeImports: true, message: 'Workflows import activity types only (import type) and call them through proxyActivities.' },
					],
				},
			],
		},
	},
	{ ignores: ['dist/**', 'node_modules/**', 'test/harness/fixture-package/**', '**/*.js', '**/*.mjs'] },
];
