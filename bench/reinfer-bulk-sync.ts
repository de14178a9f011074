/**
 * Bulk sync benchmark: N comments from a CSV file through the Temporal job (worker in its own
 * process, real dev server, emulator) versus a tight direct-client loop over the same file
 * against the same emulator, in the same run (the job's defaults on both sides: batches of 1,024,
 * 4 in flight). Prints comments/s, their ratio, the worker's peak RSS and the Temporal cost
 * (activities per 1,000 comments, the largest run's history). Both sides are warmed up first on a
 * small file, as a long-running worker is; each size runs `--repeat` rounds (direct loop then job)
 * and the medians are reported.
 *
 *   npm run build && node --expose-gc dist/bench/reinfer-bulk-sync.js [--sizes 100000,1000000] [--repeat 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { MAX_SYNC_BATCH, ReinferClient, type NewComment } from '../clients/reinfer';
import { mapRowToComment, readRows } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { startJob } from '../temporal/jobs';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../demo/sampleComments';
import { REINFER_TOKEN, LocalStack } from '../scripts/temporal/localStack';
import { jobOverhead, maybePrintTimeline, median, peakRssMb, printBenchRow, secondsSince, type BenchRow, option } from './common';

/** The job's defaults (activities/reinfer/sync.ts). */
const BATCH = MAX_SYNC_BATCH;
const CONCURRENCY = 4;

const headers = { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' };

async function createSource(url: string, name: string): Promise<string> {
	const res = await fetch(`${url}/api/v1/sources/acme/${name}`, { method: 'PUT', headers, body: '{"source":{}}' });
	return ((await res.json()) as { source: { id: string } }).source.id;
}

/** The baseline: read, map and sync with the shared client, no Temporal. */
async function directLoop(client: ReinferClient, file: string, source: string): Promise<number> {
	const queue = new PQueue({ concurrency: CONCURRENCY });
	let batch: NewComment[] = [];
	let synced = 0;
	const send = (comments: NewComment[]) =>
		void queue.add(async () => {
			await client.syncBatch('acme', source, comments);
			synced += comments.length;
		});
	for await (const { row, values } of readRows({ path: file })) {
		const mapped = mapRowToComment(values, CSV_MAPPING, row);
		if (mapped.comment) batch.push(mapped.comment);
		if (batch.length === BATCH) {
			send(batch);
			batch = [];
			await queue.onSizeLessThan(CONCURRENCY);
		}
	}
	if (batch.length) send(batch);
	await queue.onIdle();
	return synced;
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '100000').split(',').map(Number);
	const repeat = Number(option('repeat') ?? 3);
	const env = await new LocalStack().start();
	const rows: BenchRow[] = [];
	try {
		const worker = await env.startWorker();
		const client = new ReinferClient({ baseUrl: env.emulator.url, transport: axiosTransport(), sleep: timerSleep, auth: { headers: async () => ({ 'X-Auth-Token': REINFER_TOKEN }), secrets: () => [REINFER_TOKEN] } });
		/** One side syncs into a new source `name`, deleted afterwards so both sides meet the emulator in the same state. */
		const side = async (name: string, sync: (source: string) => Promise<number>): Promise<{ seconds: number; synced: number }> => {
			const sourceId = await createSource(env.emulator.url, name);
			const t0 = process.hrtime.bigint();
			const synced = await sync(name);
			const seconds = secondsSince(t0);
			await fetch(`${env.emulator.url}/api/v1/sources/id:${sourceId}`, { method: 'DELETE', headers });
			return { seconds, synced };
		};
		// The job with its defaults (batches of 1,024, 4 in flight, 50,000 rows per activity).
		const job = (file: string, jobId: string) => async (source: string) =>
			(await (await startJob(env.client, 'reinfer.bulkSync', { connection: 'default', owner: 'acme', source, file: { path: file }, mapping: CSV_MAPPING }, { taskQueue: env.settings.taskQueue, jobId })).result()).new;

		// Warm-up, not measured: a long-running worker has loaded its workflow code and both sides
		// have compiled their code paths and opened their keep-alive connections.
		const warmFile = path.join(env.dir, 'warm-up.csv');
		await writeCommentsCsv(warmFile, 5_000);
		await side('warm-up-direct', (source) => directLoop(client, warmFile, source));
		await side('warm-up-job', job(warmFile, `bench-sync-warm-up-${Date.now()}`));

		for (const n of sizes) {
			if (global.gc) global.gc();
			const file = path.join(env.dir, `bench-${n}.csv`);
			await writeCommentsCsv(file, n);
			const directTimes: number[] = [];
			const jobTimes: number[] = [];
			let jobId = '';
			// Rounds alternate direct loop and job, so load from elsewhere hits both alike.
			for (let round = 0; round < repeat; round++) {
				const direct = await side(`direct-${n}-${round}`, (source) => directLoop(client, file, source));
				jobId = `bench-sync-${n}-${round}-${Date.now()}`;
				const viaJob = await side(`job-${n}-${round}`, job(file, jobId));
				if (direct.synced !== n || viaJob.synced !== n) throw new Error(`expected ${n} comments, direct ${direct.synced}, job ${viaJob.synced}`);
				directTimes.push(direct.seconds);
				jobTimes.push(viaJob.seconds);
				await maybePrintTimeline(env.client, jobId);
			}
			const overhead = await jobOverhead(env.client, jobId);
			rows.push({ path: 're:infer, bulk sync', size: n, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: peakRssMb(worker.pid!), activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
			fs.rmSync(file);
		}
	} finally {
		await env.stop();
	}
	process.stdout.write(`\nre:infer bulk sync (${os.cpus().length} cores, batch ${BATCH}, concurrency ${CONCURRENCY}; median of ${repeat} rounds)\n`);
	for (const row of rows) printBenchRow(row);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
