/**
 * Every benchmark, one after the other, each printing its own table of ratios measured side by
 * side in the same run: `npm run bench:all` (sizes kept moderate, a few minutes in all; pass
 * `--large` for 100,000 and 1,000,000 documents, run once each, for the workers' memory; `--smoke`,
 * as CI runs it, for small sizes once each). Every bulk
 * bench prints rows of the same table (see common.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const large = process.argv.includes('--large');
/** `--smoke` (CI): small sizes, one round each, to prove every benchmark still runs end to end. */
const smoke = process.argv.includes('--smoke');
/** Large sizes are for memory (and run once each); default sizes take a few minutes in all. */
const sizes = (normal: string, big: string, small = '5000') => (smoke ? ['--sizes', small, '--repeat', '1'] : large ? ['--sizes', big, '--repeat', '1'] : ['--sizes', normal]);
const runs: Array<{ title: string; script: string; args: string[] }> = [
	{ title: 're:infer bulk sync (Temporal job vs direct loop)', script: 'reinfer-bulk-sync.js', args: sizes('100000', '100000,1000000') },
	{ title: 're:infer bulk predict (Temporal job vs direct loop)', script: 'reinfer-bulk-predict.js', args: sizes('100000', '100000,1000000') },
	{ title: 'Primer Automate upload + bulk predictions + download (Temporal job vs direct loop, memory while streaming)', script: 'primer-bulk-predictions.js', args: sizes('100000', '100000,1000000') },
	{ title: 'Luminoso Compass upload + build + classify', script: 'luminoso-bulk.js', args: smoke ? ['--sizes', '5000', '--messages', '2000', '--repeat', '1'] : large ? ['--sizes', '100000,1000000', '--messages', '100000', '--repeat', '1'] : ['--sizes', '100000', '--messages', '20000'] },
	{ title: 'DeepOpinion batch analysis', script: 'deepopinion-batch-analysis.js', args: sizes('100000', '100000,1000000') },
	// Apres batches are uploaded base64 in one request (up to 64 MiB): 100,000 files come from an S3 location.
	{ title: 'Apres many-file task batch (Temporal job vs direct loop)', script: 'apres-task-batch.js', args: sizes('1000', '1000,10000,100000', '200') },
	{ title: 'n8n node vs naive n8n (real n8n)', script: 'n8n-node-vs-naive.js', args: smoke ? ['--items', '1000', '--repeat', '1'] : ['--items', '10000'] },
];

let failed = 0;
for (const run of runs) {
	process.stdout.write(`\n=== ${run.title}\n`);
	const started = Date.now();
	const result = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, run.script), ...run.args], { stdio: 'inherit' });
	process.stdout.write(`(${run.script} ${run.args.join(' ')}: ${Math.round((Date.now() - started) / 1000)} s)\n`);
	if (result.status !== 0) {
		failed++;
		process.stdout.write(`(${run.script} exited with ${result.status ?? result.signal})\n`);
	}
}
process.exitCode = failed ? 1 : 0;
