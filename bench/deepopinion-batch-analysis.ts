/**
 * DeepOpinion batch analysis benchmark: an N-row XLSX file through the `deepopinion.batchAnalysis`
 * job (worker in its own process, real dev server, emulator), against a direct-client loop doing
 * the same (upload, create, wait, page every document into JSONL) in the same run. Prints
 * documents/s for both, their ratio and the worker's peak RSS. The emulator's analysis time is set
 * to zero so that only the integration is measured.
 *
 *   npm run build && node dist/bench/deepopinion-batch-analysis.js [--sizes 10000,100000]
 */
import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import { DeepOpinionClient, deepOpinionAuth } from '../clients/deepopinion';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { resultRecord } from '../activities/deepopinion/batchAnalysis';
import { startDeepOpinionEmulator } from '../emulators/deepopinion';
import { startJob } from '../temporal/jobs';
import { LocalStack } from '../scripts/temporal/localStack';

const EMAIL = 'dev@deepopinion.test';
const PASSWORD = 'dev-password';

function peakRssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

function writeXlsx(file: string, rows: number): void {
	const phrases = ['The staff was friendly.', 'The room was dirty.', 'Breakfast was great! The beach is near.', 'Reception was slow and rude.'];
	const data: unknown[][] = [['id', 'review']];
	for (let i = 0; i < rows; i++) data.push([i, `${phrases[i % phrases.length]} Visit ${i}.`]);
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(data), 'Sheet1');
	fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

async function direct(baseUrl: string, file: string, out: string): Promise<number> {
	const transport = axiosTransport();
	const client = new DeepOpinionClient({ baseUrl, transport, sleep: timerSleep, auth: deepOpinionAuth({ baseUrl, transport, sleep: timerSleep, login: { email: EMAIL, password: PASSWORD } }) });
	const data = fs.readFileSync(file);
	const upload = await client.uploadAnalysisFile({ data: new Uint8Array(data), fileName: path.basename(file) });
	const analysis = await client.createAnalysis({ file_id: upload.id, column_name: 'review', model_id: 1, name: `direct-${Date.now()}` });
	while ((await client.getAnalysis(analysis.id)).status !== 'FINISHED') await timerSleep(50);
	const stream = fs.createWriteStream(out);
	let count = 0;
	for (let offset = 0; ; ) {
		const page = await client.listAnalysisDocuments(analysis.id, { details: ['segments', 'tags', 'meta'], offset, limit: 1000 });
		stream.write(`${page.items.map((d) => JSON.stringify(resultRecord(d))).join('\n')}\n`);
		count += page.items.length;
		offset += page.items.length;
		if (!page.hasMore || page.items.length === 0) break;
	}
	await new Promise((r) => stream.end(r));
	return count;
}

async function main(): Promise<void> {
	const arg = process.argv.indexOf('--sizes');
	const sizes = (arg > 0 ? process.argv[arg + 1] : '10000,100000').split(',').map(Number);
	const emulator = await startDeepOpinionEmulator({ timing: { analysisMinMs: 0, analysisMsPerDocument: 0 }, bodyLimitBytes: 200 * 1024 * 1024 });
	const env = await new LocalStack().start();
	const worker = await env.startWorker({ TEXTAI_DEEPOPINION_DEFAULT_URL: emulator.url, TEXTAI_DEEPOPINION_DEFAULT_EMAIL: EMAIL, TEXTAI_DEEPOPINION_DEFAULT_PASSWORD: PASSWORD });
	const rows: string[] = ['| documents | direct loop (docs/s) | Temporal job (docs/s) | ratio job/direct | worker peak RSS |', '|---|---|---|---|---|'];
	try {
		for (const size of sizes) {
			const file = path.join(env.dir, `reviews-${size}.xlsx`);
			writeXlsx(file, size);
			let t = Date.now();
			const directCount = await direct(emulator.url, file, path.join(env.dir, `direct-${size}.jsonl`));
			const directRate = directCount / ((Date.now() - t) / 1000);
			t = Date.now();
			const handle = await startJob(env.client, 'deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath: path.join(env.dir, `job-${size}.jsonl`), pollIntervalMs: 100 }, { taskQueue: env.settings.taskQueue, jobId: `bench-do-${size}-${Date.now()}` });
			const result = await handle.result();
			const jobRate = result.documents / ((Date.now() - t) / 1000);
			if (result.documents !== size || directCount !== size) throw new Error(`expected ${size} documents, got ${result.documents} (job) and ${directCount} (direct)`);
			rows.push(`| ${size.toLocaleString('en')} | ${Math.round(directRate)} | ${Math.round(jobRate)} | ${(jobRate / directRate).toFixed(2)} | ${peakRssMb(worker.pid!)} MB |`);
			process.stdout.write(`${rows.at(-1)}\n`);
		}
	} finally {
		await env.stop();
		await emulator.close();
	}
	process.stdout.write(`\n${rows.join('\n')}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
