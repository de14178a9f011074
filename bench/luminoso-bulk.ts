/**
 * Luminoso Compass bulk benchmark: N documents uploaded and a voting classifier built, then M
 * messages classified (messages mode), through the Temporal jobs (worker in its own process, real
 * dev server, emulator) versus a tight direct-client loop over the same files against the same
 * emulator, in the same run. Prints rows/s and the job/direct ratio for each phase.
 *
 *   npm run build && node dist/bench/luminoso-bulk.js [--documents 200000] [--messages 50000]
 */
import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import { formatCsvRecord, readRows } from '../activities/files';
import { axiosTransport, timerSleep } from '../activities/shared/axiosTransport';
import { rowToDocument } from '../activities/luminoso/upload';
import { LuminosoClient, LuminosoTokenAuth, type NewDocument, type NewMessage } from '../clients/luminoso';
import { startLuminosoEmulator } from '../emulators/luminoso';
import { LocalStack } from '../scripts/temporal/localStack';
import { startJob } from '../temporal/jobs';

const ADMIN = { username: 'admin@example.com', password: 'admin-password' };
const WORDS = ['invoice', 'refund', 'parcel', 'courier', 'screen', 'battery', 'agent', 'chat', 'today', 'again', 'order', 'please'];
const LABELS = ['billing', 'delivery', 'product', 'support'];

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function writeFiles(dir: string, documents: number, messages: number): { docs: string; msgs: string } {
	const docs = path.join(dir, 'bench-documents.csv');
	const msgs = path.join(dir, 'bench-messages.csv');
	const docRows = [formatCsvRecord(['text', 'label'])];
	for (let i = 0; i < documents; i++) docRows.push(formatCsvRecord([`${WORDS[(i * 2) % 12]} ${WORDS[(i * 2 + 1) % 12]} ${WORDS[i % 7]} number ${i}`, LABELS[i % 4]]));
	fs.writeFileSync(docs, docRows.join(''));
	const msgRows = [formatCsvRecord(['id', 'text'])];
	for (let i = 0; i < messages; i++) msgRows.push(formatCsvRecord([`m-${i}`, `my ${WORDS[i % 12]} order ${i}`]));
	fs.writeFileSync(msgs, msgRows.join(''));
	return { docs, msgs };
}

async function newProject(client: LuminosoClient, name: string): Promise<string> {
	const account = await client.createAccount(`${name} account`);
	return String((await client.createProject({ name, account: account.id, language: 'en' })).id);
}

/** Baseline: read, map and upload with the shared client (500 per POST, 2 in flight), build and wait, then classify (100 per POST). */
async function directLoop(client: LuminosoClient, project: string, files: { docs: string; msgs: string }): Promise<{ docsMs: number; msgsMs: number }> {
	const queue = new PQueue({ concurrency: 2 });
	let batch: NewDocument[] = [];
	const started = Date.now();
	for await (const { row, values } of readRows({ path: files.docs })) {
		const { doc } = rowToDocument(values, { text: 'text', label: 'label' }, row, 'train');
		if (doc) batch.push(doc);
		if (batch.length === 500) {
			const docs = batch;
			batch = [];
			void queue.add(() => client.addDocumentBatch(project, docs));
			await queue.onSizeLessThan(2);
		}
	}
	if (batch.length) void queue.add(() => client.addDocumentBatch(project, batch));
	await queue.onIdle();
	const classifier = await client.createClassifier(project, { name: 'bench', type: 'voting', status: 'active', info: { dataset: 'train' } });
	await client.waitForClassifier(project, classifier.id!, { pollMs: 200 });
	const docsMs = Date.now() - started;
	const t = Date.now();
	let messages: NewMessage[] = [];
	const now = new Date().toISOString();
	for await (const { values } of readRows({ path: files.msgs })) {
		messages.push({ text: String(values.text), source_id: String(values.id), timestamp: now });
		if (messages.length === 100) {
			await client.addMessageBatch(project, messages);
			messages = [];
		}
	}
	if (messages.length) await client.addMessageBatch(project, messages);
	return { docsMs, msgsMs: Date.now() - t };
}

async function main(): Promise<void> {
	const documents = arg('documents', 200_000);
	const messages = arg('messages', 50_000);
	const env = await new LocalStack().start();
	const emu = await startLuminosoEmulator({ trainingMs: 500, bodyLimitBytes: 64 * 1024 * 1024 });
	try {
		const files = writeFiles(env.dir, documents, messages);
		const transport = axiosTransport();
		const auth = new LuminosoTokenAuth(emu.apiUrl, transport, timerSleep, ADMIN);
		const client = new LuminosoClient({ baseUrl: emu.apiUrl, transport, sleep: timerSleep, auth });

		const direct = await directLoop(client, await newProject(client, 'direct'), files);

		await env.startWorker({ TEXTAI_LUMINOSO_DEFAULT_URL: emu.apiUrl, TEXTAI_LUMINOSO_DEFAULT_USERNAME: ADMIN.username, TEXTAI_LUMINOSO_DEFAULT_PASSWORD: ADMIN.password });
		const project = await newProject(client, 'job');
		let t = Date.now();
		const build = await startJob(
			env.client,
			'luminoso.buildClassifier',
			{ connection: 'default', project, documents: { file: { path: files.docs }, mapping: { text: 'text', label: 'label' }, dataset: 'train' }, classifier: { name: 'bench', type: 'voting', status: 'active', info: { dataset: 'train' } }, pollIntervalMs: 200 },
			{ taskQueue: env.settings.taskQueue, jobId: `bench-build-${Date.now()}` },
		);
		await build.result();
		const buildMs = Date.now() - t;
		t = Date.now();
		const classify = await startJob(
			env.client,
			'luminoso.bulkClassify',
			{ connection: 'default', project, file: { path: files.msgs }, mapping: { text: 'text', sourceId: 'id' }, mode: 'messages', outputPath: path.join(env.dir, 'bench-results.jsonl') },
			{ taskQueue: env.settings.taskQueue, jobId: `bench-classify-${Date.now()}` },
		);
		await classify.result();
		const classifyMs = Date.now() - t;

		const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
		process.stdout.write('| phase | rows | direct loop (rows/s) | Temporal job (rows/s) | ratio job/direct |\n|---|---|---|---|---|\n');
		process.stdout.write(`| upload + build classifier | ${documents} | ${rate(documents, direct.docsMs)} | ${rate(documents, buildMs)} | ${(direct.docsMs / buildMs).toFixed(2)} |\n`);
		process.stdout.write(`| classify (messages) | ${messages} | ${rate(messages, direct.msgsMs)} | ${rate(messages, classifyMs)} | ${(direct.msgsMs / classifyMs).toFixed(2)} |\n`);
	} finally {
		await env.stop();
		await emu.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
