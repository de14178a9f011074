/**
 * Primer Automate bulk predictions benchmark: N stories from a CSV file through the
 * primer.bulkPredictions job (worker in its own process, started fresh for each size, real dev
 * server, emulator), measuring the time and the worker's memory: its peak RSS before the
 * predictions download starts and after the job, against the size of the download. Memory that
 * stays flat while the download grows is what the job promises.
 *
 *   npm run build && node --expose-gc dist/bench/primer-bulk-predictions.js [--sizes 50000,200000,500000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPrimerEmulator, NEWS_TOPICS_MODEL } from '../emulators/primer';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';
import { memoryMb, STORY_COLUMNS, writeStoriesCsv } from './primer-data';

const USER = { username: 'bench@example.com', password: 'bench-password' };

async function main(): Promise<void> {
	const arg = process.argv.indexOf('--sizes');
	const sizes = (arg > 0 ? process.argv[arg + 1] : '50000,200000').split(',').map(Number);
	const emu = await startPrimerEmulator({ users: [USER], settings: { tokenTtlMs: 60_000, jobQueuedMs: 200, jobProcessingMs: 1_000 } });
	const env = await new LocalStack().start();
	const rows: string[] = [];
	try {
		for (const n of sizes) {
			if (global.gc) global.gc();
			const worker = await env.startWorker({
				TEXTAI_PRIMER_DEFAULT_URL: emu.apiUrl,
				TEXTAI_PRIMER_DEFAULT_SSO_URL: emu.ssoUrl,
				TEXTAI_PRIMER_DEFAULT_USERNAME: USER.username,
				TEXTAI_PRIMER_DEFAULT_PASSWORD: USER.password,
			});
			const idle = memoryMb(worker.pid!);
			const file = path.join(env.dir, `bench-${n}.csv`);
			await writeStoriesCsv(file, n);
			const outputPath = path.join(env.dir, `bench-${n}.csv.results.csv`);
			const t0 = process.hrtime.bigint();
			const handle = await startJob(
				env.client,
				'primer.bulkPredictions',
				{ connection: 'default', modelId: NEWS_TOPICS_MODEL, file: { path: file }, columns: STORY_COLUMNS, displayName: `bench-${n}`, outputPath, pollIntervalMs: 200, maxPollIntervalMs: 500 },
				{ taskQueue: env.settings.taskQueue, jobId: `primer-bench-${n}-${Date.now()}` },
			);
			let stage = '';
			while (stage !== 'waiting' && stage !== 'downloading' && stage !== 'completed') {
				stage = ((await handle.query('progress')) as { stage: string }).stage;
				await new Promise((r) => setTimeout(r, 50));
			}
			const beforeDownload = memoryMb(worker.pid!);
			const result = await handle.result();
			const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
			const after = memoryMb(worker.pid!);
			if (result.rows !== n) throw new Error(`expected ${n} result rows, got ${result.rows}`);
			rows.push(
				[
					n.toLocaleString('en'),
					(fs.statSync(file).size / 1024 / 1024).toFixed(1),
					(result.downloadedBytes / 1024 / 1024).toFixed(1),
					seconds.toFixed(1),
					Math.round(n / seconds).toLocaleString('en'),
					`${idle.peak} MB`,
					`${beforeDownload.peak} MB`,
					`${after.peak} MB`,
					`${after.peak - beforeDownload.peak} MB`,
				].join(' | '),
			);
			await env.killWorker(worker);
			fs.rmSync(file);
			fs.rmSync(outputPath);
			emu.reset();
		}
	} finally {
		await env.stop();
		await emu.close();
	}
	process.stdout.write(`\nPrimer Automate bulk predictions (${os.cpus().length} cores; worker: node --max-old-space-size=192, fresh per size)\n`);
	process.stdout.write('| documents | input CSV (MB) | predictions download (MB) | job time (s) | documents/s | worker peak RSS idle | peak before download | peak after job | growth during download |\n|---|---|---|---|---|---|---|---|---|\n');
	for (const row of rows) process.stdout.write(`| ${row} |\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
