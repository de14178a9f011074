/**
 * Primer Automate bulk predictions benchmark: N stories from a CSV file through the
 * primer.bulkPredictions job (worker in its own process, started fresh for each size, real dev
 * server, emulator) versus a tight direct-client loop doing the same platform work with the same
 * PrimerClient in one process (upload the file in parts of 10,000 rows, request the bulk
 * predictions, poll on the job's default schedule, stream the download to disk and write the same
 * CSV results file), against the same emulator in the same run. Also measures the worker's peak
 * RSS before the predictions download starts and after the job, against the size of the
 * download: memory that stays flat while the download grows is what the job promises. Both sides
 * are warmed up first on a small file, as a long-running worker is; each size runs `--repeat`
 * rounds (direct loop then job) and the medians are reported.
 *
 *   npm run build && node --expose-gc dist/bench/primer-bulk-predictions.js [--sizes 100000,1000000] [--repeat 3]
 *   BENCH_TIMELINE=1 ... prints each job's activity timeline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openResultWriter, readRows } from '../activities/files';
import { bufferErrorStreams } from '../activities/primer/client';
import { uploadHeaders } from '../activities/primer/documents';
import { DEFAULT_PART_LIMITS, fileParts } from '../activities/primer/parts';
import { flattenLabels, RESULT_COLUMNS } from '../activities/primer/predictions';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { jobOutcome, PrimerClient, PrimerLoginAuth } from '../clients/primer';
import { startPrimerEmulator, NEWS_TOPICS_MODEL } from '../emulators/primer';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';
import { fileSha256, jobOverhead, maybePrintTimeline, median, printBenchRow, secondsSince, type BenchRow, option } from './common';
import { memoryMb, STORY_COLUMNS, writeStoriesCsv } from './primer-data';

const USER = { username: 'bench@example.com', password: 'bench-password' };
/** The job's defaults: first and longest pause between status checks. */
const POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;

/** The baseline: upload, request, poll, download and write the results, by hand with the shared client. */
async function directLoop(client: PrimerClient, file: string, displayName: string, outputPath: string): Promise<number> {
	const t0 = process.hrtime.bigint();
	const phase = (name: string) => {
		if (process.env.BENCH_TIMELINE) process.stderr.write(`  direct loop ${name} at ${Math.round(secondsSince(t0) * 1000)} ms\n`);
	};
	const headers = uploadHeaders(STORY_COLUMNS);
	let datasetId: string | undefined;
	// The same part cutter as the job (no Temporal in it): parse, map, and send each part as it fills.
	const invalid = (row: number) => {
		throw new Error(`row ${row} is invalid`);
	};
	for await (const part of fileParts({ file: { path: file }, columns: STORY_COLUMNS, ...DEFAULT_PART_LIMITS, onInvalid: invalid })) {
		if (!part.documents) continue;
		if (datasetId) await client.appendDataset(datasetId, part.body, { filetype: 'csv', headers });
		else datasetId = (await client.uploadDataset(part.body, { filetype: 'csv', headers, displayName, documentType: 'Other', modelId: NEWS_TOPICS_MODEL })).dataset_id;
	}
	phase('uploaded');

	const request = await client.requestBulkPredictions(datasetId!, NEWS_TOPICS_MODEL);
	for (let interval = POLL_MS; ; interval = Math.min(MAX_POLL_MS, Math.round(interval * 1.5))) {
		const outcome = jobOutcome((await client.getPredictionStatus(request.request_predictions_id)).status);
		if (outcome === 'succeeded') break;
		if (outcome === 'failed') throw new Error('the bulk prediction job failed');
		await timerSleep(interval);
	}
	phase('predicted');

	const rawPath = `${outputPath}.download`;
	const response = await client.downloadPredictionsResponse<Readable>(datasetId!, NEWS_TOPICS_MODEL, 'JSON', 'stream');
	await pipeline(response.body, fs.createWriteStream(rawPath, { highWaterMark: 1024 * 1024 }));
	const writer = await openResultWriter(outputPath, 'csv', RESULT_COLUMNS);
	for await (const { values } of readRows({ path: rawPath, format: 'json' })) {
		const flat = flattenLabels(values.labels);
		await writer.write({
			document_id: values.document_id ?? null,
			document_title: values.document_title ?? null,
			model_type: values.model_type ?? null,
			predicted_labels: flat.predicted.join('; '),
			top_label: flat.top?.label ?? null,
			top_score: flat.top?.score ?? null,
			labels: values.labels ?? [],
		});
	}
	const { rows } = await writer.close();
	fs.rmSync(rawPath);
	phase('written');
	return rows;
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '100000').split(',').map(Number);
	const repeat = Number(option('repeat') ?? 3);
	const emu = await startPrimerEmulator({ users: [USER], settings: { tokenTtlMs: 600_000, jobQueuedMs: 200, jobProcessingMs: 1_000 } });
	const env = await new LocalStack().start();
	const transport = bufferErrorStreams(axiosTransport({ timeoutMs: 300_000 }));
	const client = new PrimerClient({
		baseUrl: emu.apiUrl,
		transport,
		sleep: timerSleep,
		auth: new PrimerLoginAuth({ ssoUrl: emu.ssoUrl, username: USER.username, password: USER.password, transport, sleep: timerSleep }),
	});
	const rows: BenchRow[] = [];
	const memory: string[] = [];
	/** The job with its defaults; resolves once it is past the upload, with the worker's memory then, and with its result. */
	const runJob = async (workerPid: number, file: string, displayName: string, outputPath: string, jobId: string) => {
		const handle = await startJob(env.client, 'primer.bulkPredictions', { connection: 'default', modelId: NEWS_TOPICS_MODEL, file: { path: file }, columns: STORY_COLUMNS, displayName, outputPath }, { taskQueue: env.settings.taskQueue, jobId });
		let stage = '';
		while (stage !== 'waiting' && stage !== 'downloading' && stage !== 'completed') {
			stage = ((await handle.query('progress')) as { stage: string }).stage;
			await timerSleep(50);
		}
		const beforeDownload = memoryMb(workerPid);
		return { beforeDownload, result: await handle.result() };
	};
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
			// Warm-up, not measured: a long-running worker has loaded its workflow code and logged in,
			// and both sides have compiled their code paths.
			const warmFile = path.join(env.dir, 'warm-up.csv');
			await writeStoriesCsv(warmFile, 2_000);
			await directLoop(client, warmFile, 'warm-up-direct', path.join(env.dir, 'warm-up-direct.csv'));
			await runJob(worker.pid!, warmFile, 'warm-up-job', path.join(env.dir, 'warm-up-job.csv'), `primer-bench-warm-up-${n}-${Date.now()}`);
			emu.reset();

			const file = path.join(env.dir, `bench-${n}.csv`);
			await writeStoriesCsv(file, n);
			const directTimes: number[] = [];
			const jobTimes: number[] = [];
			let jobId = '';
			let beforeDownload = idle;
			let downloadedBytes = 0;
			// Rounds alternate direct loop and job, so load from elsewhere hits both alike; the
			// emulator is emptied before each side, so both meet it in the same state.
			for (let round = 0; round < repeat; round++) {
				const directOut = path.join(env.dir, `direct-${n}-${round}.results.csv`);
				const jobOut = path.join(env.dir, `job-${n}-${round}.results.csv`);
				const t0 = process.hrtime.bigint();
				const direct = await directLoop(client, file, `direct-${n}-${round}`, directOut);
				directTimes.push(secondsSince(t0));
				emu.reset();

				jobId = `primer-bench-${n}-${round}-${Date.now()}`;
				const t1 = process.hrtime.bigint();
				const job = await runJob(worker.pid!, file, `job-${n}-${round}`, jobOut, jobId);
				jobTimes.push(secondsSince(t1));
				emu.reset();
				if (direct !== n || job.result.rows !== n) throw new Error(`expected ${n} result rows, direct ${direct}, job ${job.result.rows}`);
				if ((await fileSha256(directOut)) !== (await fileSha256(jobOut))) throw new Error('the job and the direct loop wrote different results files');
				await maybePrintTimeline(env.client, jobId);
				beforeDownload = job.beforeDownload;
				downloadedBytes = job.result.downloadedBytes;
				for (const f of [directOut, jobOut]) fs.rmSync(f);
			}
			const after = memoryMb(worker.pid!);
			const overhead = await jobOverhead(env.client, jobId);
			rows.push({ path: 'Primer Automate, upload + bulk predictions + download', size: n, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: after.peak, activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
			memory.push(
				[
					n.toLocaleString('en'),
					(fs.statSync(file).size / 1024 / 1024).toFixed(1),
					(downloadedBytes / 1024 / 1024).toFixed(1),
					`${idle.peak} MB`,
					`${beforeDownload.peak} MB`,
					`${after.peak} MB`,
					`${after.peak - beforeDownload.peak} MB`,
				].join(' | '),
			);
			await env.killWorker(worker);
			fs.rmSync(file);
		}
	} finally {
		await env.stop();
		await emu.close();
	}
	process.stdout.write(
		`\nPrimer Automate bulk predictions (${os.cpus().length} cores; parts of ${DEFAULT_PART_LIMITS.partRows.toLocaleString('en')} rows; status polls from ${POLL_MS / 1000} s; worker fresh per size; median of ${repeat} rounds)\n`,
	);
	for (const row of rows) printBenchRow(row);
	process.stdout.write('\n| documents | input CSV (MB) | predictions download (MB) | worker peak RSS idle | peak before download (last round) | peak after the last job | growth during the last download |\n|---|---|---|---|---|---|---|\n');
	for (const row of memory) process.stdout.write(`| ${row} |\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
