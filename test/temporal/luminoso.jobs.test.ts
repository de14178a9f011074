import { WorkflowFailedError } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRecord, readRows } from '../../activities/files';
import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import { bulkClassifyProgress } from '../../workflows/luminoso/bulkClassify';
import { CompassSession, TOPIC_KEYWORDS, TOPICS } from './compassSession';

jest.setTimeout(240_000);

const ADMIN = { email: 'admin@example.com', password: 'admin-password' };
const LABELS = TOPIC_KEYWORDS;
const NAMES = TOPICS;
const NOISE = ['the', 'today', 'again', 'please', 'my', 'order'];

let env: LocalStack;
let emu: LuminosoEmulator;
let compass!: CompassSession;
let worker: Awaited<ReturnType<LocalStack['startWorker']>>;
const workerEnv = () => ({ TEXTAI_LUMINOSO_DEFAULT_URL: emu.apiUrl, TEXTAI_LUMINOSO_DEFAULT_USERNAME: ADMIN.email, TEXTAI_LUMINOSO_DEFAULT_PASSWORD: ADMIN.password });

const api = (method: string, route: string, body?: unknown) => compass.api(method, route, body);
const newProject = (name: string) => compass.newProject(name);

/** A training document of label `i % 4`: three of its keywords and two noise words. */
function documentText(i: number): { text: string; label: string } {
	const label = NAMES[i % 4];
	const words = LABELS[label];
	return { label, text: `${words[i % 6]} ${words[(i + 1) % 6]} ${words[(i + 3) % 6]} ${NOISE[i % 6]} ${NOISE[(i + 2) % 6]}` };
}

/** A message about label `i % 4` (one keyword), or about nothing known every 10th row. */
function messageText(i: number): { text: string; label: string } {
	if (i % 10 === 9) return { text: `lovely weather ${i}`, label: '' };
	const label = NAMES[i % 4];
	return { label, text: `my ${LABELS[label][(i >> 2) % 6]} order ${i}` };
}

function writeCsv(file: string, header: string[], rows: unknown[][]): void {
	fs.writeFileSync(file, [formatCsvRecord(header), ...rows.map((r) => formatCsvRecord(r))].join(''));
}

const loginCount = () => emu.luminoso.logins();
const unauthorized = () => Number(emu.stats().byStatus['401'] ?? 0);

beforeAll(async () => {
	env = await new LocalStack().start();
	emu = await startLuminosoEmulator({ trainingMs: 1500, seed: 9 });
	compass = new CompassSession(emu.apiUrl, ADMIN);
	await compass.login();
	worker = await env.startWorker(workerEnv());
});
afterAll(async () => {
	await env?.stop();
	await emu?.close();
});

describe('luminoso jobs on a real Temporal dev server', () => {
	let project: string;

	test('20,000 documents uploaded in batches, a voting classifier built and waited for until ready and active', async () => {
		project = await newProject('Tickets');
		const file = path.join(env.dir, 'documents.csv');
		const invalid = new Set([7, 12_345, 19_999]);
		writeCsv(file, ['text', 'label'], Array.from({ length: 20_000 }, (_, i) => {
			const doc = documentText(i);
			return [invalid.has(i) ? '' : doc.text, doc.label];
		}));
		const handle = await startJob(
			env.client,
			'luminoso.buildClassifier',
			{
				connection: 'default',
				project,
				documents: { file: { path: file }, mapping: { text: 'text', label: 'label' }, dataset: 'train', batchSize: 500, concurrency: 2, rowsPerActivity: 8000 },
				classifier: { name: 'ticket types', type: 'voting', status: 'active', info: { dataset: 'train', threshold: 0.5 } },
				pollIntervalMs: 300,
			},
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-build' },
		);
		const result = await handle.result();
		expect(result).toMatchObject({ stage: 'ready', rows: 20_000, uploaded: 19_997, invalid: 3, uploadDone: true, activities: 3 });
		expect(result.classifier).toMatchObject({ name: 'ticket types', type: 'voting', training_state: 'ready', status: 'active', created: true });
		expect([...result.classifier!.topics].sort()).toEqual(NAMES);
		expect(result.checks).toBeGreaterThan(1);
		expect(emu.luminoso.documentCount(project)).toBe(19_997);
		expect(emu.stats().byRoute['POST /api/projects/:projectId/p/documents/'].count).toBe(40);
		const errors = fs.readFileSync(result.errorsFile!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(errors.map((e) => e.row)).toEqual([7, 12_345, 19_999]);
		expect(errors[0].issues[0]).toMatchObject({ itemIndex: 7, field: 'text', problem: 'is required' });
		const description = await handle.describe();
		expect(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
			expect.arrayContaining([
				['TextaiPlatform', 'luminoso'],
				['TextaiJobKind', 'build-classifier'],
				['TextaiJobState', 'completed'],
			]),
		);
		// The same job id returns the finished job; a new run reuses the classifier by name.
		const again = await startJob(env.client, 'luminoso.buildClassifier', { connection: 'default', project, classifier: { name: 'ticket types', type: 'voting', status: 'active' } }, { taskQueue: env.settings.taskQueue, jobId: 'luminoso-build-2' });
		expect((await again.result()).classifier).toMatchObject({ id: result.classifier!.id, created: false, training_state: 'ready' });
	});

	test('bulk classification via messages, in batches, with the token expiring mid-job: renewed, every row once, nothing posted twice', async () => {
		const file = path.join(env.dir, 'messages.csv');
		const rows = Array.from({ length: 2000 }, (_, i) => messageText(i));
		writeCsv(file, ['id', 'text', 'created'], rows.map((r, i) => [`m-${i}`, i === 500 ? '' : r.text, new Date(Date.UTC(2024, 4, 1) + i * 60_000).toISOString()]));
		const logins = loginCount();
		const rejected = unauthorized();
		// Every token now stops working after 7 more requests: the worker's expires within the job.
		emu.luminoso.expireTokens({ afterRequests: 7 });
		const out = path.join(env.dir, 'classified.csv');
		const handle = await startJob(
			env.client,
			'luminoso.bulkClassify',
			{ connection: 'default', project, file: { path: file }, mapping: { text: 'text', sourceId: 'id', timestamp: 'created' }, mode: 'messages', batchSize: 100, rowsPerActivity: 1200, outputPath: out },
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-classify-messages' },
		);
		const result = await handle.result();
		expect(result).toMatchObject({ rows: 2000, classified: 1999, invalid: 1, done: true, activities: 2 });
		expect(loginCount()).toBeGreaterThan(logins);
		expect(unauthorized()).toBeGreaterThan(rejected);
		const lines = fs.readFileSync(out, 'utf8').trim().split('\r\n');
		expect(lines[0]).toBe('row,source_id,top_topic,top_score,topics,sentiment,message_id');
		const records: Array<Record<string, unknown>> = [];
		for await (const { values } of readRows({ path: out })) records.push(values);
		expect(records.map((r) => Number(r.row))).toEqual([...Array(2000).keys()].filter((i) => i !== 500));
		for (const r of records) {
			const expected = rows[Number(r.row)].label;
			expect([r.source_id, r.top_topic]).toEqual([`m-${r.row}`, expected]);
		}
		expect(result.unclassified).toBe(records.filter((r) => r.top_topic === '').length);
		const saved = emu.luminoso.messages(project);
		expect(saved).toHaveLength(1999);
		expect(new Set(saved.map((m) => m.sourceId)).size).toBe(1999);
		expect(saved[0].topics[0]).toMatchObject({ source: 'ticket types', name: rows[0].label });
		const errors = fs.readFileSync(result.errorsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(errors).toEqual([{ row: 500, issues: [{ itemIndex: 500, field: 'text', problem: 'is required' }] }]);
	});

	test('bulk classification via classify (not saved), concurrent requests, into XLSX', async () => {
		const file = path.join(env.dir, 'to-classify.jsonl');
		fs.writeFileSync(file, Array.from({ length: 1000 }, (_, i) => JSON.stringify({ ref: `c-${i}`, body: messageText(i).text })).join('\n'));
		const before = emu.luminoso.messages(project).length;
		const out = path.join(env.dir, 'classified.xlsx');
		const handle = await startJob(
			env.client,
			'luminoso.bulkClassify',
			{ connection: 'default', project, file: { path: file }, mapping: { text: 'body', sourceId: 'ref' }, mode: 'classify', batchSize: 200, concurrency: 8, outputPath: out },
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-classify-xlsx' },
		);
		const result = await handle.result();
		expect(result).toMatchObject({ rows: 1000, classified: 1000, invalid: 0, done: true });
		expect(emu.luminoso.messages(project)).toHaveLength(before);
		expect(emu.stats().byRoute['POST /api/projects/:projectId/p/classify/'].count).toBeGreaterThanOrEqual(1000);
		let n = 0;
		for await (const { values } of readRows({ path: out })) {
			expect(values.source_id).toBe(`c-${values.row}`);
			expect(values.top_topic ?? '').toBe(messageText(Number(values.row)).label);
			n++;
		}
		expect(n).toBe(1000);
	});

	test('SIGKILL while a messages batch is in flight: the resumed job neither loses nor repeats a message', async () => {
		const file = path.join(env.dir, 'crash.csv');
		writeCsv(file, ['id', 'text'], Array.from({ length: 600 }, (_, i) => [`k-${i}`, messageText(i).text]));
		const crashProject = await newProject('Crash');
		await api('POST', `/projects/${crashProject}/p/classifiers/`, { name: 'mood', type: 'sentiment_combined', status: 'active' });
		// Each answer to a messages POST comes 400 ms after the messages were saved: a kill in that
		// window leaves a batch that is saved but was never acknowledged to the worker.
		emu.luminoso.delayResponses({ method: 'POST', path: `/api/projects/${crashProject}/p/messages/`, ms: 400 });
		const postKey = 'POST /api/projects/:projectId/p/messages/';
		const posts = () => emu.stats().byRoute[postKey]?.count ?? 0;
		const start = posts();
		const out = path.join(env.dir, 'crash.jsonl');
		const handle = await startJob(
			env.client,
			'luminoso.bulkClassify',
			{ connection: 'default', project: crashProject, file: { path: file }, mapping: { text: 'text', sourceId: 'id' }, mode: 'messages', batchSize: 50, outputPath: out, heartbeatTimeout: '2 seconds' },
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-crash' },
		);
		while (emu.luminoso.messages(crashProject).length < 150) await new Promise((r) => setTimeout(r, 5));
		await env.killWorker(worker);
		expect(emu.luminoso.messages(crashProject)).toHaveLength(150);
		worker = await env.startWorker(workerEnv());
		const result = await handle.result();
		emu.luminoso.delayResponses(undefined);
		expect(result).toMatchObject({ rows: 600, classified: 600, done: true });
		// 12 batches of 50, each posted once: what the killed worker had sent was recognised, not sent again.
		expect(posts() - start).toBe(12);
		const saved = emu.luminoso.messages(crashProject);
		expect(saved.map((m) => m.sourceId)).toEqual(Array.from({ length: 600 }, (_, i) => `k-${i}`));
		const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(lines.map((l) => l.row)).toEqual([...Array(600).keys()]);
		expect(new Set(lines.map((l) => l.message_id)).size).toBe(600);
		expect(await handle.query(bulkClassifyProgress)).toMatchObject({ nextRow: 600, done: true });
	});

	test('training that ends in error fails the job with Compass\'s reason; a bad clause fails before any write', async () => {
		const empty = await newProject('Empty');
		const failed = await startJob(env.client, 'luminoso.buildClassifier', { connection: 'default', project: empty, classifier: { name: 'no data', type: 'voting', status: 'active' }, pollIntervalMs: 200 }, { taskQueue: env.settings.taskQueue, jobId: 'luminoso-error' });
		const error = await failed.result().then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(WorkflowFailedError);
		expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'ClassifierTrainingError', message: 'Training classifier "no data" failed: No labeled documents to train on.' });

		const before = emu.stats().byRoute['POST /api/projects/:projectId/p/classifiers/']?.count ?? 0;
		const bad = await startJob(
			env.client,
			'luminoso.buildClassifier',
			{ connection: 'default', project: empty, classifier: { name: 'beer', type: 'topic_based', status: 'active', info: { topics: [{ title: 'beer', clause: 'ale OR beer AND NOT porter' }] } } },
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-bad-clause' },
		);
		const badError = await bad.result().then(
			() => undefined,
			(e: unknown) => e,
		);
		const cause = (badError as WorkflowFailedError).cause?.cause as Error & { type?: string };
		expect(cause.type).toBe('ValidationError');
		expect(cause.message).toContain('field "info.topics[0].clause" is ambiguous');
		expect(emu.stats().byRoute['POST /api/projects/:projectId/p/classifiers/']?.count ?? 0).toBe(before);
	});
});
