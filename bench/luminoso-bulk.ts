/**
 * Luminoso Compass bulk benchmark, two bulk paths, each through its Temporal job (worker in its
 * own process, real dev server, emulator) and through a direct-client loop doing the same work in
 * one process against the same emulator, in the same run:
 *
 * - upload + build classifier: N documents read from a CSV file and uploaded (500 per POST, 2 in
 *   flight: the job's defaults), a voting classifier created and polled until ready (every 200 ms;
 *   the emulator trains for 500 ms). Each side gets a new project, deleted afterwards.
 * - classify (messages mode): M messages read from a CSV file, posted 100 per POST (the job's
 *   default) to a project with a trained classifier, one result line per message written to a
 *   JSONL file. Both sides post into the same project, so the job starts on a project that already
 *   holds messages, as it would in use.
 *
 * Both sides read the file with the reader the jobs use (`readRowChunks`: rows in chunks, no
 * promise per row), so the ratio measures what the job adds, not a difference of readers.
 *
 * Both sides are warmed up first on small files (JIT, keep-alive sockets, the worker's workflow
 * bundle), as a long-running worker is. Each size runs `--repeat` rounds (direct then job,
 * alternating, so load from elsewhere hits both alike) and the medians are reported.
 *
 *   npm run build && node --expose-gc dist/bench/luminoso-bulk.js [--sizes 100000,1000000] [--messages 20000] [--repeat 3]
 *   BENCH_TIMELINE=1 ... prints each job's activity timeline (where its time goes).
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { formatCsvRecord, readRowChunks } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { resultRecord, rowToMessage } from '../activities/luminoso/classify';
import { rowToDocument } from '../activities/luminoso/upload';
import { DEFAULT_POST_BATCH, LuminosoClient, LuminosoTokenAuth, type ClassifierCreate, type NewDocument, type NewMessage } from '../clients/luminoso';
import { startLuminosoEmulator, type LuminosoEmulator } from '../emulators/luminoso';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';
import { cpuSnapshot, jobOverhead, maybePrintCpu, maybePrintTimeline, median, option, peakRssMb, printBenchRow, secondsSince } from './common';

const ADMIN = { username: 'admin@example.com', password: 'admin-password' };
const WORDS = ['invoice', 'refund', 'parcel', 'courier', 'screen', 'battery', 'agent', 'chat', 'today', 'again', 'order', 'please'];
const LABELS = ['billing', 'delivery', 'product', 'support'];
const DOCUMENT_MAPPING = { text: 'text', label: 'label' };
const MESSAGE_MAPPING = { text: 'text', sourceId: 'id' };
const CLASSIFIER: ClassifierCreate = { name: 'bench', type: 'voting', status: 'active', info: { dataset: 'train' } };
/** The jobs' defaults: documents per POST and POSTs in flight, messages per POST. */
const UPLOAD_BATCH = DEFAULT_POST_BATCH;
const UPLOAD_CONCURRENCY = 2;
const MESSAGE_BATCH = 100;
const POLL_MS = 200;
const TRAINING_MS = 500;

async function writeCsv(file: string, header: string[], rows: number, row: (i: number) => unknown[]): Promise<void> {
	const out = fs.createWriteStream(file);
	for (let i = -1; i < rows; i++) {
		if (!out.write(formatCsvRecord(i < 0 ? header : row(i)))) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

const writeDocuments = (file: string, n: number) => writeCsv(file, ['text', 'label'], n, (i) => [`${WORDS[(i * 2) % 12]} ${WORDS[(i * 2 + 1) % 12]} ${WORDS[i % 7]} number ${i}`, LABELS[i % 4]]);
const writeMessages = (file: string, n: number) => writeCsv(file, ['id', 'text'], n, (i) => [`m-${i}`, `my ${WORDS[i % 12]} order ${i}`]);

async function newProject(client: LuminosoClient, name: string): Promise<string> {
	const account = await client.createAccount(`${name} account`);
	return String((await client.createProject({ name, account: account.id, language: 'en' })).id);
}

/** Baseline: read, map and upload with the shared client, then create the classifier and poll until it is ready. */
async function directBuild(client: LuminosoClient, project: string, file: string): Promise<void> {
	const queue = new PQueue({ concurrency: UPLOAD_CONCURRENCY });
	let failure: unknown;
	const send = (docs: NewDocument[]) =>
		void queue.add(() => client.addDocumentBatch(project, docs)).catch((error: unknown) => {
			failure ??= error;
			queue.clear();
		});
	let batch: NewDocument[] = [];
	// The job's reader: rows in chunks, no promise per row.
	rows: for await (const chunk of readRowChunks({ path: file })) {
		for (const { row, values } of chunk) {
			const { doc } = rowToDocument(values, DOCUMENT_MAPPING, row, 'train');
			if (doc) batch.push(doc);
			if (batch.length === UPLOAD_BATCH) {
				send(batch);
				batch = [];
				await queue.onSizeLessThan(UPLOAD_CONCURRENCY);
			}
			if (failure) break rows;
		}
	}
	if (batch.length && !failure) send(batch);
	await queue.onIdle();
	if (failure) throw failure;
	const classifier = await client.createClassifier(project, CLASSIFIER);
	await client.waitForClassifier(project, classifier.id!, { pollMs: POLL_MS });
}

/** Baseline: read, map and post messages with the shared client, one result line per message. Returns the lines written. */
async function directClassify(client: LuminosoClient, project: string, file: string, out: string): Promise<number> {
	const stream = fs.createWriteStream(out);
	const now = new Date().toISOString();
	let pending: Array<{ row: number; message: NewMessage }> = [];
	let written = 0;
	const send = async () => {
		const saved = await client.addMessageBatch(project, pending.map((p) => p.message));
		const text = `${pending.map(({ row, message }, i) => JSON.stringify(resultRecord(row, saved[i], 'messages', message.source_id))).join('\n')}\n`;
		written += pending.length;
		pending = [];
		if (!stream.write(text)) await once(stream, 'drain');
	};
	for await (const chunk of readRowChunks({ path: file })) {
		for (const { row, values } of chunk) {
			const { message } = rowToMessage(values, MESSAGE_MAPPING, row, 'messages', now);
			if (message) pending.push({ row, message });
			if (pending.length === MESSAGE_BATCH) await send();
		}
	}
	if (pending.length) await send();
	stream.end();
	await once(stream, 'finish');
	return written;
}

async function jobBuild(env: LocalStack, project: string, file: string, jobId: string): Promise<number> {
	const handle = await startJob(
		env.client,
		'luminoso.buildClassifier',
		{ connection: 'default', project, documents: { file: { path: file }, mapping: DOCUMENT_MAPPING, dataset: 'train' }, classifier: CLASSIFIER, pollIntervalMs: POLL_MS },
		{ taskQueue: env.settings.taskQueue, jobId },
	);
	const result = await handle.result();
	if (result.stage !== 'ready') throw new Error(`the build job ended in stage ${result.stage}`);
	return result.uploaded;
}

async function jobClassify(env: LocalStack, project: string, file: string, out: string, jobId: string): Promise<number> {
	const handle = await startJob(env.client, 'luminoso.bulkClassify', { connection: 'default', project, file: { path: file }, mapping: MESSAGE_MAPPING, mode: 'messages', outputPath: out }, { taskQueue: env.settings.taskQueue, jobId });
	return (await handle.result()).classified;
}

const lineCount = async (file: string) => {
	let lines = 0;
	for await (const chunk of fs.createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
	return lines;
};

async function measureBuild(env: LocalStack, emu: LuminosoEmulator, client: LuminosoClient, workerPid: number, size: number, repeat: number): Promise<void> {
	const file = path.join(env.dir, `documents-${size}.csv`);
	await writeDocuments(file, size);
	const directTimes: number[] = [];
	const jobTimes: number[] = [];
	let jobId = '';
	for (let round = 0; round < repeat; round++) {
		global.gc?.();
		let project = await newProject(client, `direct-${size}-${round}`);
		let cpu = cpuSnapshot(workerPid);
		let started = process.hrtime.bigint();
		await directBuild(client, project, file);
		directTimes.push(secondsSince(started));
		maybePrintCpu('direct loop', cpu, workerPid);
		if (emu.luminoso.documentCount(project) !== size) throw new Error(`direct: ${emu.luminoso.documentCount(project)} documents uploaded, expected ${size}`);
		await client.deleteProject(project);

		global.gc?.();
		project = await newProject(client, `job-${size}-${round}`);
		jobId = `bench-luminoso-build-${size}-${round}-${Date.now()}`;
		cpu = cpuSnapshot(workerPid);
		started = process.hrtime.bigint();
		const uploaded = await jobBuild(env, project, file, jobId);
		jobTimes.push(secondsSince(started));
		maybePrintCpu('Temporal job', cpu, workerPid);
		if (uploaded !== size || emu.luminoso.documentCount(project) !== size) throw new Error(`job: ${uploaded} documents uploaded, expected ${size}`);
		await client.deleteProject(project);
		await maybePrintTimeline(env.client, jobId);
	}
	const overhead = await jobOverhead(env.client, jobId);
	printBenchRow({ path: 'Luminoso Compass, upload + build classifier', size, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: peakRssMb(workerPid), activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
	fs.rmSync(file);
}

async function measureClassify(env: LocalStack, client: LuminosoClient, project: string, workerPid: number, size: number, repeat: number): Promise<void> {
	const file = path.join(env.dir, `messages-${size}.csv`);
	await writeMessages(file, size);
	const directOut = path.join(env.dir, `direct-${size}.jsonl`);
	const jobOut = path.join(env.dir, `job-${size}.jsonl`);
	const directTimes: number[] = [];
	const jobTimes: number[] = [];
	let jobId = '';
	for (let round = 0; round < repeat; round++) {
		fs.rmSync(jobOut, { force: true });
		global.gc?.();
		let cpu = cpuSnapshot(workerPid);
		let started = process.hrtime.bigint();
		const direct = await directClassify(client, project, file, directOut);
		directTimes.push(secondsSince(started));
		maybePrintCpu('direct loop', cpu, workerPid);

		global.gc?.();
		jobId = `bench-luminoso-classify-${size}-${round}-${Date.now()}`;
		cpu = cpuSnapshot(workerPid);
		started = process.hrtime.bigint();
		const classified = await jobClassify(env, project, file, jobOut, jobId);
		jobTimes.push(secondsSince(started));
		maybePrintCpu('Temporal job', cpu, workerPid);
		const lines = await lineCount(jobOut);
		if (direct !== size || classified !== size || lines !== size) throw new Error(`expected ${size} messages, direct wrote ${direct}, the job classified ${classified} and wrote ${lines}`);
		await maybePrintTimeline(env.client, jobId);
	}
	const overhead = await jobOverhead(env.client, jobId);
	printBenchRow({ path: 'Luminoso Compass, classify (messages mode)', size, directSeconds: median(directTimes), jobSeconds: median(jobTimes), workerPeakRssMb: peakRssMb(workerPid), activities: overhead.activities, maxHistoryEvents: overhead.maxHistoryEvents });
	for (const f of [file, directOut, jobOut]) fs.rmSync(f, { force: true });
}

/** A small run of both paths on both sides, unmeasured. */
async function warmUp(env: LocalStack, client: LuminosoClient, classifyProject: string): Promise<void> {
	const docs = path.join(env.dir, 'warm-up-documents.csv');
	const msgs = path.join(env.dir, 'warm-up-messages.csv');
	await writeDocuments(docs, 2000);
	await writeMessages(msgs, 500);
	for (const side of ['direct', 'job']) {
		const project = await newProject(client, `warm-up-${side}`);
		if (side === 'direct') await directBuild(client, project, docs);
		else await jobBuild(env, project, docs, `bench-luminoso-warm-up-build-${Date.now()}`);
		await client.deleteProject(project);
	}
	await directClassify(client, classifyProject, msgs, path.join(env.dir, 'warm-up-direct.jsonl'));
	await jobClassify(env, classifyProject, msgs, path.join(env.dir, 'warm-up-job.jsonl'), `bench-luminoso-warm-up-classify-${Date.now()}`);
}

async function main(): Promise<void> {
	const sizes = (option('sizes') ?? '100000').split(',').filter(Boolean).map(Number);
	const messageSizes = (option('messages') ?? '20000').split(',').filter(Boolean).map(Number);
	const repeat = Number(option('repeat') ?? 3);
	const env = await new LocalStack().start();
	const emu = await startLuminosoEmulator({ trainingMs: TRAINING_MS, bodyLimitBytes: 64 * 1024 * 1024 });
	try {
		const transport = axiosTransport();
		const client = new LuminosoClient({ baseUrl: emu.apiUrl, transport, sleep: timerSleep, auth: new LuminosoTokenAuth(emu.apiUrl, transport, timerSleep, ADMIN) });
		const worker = await env.startWorker({ TEXTAI_LUMINOSO_DEFAULT_URL: emu.apiUrl, TEXTAI_LUMINOSO_DEFAULT_USERNAME: ADMIN.username, TEXTAI_LUMINOSO_DEFAULT_PASSWORD: ADMIN.password });

		// The project messages are classified in: a voting classifier trained on 4,000 documents.
		const classifyProject = await newProject(client, 'classify');
		const training = path.join(env.dir, 'training.csv');
		await writeDocuments(training, 4000);
		await directBuild(client, classifyProject, training);
		await warmUp(env, client, classifyProject);

		process.stdout.write(
			`\nLuminoso Compass (${os.cpus().length} cores; documents ${UPLOAD_BATCH} per POST, ${UPLOAD_CONCURRENCY} in flight, training ${TRAINING_MS} ms polled every ${POLL_MS} ms; messages ${MESSAGE_BATCH} per POST; median of ${repeat} rounds)\n`,
		);
		for (const size of sizes) await measureBuild(env, emu, client, worker.pid!, size, repeat);
		for (const size of messageSizes) await measureClassify(env, client, classifyProject, worker.pid!, size, repeat);
	} finally {
		await env.stop();
		await emu.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
