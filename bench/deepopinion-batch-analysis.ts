/**
 * DeepOpinion batch analysis benchmark: an N-row file through the `deepopinion.batchAnalysis` job
 * (worker in its own process, real dev server, emulator) against a direct-client loop doing the
 * same work in one process (upload, create, poll until finished, page every document into JSONL,
 * one page fetched ahead as the job does) on the same emulator, in the same run. The emulator's
 * analysis time is zero, so only the integration is measured, and it is reset before each side so
 * both meet it empty. Both sides are warmed up first on a small file (JIT, keep-alive sockets, the
 * worker's workflow bundle), as a long-running worker is. Each size runs `--repeat` rounds (direct
 * then job, alternating, so load from elsewhere hits both alike) and the medians are reported.
 *
 * Files are XLSX up to 100,000 rows and CSV above (writing and parsing a million-row workbook
 * takes minutes and gigabytes in the emulator, not in the worker); `--format` forces one.
 *
 *   npm run build && node --expose-gc dist/bench/deepopinion-batch-analysis.js [--sizes 100000,1000000] [--format xlsx|csv] [--repeat 3]
 *   BENCH_TIMELINE=1 ... prints each job's activity timeline (where its time goes).
 */
import * as XLSX from '@e965/xlsx';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCsvRecord } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { resultRecord } from '../activities/deepopinion/batchAnalysis';
import { DeepOpinionClient, deepOpinionAuth, MAX_PAGE_SIZE } from '../clients/deepopinion';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../emulators/deepopinion';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';
import { cpuSnapshot, fileSha256, jobOverhead, maybePrintCpu, maybePrintTimeline, median, option, peakRssMb, printBenchRow, secondsSince } from './common';

const EMAIL = 'dev@deepopinion.test';
const PASSWORD = 'dev-password';
/** The job's status checks in this bench; the direct loop polls as often. */
const POLL_MS = 100;
const PHRASES = ['The staff was friendly.', 'The room was dirty.', 'Breakfast was great! The beach is near.', 'Reception was slow and rude.'];
const WARM_UP_ROWS = 2000;

type Format = 'xlsx' | 'csv';

const review = (i: number) => `${PHRASES[i % PHRASES.length]} Visit ${i}.`;

async function writeReviews(file: string, rows: number, format: Format): Promise<void> {
	if (format === 'xlsx') {
		const data: unknown[][] = [['id', 'review']];
		for (let i = 0; i < rows; i++) data.push([i, review(i)]);
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(data), 'Sheet1');
		fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
		return;
	}
	const out = fs.createWriteStream(file);
	for (let i = -1; i < rows; i++) {
		if (!out.write(i < 0 ? formatCsvRecord(['id', 'review']) : formatCsvRecord([i, review(i)]))) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

/** The baseline: the shared client, one process, no Temporal. Returns the documents written. */
async function directLoop(baseUrl: string, file: string, out: string): Promise<number> {
	const transport = axiosTransport();
	const client = new DeepOpinionClient({ baseUrl, transport, sleep: timerSleep, auth: deepOpinionAuth({ baseUrl, transport, sleep: timerSleep, login: { email: EMAIL, password: PASSWORD } }) });
	const started = Date.now();
	const phase = (name: string) => process.env.BENCH_TIMELINE && process.stderr.write(`  ${String(Date.now() - started).padStart(8)} ms  direct loop: ${name}\n`);
	const upload = await client.uploadAnalysisFile({ data: new Uint8Array(fs.readFileSync(file)), fileName: path.basename(file) });
	phase('uploaded');
	const analysis = await client.createAnalysis({ file_id: upload.id, column_name: 'review', model_id: 1, name: `direct-${Date.now()}` });
	phase('created');
	while ((await client.getAnalysis(analysis.id)).status !== 'FINISHED') await timerSleep(POLL_MS);
	phase('finished');
	const stream = fs.createWriteStream(out);
	const fetchPage = (offset: number) => client.listAnalysisDocuments(analysis.id, { details: ['segments', 'tags', 'meta'], offset, limit: MAX_PAGE_SIZE });
	let count = 0;
	for (let next = fetchPage(0); ; ) {
		const page = await next;
		const more = page.hasMore && page.items.length > 0;
		if (more) next = fetchPage(count + page.items.length);
		if (page.items.length && !stream.write(`${page.items.map((d) => JSON.stringify(resultRecord(d))).join('\n')}\n`)) await once(stream, 'drain');
		count += page.items.length;
		if (!more) break;
	}
	stream.end();
	await once(stream, 'finish');
	phase('exported');
	return count;
}

async function runJob(env: LocalStack, file: string, out: string, jobId: string): Promise<number> {
	const handle = await startJob(env.client, 'deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath: out, pollIntervalMs: POLL_MS }, { taskQueue: env.settings.taskQueue, jobId });
	return (await handle.result()).documents;
}

/** `repeat` rounds of direct loop then job, each meeting a freshly reset emulator; the medians are reported. */
async function measure(env: LocalStack, emulator: DeepOpinionEmulator, workerPid: number, size: number, format: Format, repeat: number): Promise<void> {
	const file = path.join(env.dir, `reviews-${size}.${format}`);
	await writeReviews(file, size, format);
	const directOut = path.join(env.dir, `direct-${size}.jsonl`);
	const jobOut = path.join(env.dir, `job-${size}.jsonl`);
	const directTimes: number[] = [];
	const jobTimes: number[] = [];
	let jobId = '';
	for (let round = 0; round < repeat; round++) {
		emulator.reset();
		global.gc?.();
		let cpu = cpuSnapshot(workerPid);
		let started = process.hrtime.bigint();
		const direct = await directLoop(emulator.url, file, directOut);
		directTimes.push(secondsSince(started));
		maybePrintCpu('direct loop', cpu, workerPid);

		emulator.reset();
		global.gc?.();
		jobId = `bench-do-${size}-${round}-${Date.now()}`;
		cpu = cpuSnapshot(workerPid);
		started = process.hrtime.bigint();
		const documents = await runJob(env, file, jobOut, jobId);
		jobTimes.push(secondsSince(started));
		maybePrintCpu('Temporal job', cpu, workerPid);
		if (direct !== size || documents !== size) throw new Error(`expected ${size} documents, got ${direct} (direct) and ${documents} (job)`);
		// Both met the same freshly reset emulator: the same analysis and document ids, the same file.
		if ((await fileSha256(jobOut)) !== (await fileSha256(directOut))) throw new Error(`the job's results differ from the direct loop's (${jobOut}, ${directOut})`);
		await maybePrintTimeline(env.client, jobId);
	}
	const overhead = await jobOverhead(env.client, jobId);
	printBenchRow({ path: `DeepOpinion, batch analysis (${format.toUpperCase()})`, size, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: peakRssMb(workerPid), activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
	for (const f of [file, directOut, jobOut]) fs.rmSync(f, { force: true });
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '100000').split(',').map(Number);
	const repeat = Number(option('repeat') ?? 3);
	const forced = option('format');
	if (forced !== undefined && forced !== 'xlsx' && forced !== 'csv') throw new Error(`--format must be xlsx or csv, got ${forced}`);
	const emulator = await startDeepOpinionEmulator({ timing: { analysisMinMs: 0, analysisMsPerDocument: 0 }, bodyLimitBytes: 512 * 1024 * 1024 });
	const env = await new LocalStack().start();
	try {
		const worker = await env.startWorker({ TEXTAI_DEEPOPINION_DEFAULT_URL: emulator.url, TEXTAI_DEEPOPINION_DEFAULT_EMAIL: EMAIL, TEXTAI_DEEPOPINION_DEFAULT_PASSWORD: PASSWORD });
		const warmUp = path.join(env.dir, 'warm-up.xlsx');
		await writeReviews(warmUp, WARM_UP_ROWS, 'xlsx');
		await directLoop(emulator.url, warmUp, path.join(env.dir, 'warm-up-direct.jsonl'));
		await runJob(env, warmUp, path.join(env.dir, 'warm-up-job.jsonl'), `bench-do-warm-up-${Date.now()}`);
		process.stdout.write(`\nDeepOpinion batch analysis (${os.cpus().length} cores; pages of ${MAX_PAGE_SIZE}, status every ${POLL_MS} ms, analysis time 0; median of ${repeat} rounds)\n`);
		for (const size of sizes) await measure(env, emulator, worker.pid!, size, (forced as Format | undefined) ?? (size > 100_000 ? 'csv' : 'xlsx'), repeat);
	} finally {
		await env.stop();
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
