/**
 * Bulk predict benchmark: N stored comments, listed by uid in a CSV file, predicted with a pinned
 * model version into a JSONL results file by the Temporal job `reinfer.bulkPredict` (worker in its
 * own process, real dev server, emulator) versus a tight direct-client loop making the same
 * predict calls (the job's defaults: 1,024 uids per request, two requests in flight, results
 * written in file order) and writing the same results file, against the same emulator in the same
 * run. Both results files must be byte-identical. Both sides are warmed up first on a small file (JIT,
 * keep-alive sockets, the worker's workflow code), as a long-running worker is; each size runs
 * `--repeat` rounds (direct loop then job) and the medians are reported.
 *
 *   npm run build && node --expose-gc dist/bench/reinfer-bulk-predict.js [--sizes 100000,1000000] [--repeat 3] [--chunk 4096] [--concurrency 1]
 *   BENCH_TIMELINE=1 ... prints each job's activity timeline.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { ReinferClient, type NewComment } from '../clients/reinfer';
import { readRows } from '../activities/files';
import { DEFAULT_PREDICT_CHUNK } from '../activities/reinfer/predict';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { startJob } from '../temporal/jobs';
import { sampleComments } from '../demo/sampleComments';
import { REINFER_TOKEN, LocalStack } from '../scripts/temporal/localStack';
import { cpuSnapshot, fileSha256, jobOverhead, maybePrintCpu, maybePrintTimeline, median, peakRssMb, printBenchRow, secondsSince, type BenchRow, option } from './common';

const OWNER = 'acme';
const DATASET = 'bench-predict';
const MODEL_VERSION = '2';
/** Predict requests in flight: the job's default (PredictSegmentInput.concurrency). */
const DEFAULT_CONCURRENCY = 2;
const SYNC_BATCH = 1024;
const SYNC_CONCURRENCY = 4;

const headers = { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' };

/** Stores `n` sample comments in a new source (setup, not measured) and lists their uids in a CSV file. */
async function prepare(client: ReinferClient, url: string, name: string, n: number, file: string): Promise<{ dataset: string; sourceId: string }> {
	const source = await client.createSource(OWNER, `predict-${name}`);
	const res = await fetch(`${url}/api/v1/datasets/${OWNER}/${DATASET}-${name}`, { method: 'PUT', headers, body: JSON.stringify({ dataset: { source_ids: [source.id] } }) });
	if (!res.ok) throw new Error(`creating the dataset failed: ${res.status} ${await res.text()}`);
	const out = fs.createWriteStream(file);
	out.write('uid\r\n');
	const queue = new PQueue({ concurrency: SYNC_CONCURRENCY });
	let batch: NewComment[] = [];
	for (const comment of sampleComments(n)) {
		batch.push(comment);
		if (!out.write(`${source.id}.${comment.id}\r\n`)) await once(out, 'drain');
		if (batch.length === SYNC_BATCH) {
			const comments = batch;
			batch = [];
			void queue.add(() => client.syncBatch(OWNER, `predict-${name}`, comments));
			await queue.onSizeLessThan(SYNC_CONCURRENCY);
		}
	}
	if (batch.length) void queue.add(() => client.syncBatch(OWNER, `predict-${name}`, batch));
	await queue.onIdle();
	out.end();
	await once(out, 'finish');
	return { dataset: `${DATASET}-${name}`, sourceId: source.id };
}

/**
 * The baseline: read the uids, predict them `chunkSize` at a time with up to `concurrency` requests
 * in flight (the job's defaults), and append one JSON line per comment in file order.
 */
async function directLoop(client: ReinferClient, dataset: string, file: string, outputPath: string, chunkSize: number, concurrency: number): Promise<number> {
	const output = fs.createWriteStream(outputPath);
	const inFlight: Array<{ items: Array<{ row: number; uid: string }>; response: ReturnType<ReinferClient['predictComments']> }> = [];
	let pending: Array<{ row: number; uid: string }> = [];
	let predicted = 0;
	const send = () => {
		const response = client.predictComments(OWNER, dataset, MODEL_VERSION, pending.map((p) => p.uid));
		response.catch(() => undefined);
		inFlight.push({ items: pending, response });
		pending = [];
	};
	const writeNext = async () => {
		const { items, response } = inFlight.shift()!;
		const byUid = new Map((await response).predictions.map((p) => [p.uid, p]));
		const lines = items.map(({ row, uid }) => {
			const prediction = byUid.get(uid);
			const labels = [...(prediction?.labels ?? [])].sort((a, b) => b.probability - a.probability);
			return JSON.stringify({ row, uid, top_label: labels[0]?.name.join(' > ') ?? '', top_probability: labels[0]?.probability ?? '', labels, entities: prediction?.entities ?? [] });
		});
		predicted += items.length;
		if (!output.write(`${lines.join('\n')}\n`)) await once(output, 'drain');
	};
	for await (const { row, values } of readRows({ path: file })) {
		pending.push({ row, uid: String(values.uid) });
		if (pending.length === chunkSize) {
			send();
			if (inFlight.length >= concurrency) await writeNext();
		}
	}
	if (pending.length) send();
	while (inFlight.length) await writeNext();
	output.end();
	await once(output, 'finish');
	return predicted;
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '100000').split(',').map(Number);
	const repeat = Number(option('repeat') ?? 3);
	// The job's default unless --chunk says otherwise; the direct loop always uses the same.
	const chunkOption = option('chunk') === undefined ? undefined : Number(option('chunk'));
	const chunkSize = chunkOption ?? DEFAULT_PREDICT_CHUNK;
	const concurrencyOption = option('concurrency') === undefined ? undefined : Number(option('concurrency'));
	const concurrency = concurrencyOption ?? DEFAULT_CONCURRENCY;
	const env = await new LocalStack().start();
	const rows: BenchRow[] = [];
	try {
		const worker = await env.startWorker();
		const client = new ReinferClient({ baseUrl: env.emulator.url, transport: axiosTransport(), sleep: timerSleep, auth: { headers: async () => ({ 'X-Auth-Token': REINFER_TOKEN }), secrets: () => [REINFER_TOKEN] } });
		const runJob = async (dataset: string, file: string, outputPath: string, jobId: string) => {
			const handle = await startJob(
				env.client,
				'reinfer.bulkPredict',
				{ connection: 'default', owner: OWNER, dataset, modelVersion: MODEL_VERSION, file: { path: file }, uids: { column: 'uid' }, outputPath, ...(chunkOption ? { chunkSize: chunkOption } : {}), ...(concurrencyOption ? { concurrency: concurrencyOption } : {}) },
				{ taskQueue: env.settings.taskQueue, jobId },
			);
			return handle.result();
		};

		// Warm-up, not measured: a long-running worker has loaded its workflow code and both sides
		// have compiled their code paths and opened their keep-alive connections.
		const warm = await prepare(client, env.emulator.url, 'warm-up', 5_000, path.join(env.dir, 'warm-up.csv'));
		await directLoop(client, warm.dataset, path.join(env.dir, 'warm-up.csv'), path.join(env.dir, 'warm-up-direct.jsonl'), chunkSize, concurrency);
		await runJob(warm.dataset, path.join(env.dir, 'warm-up.csv'), path.join(env.dir, 'warm-up-job.jsonl'), `bench-predict-warm-up-${Date.now()}`);

		for (const n of sizes) {
			if (global.gc) global.gc();
			const file = path.join(env.dir, `uids-${n}.csv`);
			const { dataset, sourceId } = await prepare(client, env.emulator.url, String(n), n, file);
			const directTimes: number[] = [];
			const jobTimes: number[] = [];
			let jobId = '';
			// Rounds alternate direct loop and job, so load from elsewhere hits both alike.
			for (let round = 0; round < repeat; round++) {
				const directOut = path.join(env.dir, `direct-${n}-${round}.jsonl`);
				const jobOut = path.join(env.dir, `job-${n}-${round}.jsonl`);
				const cpu0 = cpuSnapshot(worker.pid!);
				const t0 = process.hrtime.bigint();
				const direct = await directLoop(client, dataset, file, directOut, chunkSize, concurrency);
				directTimes.push(secondsSince(t0));
				maybePrintCpu(`direct loop, ${n} comments`, cpu0, worker.pid!);

				jobId = `bench-predict-${n}-${round}-${Date.now()}`;
				const cpu1 = cpuSnapshot(worker.pid!);
				const t1 = process.hrtime.bigint();
				const result = await runJob(dataset, file, jobOut, jobId);
				jobTimes.push(secondsSince(t1));
				maybePrintCpu(`job, ${n} comments`, cpu1, worker.pid!);
				if (direct !== n || result.predicted !== n) throw new Error(`expected ${n} predictions, direct ${direct}, job ${result.predicted}`);
				if ((await fileSha256(directOut)) !== (await fileSha256(jobOut))) throw new Error('the job and the direct loop wrote different results');
				await maybePrintTimeline(env.client, jobId);
				for (const f of [directOut, jobOut]) fs.rmSync(f);
			}
			const overhead = await jobOverhead(env.client, jobId);
			rows.push({ path: 're:infer, bulk predict', size: n, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: peakRssMb(worker.pid!), activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
			fs.rmSync(file);
			// Free the emulator's memory before the next size.
			await client.deleteDataset(OWNER, dataset);
			await client.deleteSourceById(sourceId);
		}
	} finally {
		await env.stop();
	}
	process.stdout.write(`\nre:infer bulk predict (${os.cpus().length} cores, ${chunkSize} uids per request, ${concurrency} in flight, JSONL results; median of ${repeat} rounds)\n`);
	for (const row of rows) printBenchRow(row);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
