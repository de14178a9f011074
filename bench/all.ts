/**
 * Every benchmark, one after the other, each printing its own table of ratios measured side by
 * side in the same run: `npm run bench:all` (sizes kept moderate; pass `--large` for the sizes the
 * README quotes).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const large = process.argv.includes('--large');
const runs: Array<{ title: string; script: string; args: string[] }> = [
	{ title: 're:infer bulk sync (Temporal job vs direct loop)', script: 'reinfer-bulk-sync.js', args: ['--sizes', large ? '100000,1000000' : '100000'] },
	{ title: 'Primer Automate bulk predictions (memory while streaming)', script: 'primer-bulk-predictions.js', args: ['--sizes', large ? '50000,200000,500000' : '50000'] },
	{ title: 'Luminoso Compass upload + build + classify', script: 'luminoso-bulk.js', args: large ? ['--documents', '100000', '--messages', '20000'] : ['--documents', '20000', '--messages', '5000'] },
	{ title: 'DeepOpinion batch analysis', script: 'deepopinion-batch-analysis.js', args: ['--sizes', large ? '10000,50000' : '10000'] },
	{ title: 'n8n node vs naive n8n (real n8n)', script: 'n8n-node-vs-naive.js', args: ['--items', '10000'] },
];

let failed = 0;
for (const run of runs) {
	process.stdout.write(`\n=== ${run.title}\n`);
	const result = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, run.script), ...run.args], { stdio: 'inherit' });
	if (result.status !== 0) {
		failed++;
		process.stdout.write(`(${run.script} exited with ${result.status ?? result.signal})\n`);
	}
}
process.exitCode = failed ? 1 : 0;
