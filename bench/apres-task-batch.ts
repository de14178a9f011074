/**
 * Apres many-file task batch benchmark: N local files through the apres.taskBatch job (worker in
 * its own process with its callback receiver, real dev server, Apres emulator moving each batch
 * on every STEP_MS and calling the job's webhook) versus a tight direct-client loop doing the same
 * platform work with the same ApresClient in one process (read and base64 the files, 4 at a time as
 * the job does, create the batch, poll its state every DIRECT_POLL_MS, fetch batch, output and
 * tasks at once, and write the same CSV results file), against the same emulator in the same run.
 *
 * Files are uploaded base64 in the create call, which the job allows up to 64 MiB in all: sizes
 * above LOCAL_FILES_LIMIT use an S3 location holding N files instead (the path for large sets), so
 * nothing is read or uploaded and the batch's tasks and results are what grows.
 *
 * Both sides are warmed up first, as a long-running worker is; each size runs `--repeat` rounds
 * (direct loop then job) and the medians are reported.
 *
 *   npm run build && node --expose-gc dist/bench/apres-task-batch.js [--sizes 1000,10000,100000] [--repeat 3]
 *   BENCH_TIMELINE=1 ... prints each job's activity timeline and the direct loop's phases.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forEachBounded, readWholeFile, resultRows, RESULT_COLUMNS } from '../activities/apres/taskBatch';
import { openResultWriter } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { ApresClient, taskBatchPhase, type Base64File, type S3Location, type TaskBatchCreate } from '../clients/apres';
import { startApresEmulator } from '../emulators/apres';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';
import { jobOverhead, maybePrintTimeline, median, option, peakRssMb, printBenchRow, secondsSince, type BenchRow } from './common';
import { getFreePort } from '../scripts/temporal/dev-server';

const KEY = 'bench-recipe-key';
const SECRET = randomBytes(24).toString('base64url');
/** The emulated experts move a batch confirmed -> in_progress -> completed, one step every STEP_MS. */
const STEP_MS = 500;
/** The direct loop checks the batch's state this often: tighter than anyone would poll a real recipe. */
const DIRECT_POLL_MS = 100;
const LOCAL_FILES_LIMIT = 20_000;

/** `n` small JPEG-like files (a few hundred bytes each) in a new directory. */
function writeFiles(dir: string, n: number): void {
	fs.mkdirSync(dir, { recursive: true });
	for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `photo-${String(i).padStart(6, '0')}.jpg`), Buffer.concat([Buffer.from([0xff, 0xd8]), randomBytes(200 + (i % 300))]));
}

const joinOutput = (value: unknown) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|') : value);

/** The baseline: create the batch, poll until it completes, fetch its results and write them. */
async function directLoop(client: ApresClient, source: { directory: string } | { location: S3Location }, outputPath: string): Promise<number> {
	const t0 = process.hrtime.bigint();
	const phase = (name: string) => {
		if (process.env.BENCH_TIMELINE) process.stderr.write(`  direct loop ${name} at ${Math.round(secondsSince(t0) * 1000)} ms\n`);
	};
	let payload: TaskBatchCreate;
	if ('directory' in source) {
		// The job's read call and concurrency, without its checks.
		const paths = fs.readdirSync(source.directory).sort().map((name) => path.join(source.directory, name));
		const files: Base64File[] = new Array(paths.length);
		await forEachBounded(paths.length, async (i) => {
			files[i] = { file: path.basename(paths[i]), data: (await readWholeFile(paths[i])).toString('base64') };
		});
		payload = { files, delivery_timeframe: 1, delivery_units: 'days' };
	} else {
		payload = { location: source.location, delivery_timeframe: 1, delivery_units: 'days' };
	}
	phase('read');
	const created = await client.createTaskBatch(payload);
	phase('created');
	while (taskBatchPhase(await client.getTaskBatch(created.id)) !== 'completed') await timerSleep(DIRECT_POLL_MS);
	phase('completed');
	const [, output, tasks] = await Promise.all([client.getTaskBatch(created.id), client.getTaskBatchOutput(created.id), client.listTasks(created.id)]);
	const writer = await openResultWriter(outputPath, 'csv', [...RESULT_COLUMNS]);
	phase('fetched');
	for (const row of resultRows(tasks, output.json)) await writer.write({ ...row, output: joinOutput(row.output) });
	const { rows } = await writer.close();
	phase('written');
	return rows;
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '1000').split(',').map(Number);
	const repeat = Number(option('repeat') ?? 3);
	const apres = await startApresEmulator({ apiKeys: [KEY], stepMs: STEP_MS, bodyLimitBytes: 96 * 1024 * 1024 });
	const env = await new LocalStack().start();
	const rows: BenchRow[] = [];
	try {
		const worker = await env.startWorker({
			TEXTAI_APRES_DEFAULT_URL: `${apres.url}/api/v1`,
			TEXTAI_APRES_DEFAULT_KEY: KEY,
			TEXTAI_APRES_CALLBACK_PORT: String(await getFreePort()),
			TEXTAI_APRES_CALLBACK_SECRET: SECRET,
		});
		const client = new ApresClient({ baseUrl: `${apres.url}/api/v1`, transport: axiosTransport(), sleep: timerSleep, auth: { headers: async () => ({ Authorization: KEY }), secrets: () => [KEY] } });
		// Warm-up, not measured: a long-lived worker has loaded its workflow code before (about 0.2 s
		// on the first job), and both sides have compiled their code paths.
		const warmDir = path.join(env.dir, 'warm-up');
		writeFiles(warmDir, 3);
		await directLoop(client, { directory: warmDir }, path.join(env.dir, 'warm-up-direct.csv'));
		await (await startJob(env.client, 'apres.taskBatch', { connection: 'default', source: { directory: warmDir }, outputPath: path.join(env.dir, 'warm-up-job.csv') }, { taskQueue: env.settings.taskQueue, jobId: `apres-bench-warm-up-${Date.now()}` })).result();
		for (const n of sizes) {
			if (global.gc) global.gc();
			const local = n <= LOCAL_FILES_LIMIT;
			const dir = path.join(env.dir, `files-${n}`);
			const location: S3Location = { type: 's3', bucket_name: 'bench-images', prefix: `set-${n}/`, region: 'eu-west-1' };
			if (local) writeFiles(dir, n);
			else apres.apres.setLocationFiles(location, Array.from({ length: n }, (_, i) => `set-${n}/photo-${String(i).padStart(6, '0')}.jpg`));
			const source = local ? { directory: dir } : { location };
			const directTimes: number[] = [];
			const jobTimes: number[] = [];
			let jobId = '';
			// Rounds alternate direct loop and job, so load from elsewhere hits both alike.
			for (let round = 0; round < repeat; round++) {
				const directOut = path.join(env.dir, `direct-${n}-${round}.csv`);
				const jobOut = path.join(env.dir, `job-${n}-${round}.csv`);
				const t0 = process.hrtime.bigint();
				const direct = await directLoop(client, source, directOut);
				directTimes.push(secondsSince(t0));

				jobId = `apres-bench-${n}-${round}-${Date.now()}`;
				const t1 = process.hrtime.bigint();
				const handle = await startJob(env.client, 'apres.taskBatch', { connection: 'default', source, deliveryTimeframe: 1, outputPath: jobOut }, { taskQueue: env.settings.taskQueue, jobId });
				const result = await handle.result();
				jobTimes.push(secondsSince(t1));
				if (direct !== n || result.rows !== n) throw new Error(`expected ${n} result rows, direct ${direct}, job ${result.rows}`);
				if (result.completedVia !== 'webhook') throw new Error(`the job learnt of the completion by ${result.completedVia}, not by its webhook`);
				await maybePrintTimeline(env.client, jobId);
				for (const f of [directOut, jobOut]) fs.rmSync(f);
			}
			const overhead = await jobOverhead(env.client, jobId);
			rows.push({
				path: `Apres, task batch of ${local ? 'local files (base64)' : 'files in S3'}`,
				size: n,
				directSeconds: median(directTimes),
				jobSeconds: median(jobTimes),
				workerPeakRssMb: peakRssMb(worker.pid!),
				activities: overhead.activities,
				maxHistoryEvents: overhead.maxHistoryEvents,
			});
			fs.rmSync(dir, { recursive: true, force: true });
		}
	} finally {
		await env.stop();
		await apres.close();
	}
	process.stdout.write(
		`\nApres task batch (${os.cpus().length} cores; batch step every ${STEP_MS} ms; job told by webhook, direct loop polls every ${DIRECT_POLL_MS} ms; sizes > ${LOCAL_FILES_LIMIT.toLocaleString('en')} from an S3 location; median of ${repeat} rounds)\n`,
	);
	for (const row of rows) printBenchRow(row);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
