/**
 * Bulk sync benchmark: N comments from a CSV file through the Temporal job (worker in its own
 * process, real dev server, emulator) versus a tight direct-client loop over the same file
 * against the same emulator, in the same run. Prints comments/s, their ratio, the worker's peak
 * RSS and the Temporal cost (activities, history events).
 *
 *   npm run build && node dist/bench/reinfer-bulk-sync.js [--sizes 100000,1000000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { ReinferClient, type NewComment } from '../clients/reinfer';
import { mapRowToComment, readRows } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { startJob } from '../temporal/jobs';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../demo/sampleComments';
import { REINFER_TOKEN, LocalStack } from '../scripts/temporal/localStack';

const BATCH = 1024;
const CONCURRENCY = 4;

function peakRssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
	return Math.round(kb / 1024);
}

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
	const arg = process.argv.indexOf('--sizes');
	const sizes = (arg > 0 ? process.argv[arg + 1] : '100000').split(',').map(Number);
	const env = await new LocalStack().start();
	const rows: string[] = [];
	try {
		const worker = await env.startWorker();
		const client = new ReinferClient({ baseUrl: env.emulator.url, transport: axiosTransport(), sleep: timerSleep, auth: { headers: async () => ({ 'X-Auth-Token': REINFER_TOKEN }), secrets: () => [REINFER_TOKEN] } });
		for (const n of sizes) {
			if (global.gc) global.gc();
			const file = path.join(env.dir, `bench-${n}.csv`);
			await writeCommentsCsv(file, n);
			const directSource = await createSource(env.emulator.url, `direct-${n}`);
			await createSource(env.emulator.url, `temporal-${n}`);

			const t0 = process.hrtime.bigint();
			const direct = await directLoop(client, file, `direct-${n}`);
			const directSec = Number(process.hrtime.bigint() - t0) / 1e9;
			// Free the emulator's memory so both runs meet it in the same state.
			await fetch(`${env.emulator.url}/api/v1/sources/id:${directSource}`, { method: 'DELETE', headers });

			const t1 = process.hrtime.bigint();
			const handle = await startJob(
				env.client,
				'reinfer.bulkSync',
				{ connection: 'default', owner: 'acme', source: `temporal-${n}`, file: { path: file }, mapping: CSV_MAPPING, batchSize: BATCH, concurrency: CONCURRENCY, rowsPerActivity: 50_000 },
				{ taskQueue: env.settings.taskQueue, jobId: `bench-${n}-${Date.now()}` },
			);
			const result = await handle.result();
			const jobSec = Number(process.hrtime.bigint() - t1) / 1e9;
			const history = await handle.fetchHistory();
			if (direct !== n || result.new !== n) throw new Error(`expected ${n} comments, direct ${direct}, job ${result.new}`);
			rows.push(
				[
					n.toLocaleString('en'),
					Math.round(n / directSec).toLocaleString('en'),
					Math.round(n / jobSec).toLocaleString('en'),
					(directSec / jobSec).toFixed(2),
					`${peakRssMb(worker.pid!)} MB`,
					String(result.activities),
					String(history.events?.length ?? 0),
				].join(' | '),
			);
			fs.rmSync(file);
		}
	} finally {
		await env.stop();
	}
	process.stdout.write(`\nre:infer bulk sync (${os.cpus().length} cores, batch ${BATCH}, concurrency ${CONCURRENCY})\n`);
	process.stdout.write('| comments | direct loop (comments/s) | Temporal job (comments/s) | ratio job/direct | worker peak RSS | activities | history events (last run) |\n|---|---|---|---|---|---|---|\n');
	for (const row of rows) process.stdout.write(`| ${row} |\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
