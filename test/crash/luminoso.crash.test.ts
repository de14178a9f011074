/**
 * Fault and crash suite for Luminoso Compass (issue #8): both long jobs run on a real Temporal dev
 * server while the API injects latency, 5xx, 429 and dropped connections, the worker is SIGKILLed
 * at three random points of real progress, and the login token stops working mid-job. The project
 * must end with exactly the expected documents / messages, the output files with one row per input,
 * and the requests within 1.3x the minimum the job needs.
 *
 * Compass has no webhooks: nothing to cover there. A single kill while a messages batch is in flight
 * and the token expiring without kills are in test/temporal/luminoso.jobs.test.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRecord, readRows } from '../../activities/files';
import type { StatsSnapshot } from '../../emulators/core/stats';
import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import { bulkClassifyProgress } from '../../workflows/luminoso/bulkClassify';
import { CompassSession, TOPIC_KEYWORDS, TOPICS } from '../temporal/compassSession';
import { crashPoints, expectNoLeaks, killAtPoints, requestsTo } from './harness';

jest.setTimeout(240_000);

const USER = { email: 'crash-suite@example.com', password: `compass-${randomBytes(9).toString('base64url')}`, name: 'Crash Suite', admin: true };
const LABELS = TOPIC_KEYWORDS;
const NAMES = TOPICS;
/**
 * Faults on a route (its POSTs and GETs): 20-40 ms latency, 3% 5xx, 3% 429 (Retry-After 0), 2%
 * dropped connections. Compass's POSTs are not idempotent, so each 5xx or drop costs the failed
 * request and one GET to learn whether it was saved: the rates leave room for that within 1.3x.
 */
const faultsOn = (route: string) => [
	{ path: route, kind: 'latency' as const, ms: 20 },
	{ path: route, kind: 'latency' as const, ms: 20, rate: 0.5 },
	{ path: route, kind: 'http5xx' as const, rate: 0.03 },
	{ path: route, kind: 'http429' as const, rate: 0.03, retryAfter: 0 },
	{ path: route, kind: 'drop' as const, rate: 0.02 },
];

let env: LocalStack;
let emu: LuminosoEmulator;
let compass!: CompassSession;
let worker: Awaited<ReturnType<LocalStack['startWorker']>>;
const workerEnv = () => ({ TEXTAI_LUMINOSO_DEFAULT_URL: emu.apiUrl, TEXTAI_LUMINOSO_DEFAULT_USERNAME: USER.email, TEXTAI_LUMINOSO_DEFAULT_PASSWORD: USER.password });

const login = () => compass.login();
const api = (method: string, route: string, body?: unknown) => compass.api(method, route, body);
const newProject = (name: string) => compass.newProject(name);

/** A labelled training document, distinct for every row (the `ref` word makes it unique). */
function documentText(i: number): { text: string; label: string } {
	const label = NAMES[i % 4];
	const words = LABELS[label];
	return { label, text: `${words[i % 6]} ${words[(i + 1) % 6]} ${words[(i + 3) % 6]} ref${i.toString(36)}` };
}

/** A message about label `i % 4`, or about nothing known every 10th row. */
function messageText(i: number): { text: string; label: string } {
	if (i % 10 === 9) return { text: `lovely weather number ${i}`, label: '' };
	const label = NAMES[i % 4];
	return { label, text: `my ${LABELS[label][(i >> 2) % 6]} order ${i}` };
}

function writeCsv(file: string, header: string[], rows: unknown[][]): void {
	fs.writeFileSync(file, [formatCsvRecord(header), ...rows.map((r) => formatCsvRecord(r))].join(''));
}

/** Faults fired since `before`, by kind. */
const faultsSince = (before: StatsSnapshot): Record<string, number> => Object.fromEntries(Object.entries(emu.stats().faults).map(([kind, n]) => [kind, n - before.faults[kind as keyof StatsSnapshot['faults']]]));

beforeAll(async () => {
	env = await new LocalStack().start();
	emu = await startLuminosoEmulator({ users: [USER], trainingMs: 1500, seed: 17 });
	compass = new CompassSession(emu.apiUrl, USER);
	await login();
	worker = await env.startWorker(workerEnv());
});
afterAll(async () => {
	await env?.stop();
	await emu?.close();
});

/** A project with an active voting classifier trained on 400 labelled documents (set up directly, without faults). */
async function trainedProject(name: string): Promise<string> {
	const project = await newProject(name);
	await api('POST', `/projects/${project}/p/documents/`, Array.from({ length: 400 }, (_, i) => ({ ...documentText(i), dataset: 'train' })));
	const classifier = await api('POST', `/projects/${project}/p/classifiers/`, { name: 'topics', type: 'voting', status: 'active', info: { dataset: 'train', threshold: 0.5 } });
	emu.luminoso.finishTraining();
	expect(emu.luminoso.classifier(project, Number(classifier.id ?? String(classifier.url).split('/').filter(Boolean).pop()))).toMatchObject({ trainingState: 'ready' });
	return project;
}

describe('luminoso jobs survive faults, expiring tokens and three SIGKILLs', () => {
	test('luminoso.buildClassifier: 20,000 documents, every one in the project exactly once, one classifier, ready', async () => {
		const project = await newProject('Crash build');
		const total = 20_000;
		const invalid = new Set([11, 7_777, 15_001]);
		const file = path.join(env.dir, 'documents.csv');
		writeCsv(file, ['text', 'label'], Array.from({ length: total }, (_, i) => [invalid.has(i) ? '' : documentText(i).text, documentText(i).label]));
		const docsRoute = 'p/documents/';
		emu.faults.set(faultsOn(docsRoute));
		const before = emu.stats();
		const logins = emu.luminoso.logins();

		const handle = await startJob(
			env.client,
			'luminoso.buildClassifier',
			{
				connection: 'default',
				project,
				documents: { file: { path: file }, mapping: { text: 'text', label: 'label' }, dataset: 'train', batchSize: 250, concurrency: 2, rowsPerActivity: 8000 },
				classifier: { name: 'crash types', type: 'voting', status: 'active', info: { dataset: 'train', threshold: 0.5 } },
				pollIntervalMs: 300,
				heartbeatTimeout: '2 seconds',
			},
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-crash-build' },
		);
		const points = crashPoints('luminoso.buildClassifier', total);
		const killed = await killAtPoints(env, worker, points, {
			progress: () => emu.luminoso.documentCount(project),
			workerEnv: workerEnv(),
			// After the second restart the token stops working a few requests later: the worker must log in again.
			afterRestart: async (index) => {
				if (index === 1) emu.luminoso.expireTokens({ user: USER.email, afterRequests: 3 });
			},
		});
		worker = killed.worker;
		const result = await handle.result();
		const faults = faultsSince(before);
		emu.faults.clear();
		await login();

		for (const at of killed.killedAt) expect(at).toBeLessThan(total - invalid.size);
		expect(faults.http5xx).toBeGreaterThan(0);
		expect(faults.http429).toBeGreaterThan(0);
		expect(faults.drop).toBeGreaterThan(0);
		expect(emu.luminoso.logins()).toBeGreaterThan(logins);
		expect(result).toMatchObject({ stage: 'ready', rows: total, uploaded: total - invalid.size, invalid: invalid.size, uploadDone: true });
		expect(result.classifier).toMatchObject({ name: 'crash types', training_state: 'ready', status: 'active' });
		// Batches the killed workers (or failed POSTs) had saved were recognised, not sent again, without guessing.
		expect(result.recognised).toBeGreaterThan(0);
		expect(env.workerLogs).not.toContain('Could not tell exactly');

		// Exactly the expected documents: each valid row once, nothing else.
		const saved = emu.luminoso.project(project)!.documents.map((d) => `${d.text}|${d.label}|${d.dataset}`);
		const expected = Array.from({ length: total }, (_, i) => i)
			.filter((i) => !invalid.has(i))
			.map((i) => `${documentText(i).text}|${documentText(i).label}|train`);
		expect(saved).toHaveLength(expected.length);
		expect(new Set(saved).size).toBe(saved.length);
		expect([...saved].sort()).toEqual([...expected].sort());
		expect(emu.luminoso.state().projects.find((p) => p.id === project)!.classifiers).toEqual([expect.objectContaining({ name: 'crash types', training_state: 'ready', status: 'active' })]);
		// The errors file names each invalid row once, in order.
		const errors = fs.readFileSync(result.errorsFile!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(errors.map((e) => e.row)).toEqual([...invalid]);

		// Requests: the minimum is the document count before the upload and one POST per 250 valid rows of each 8,000-row segment.
		const after = emu.stats();
		let minimum = 1;
		for (let start = 0; start < total; start += 8000) {
			let valid = 0;
			for (let i = start; i < Math.min(total, start + 8000); i++) if (!invalid.has(i)) valid++;
			minimum += Math.ceil(valid / 250);
		}
		const documentRequests = requestsTo(after, 'POST', docsRoute) + requestsTo(after, 'GET', docsRoute) - requestsTo(before, 'POST', docsRoute) - requestsTo(before, 'GET', docsRoute);
		process.stdout.write(`luminoso.buildClassifier: ${documentRequests} document requests for a minimum of ${minimum}; recognised ${result.recognised}; faults ${JSON.stringify(faults)}; kills at ${killed.killedAt.join(', ')}\n`);
		expect(documentRequests).toBeLessThanOrEqual(Math.floor(1.3 * minimum));

		await expectNoLeaks(env, 'luminoso-crash-build', { secrets: [USER.password, ...compass.tokens], texts: [documentText(4242).text, documentText(19_998).text], visible: 'crash types' });
	});

	test('luminoso.bulkClassify (messages): 16,000 messages saved exactly once, one result row per row, in order', async () => {
		const project = await trainedProject('Crash classify');
		const total = 16_000;
		const file = path.join(env.dir, 'messages.csv');
		const rows = Array.from({ length: total }, (_, i) => messageText(i));
		const invalid = new Set([123, 4567, 15_999]);
		writeCsv(file, ['id', 'text'], rows.map((r, i) => [`msg-${i}`, invalid.has(i) ? '' : r.text]));
		const messagesRoute = 'p/messages/';
		emu.faults.set(faultsOn(messagesRoute));
		const before = emu.stats();
		const logins = emu.luminoso.logins();
		const out = path.join(env.dir, 'classified.csv');
		const handle = await startJob(
			env.client,
			'luminoso.bulkClassify',
			{ connection: 'default', project, file: { path: file }, mapping: { text: 'text', sourceId: 'id' }, mode: 'messages', batchSize: 100, rowsPerActivity: 5000, outputPath: out, heartbeatTimeout: '2 seconds' },
			{ taskQueue: env.settings.taskQueue, jobId: 'luminoso-crash-classify' },
		);
		const points = crashPoints('luminoso.bulkClassify', total);
		const killed = await killAtPoints(env, worker, points, {
			progress: () => emu.luminoso.messages(project).length,
			workerEnv: workerEnv(),
			afterRestart: async (index) => {
				if (index === 0) emu.luminoso.expireTokens({ user: USER.email, afterRequests: 3 });
			},
		});
		worker = killed.worker;
		const result = await handle.result();
		const faults = faultsSince(before);
		emu.faults.clear();
		await login();

		const valid = [...Array(total).keys()].filter((i) => !invalid.has(i));
		for (const at of killed.killedAt) expect(at).toBeLessThan(valid.length);
		expect(faults.http5xx).toBeGreaterThan(0);
		expect(faults.http429).toBeGreaterThan(0);
		expect(faults.drop).toBeGreaterThan(0);
		expect(emu.luminoso.logins()).toBeGreaterThan(logins);
		expect(result).toMatchObject({ rows: total, classified: valid.length, invalid: invalid.size, done: true });
		expect(await handle.query(bulkClassifyProgress)).toMatchObject({ nextRow: total, done: true });

		// The project holds each valid message exactly once, in file order.
		const saved = emu.luminoso.messages(project);
		expect(saved.map((m) => m.sourceId)).toEqual(valid.map((i) => `msg-${i}`));
		expect(saved.map((m) => m.text)).toEqual(valid.map((i) => rows[i].text));
		const idOf = new Map(saved.map((m) => [m.sourceId, m.id]));

		// One result row per valid row, in order, naming the message that was saved for it.
		const records: Array<Record<string, unknown>> = [];
		for await (const { values } of readRows({ path: out })) records.push(values);
		expect(records.map((r) => Number(r.row))).toEqual(valid);
		for (const r of records) {
			expect(r.source_id).toBe(`msg-${r.row}`);
			expect(Number(r.message_id)).toBe(idOf.get(`msg-${r.row}`));
			expect(r.top_topic ?? '').toBe(rows[Number(r.row)].label);
		}
		const errors = fs.readFileSync(result.errorsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(errors.map((e) => e.row)).toEqual([...invalid]);

		// Requests: the newest message id before the job (a page, and an empty page past it), then one
		// POST per step of 100 rows of each 5,000-row segment.
		const after = emu.stats();
		const minimum = 2 + 3 * Math.ceil(5000 / 100) + Math.ceil(1000 / 100);
		const messageRequests = requestsTo(after, 'POST', messagesRoute) + requestsTo(after, 'GET', messagesRoute) - requestsTo(before, 'POST', messagesRoute) - requestsTo(before, 'GET', messagesRoute);
		process.stdout.write(`luminoso.bulkClassify: ${messageRequests} message requests for a minimum of ${minimum}; faults ${JSON.stringify(faults)}; kills at ${killed.killedAt.join(', ')}\n`);
		expect(messageRequests).toBeLessThanOrEqual(Math.floor(1.3 * minimum));

		await expectNoLeaks(env, 'luminoso-crash-classify', { secrets: [USER.password, ...compass.tokens], texts: [rows[2024].text, rows[5998].text], visible: out });
	});
});
