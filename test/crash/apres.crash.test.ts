/**
 * Fault and crash suite for Apres (issue #8): a task batch job on a real Temporal dev server while
 * the API injects latency, 5xx, 429 and dropped connections, and the worker is SIGKILLed once in
 * each phase: while the upload (the create POST) is in flight, while the job waits for the batch,
 * and while the results are downloaded. The recipe must end with exactly one batch holding exactly
 * the files, the results file with one row per task, and no request repeated beyond the ones the
 * faults refused and the ones in flight at each kill.
 *
 * Apres authenticates with a static recipe API key: there is no token to expire mid-job.
 * The webhook path (completion by callback, lost callbacks -> polling fallback, forged, replayed
 * and mismatched callbacks rejected) is covered in test/temporal/apres.taskBatch.test.ts; here
 * callbacks stay on (the receiver dies and restarts with each worker) with polling as the fallback.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StatsSnapshot } from '../../emulators/core/stats';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { readRows } from '../../activities/files';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import type { ApresTaskBatchResult } from '../../workflows/apres/taskBatch';
import { crashPoints, expectNoLeaks, killAtPoints, startHoldingProxy, type HoldingProxy } from './harness';
import { getFreePort } from '../../scripts/temporal/dev-server';

jest.setTimeout(180_000);

const KEY = `recipe-${randomBytes(12).toString('hex')}`;
const SECRET = randomBytes(24).toString('base64url');
/** Each state change (confirmed -> in_progress -> completed) comes this long after the last. */
const STEP_MS = 2500;
const FILES = 40;

let env: LocalStack;
let apres: ApresEmulator;
let callbackPort: number;
/**
 * Between the worker and Apres: holds Apres's answer to the create POST for 500 ms after Apres made
 * the batch. A worker killed in that window never learns the batch's id: its retry must find the
 * batch, not create a second one.
 */
let proxy: HoldingProxy;

const workerEnv = () => ({
	TEXTAI_APRES_DEFAULT_URL: `${proxy.url}/api/v1`,
	TEXTAI_APRES_DEFAULT_KEY: KEY,
	TEXTAI_APRES_CALLBACK_PORT: String(callbackPort),
	TEXTAI_APRES_CALLBACK_SECRET: SECRET,
});

/** Requests to exactly this route (all statuses, faulted and aborted ones included) since `before`. */
const routeCount = (before: StatsSnapshot, after: StatsSnapshot, key: string) => (after.byRoute[key]?.count ?? 0) - (before.byRoute[key]?.count ?? 0);
/** Requests to this route the faults answered (429, 5xx) or cut (dropped), since `before`. */
const faulted = (before: StatsSnapshot, after: StatsSnapshot, key: string) => {
	const statuses = (s: StatsSnapshot) => s.byRoute[key]?.byStatus ?? {};
	return Object.entries(statuses(after))
		.filter(([status]) => status === '429' || status === 'aborted' || status.startsWith('5'))
		.reduce((sum, [status, n]) => sum + n - (statuses(before)[status] ?? 0), 0);
};

beforeAll(async () => {
	env = await new LocalStack().start();
	apres = await startApresEmulator({ apiKeys: [KEY], stepMs: STEP_MS, seed: 8 });
	callbackPort = await getFreePort();
	proxy = await startHoldingProxy(apres.url, { holdAnswer: (req) => (req.method === 'POST' && /\/task_batches$/.test(req.url ?? '') ? 500 : 0) });
});
afterAll(async () => {
	await proxy?.close();
	await apres?.close();
	await env?.stop();
});

test('apres.taskBatch: killed during the upload, the wait and the download, it ends with exactly one batch of the 40 files and one result row per task', async () => {
	let worker = await env.startWorker(workerEnv());
	const dir = path.join(env.dir, 'images');
	fs.mkdirSync(dir);
	const marker = `pixel-secret-${randomBytes(6).toString('hex')}`;
	const contents = Array.from({ length: FILES }, (_, i) => Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from(`${marker}-${i}`), randomBytes(300 + i)]));
	contents.forEach((data, i) => fs.writeFileSync(path.join(dir, `photo-${String(i).padStart(2, '0')}.jpg`), data));
	fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
	const outputPath = path.join(env.dir, 'results.csv');

	const create = '/api/v1/task_batches$';
	const download = '/api/v1/task_batches/[^/]+/(output|tasks)$';
	// Seeded: with this seed the first reads of the job meet a 5xx, a dropped connection and a 429.
	apres.faults.reseed(23);
	apres.faults.set([
		{ method: 'POST', path: create, kind: 'latency', ms: 100 },
		// Every read: 20-40 ms, 10% 5xx, 10% 429, 5% dropped (they are retried: GETs are idempotent).
		{ method: 'GET', path: '/api/v1/', kind: 'latency', ms: 20 },
		{ method: 'GET', path: '/api/v1/', kind: 'latency', ms: 20, rate: 0.5 },
		{ method: 'GET', path: '/api/v1/', kind: 'http5xx', rate: 0.1 },
		{ method: 'GET', path: '/api/v1/', kind: 'http429', rate: 0.1, retryAfter: 0 },
		{ method: 'GET', path: '/api/v1/', kind: 'drop', rate: 0.05 },
		// The download is slow enough for the third kill to land in it.
		{ method: 'GET', path: download, kind: 'latency', ms: 300 },
	]);
	const before = apres.stats();
	const started = Date.now();
	const handle = await startJob(
		env.client,
		'apres.taskBatch',
		{ connection: 'default', source: { directory: dir, extensions: ['jpg'] }, outputPath, pollInterval: '1 second', heartbeatTimeout: '2 seconds', deadline: '10 minutes' },
		{ taskQueue: env.settings.taskQueue, jobId: 'apres-crash' },
	);

	// Kill points by phase: 1 = Apres created the batch (its answer is held back); 2 = the batch is
	// in progress and a random part of the wait has passed; 3 = a results download reached Apres.
	const [waitMs] = crashPoints('apres.taskBatch wait', STEP_MS, 1);
	const phase = () => {
		const after = apres.stats();
		if (routeCount(before, after, 'GET /api/v1/task_batches/:id/output') + routeCount(before, after, 'GET /api/v1/task_batches/:id/tasks') > 0) return 3;
		const batch = apres.apres.batches()[0];
		if (batch?.state === 'in_progress' && Date.now() - Date.parse(batch.updated_at) >= waitMs) return 2;
		return batch ? 1 : 0;
	};
	const killed = await killAtPoints(env, worker, [1, 2, 3], { progress: phase, workerEnv: workerEnv() });
	worker = killed.worker;
	const result = (await handle.result()) as ApresTaskBatchResult;
	const after = apres.stats();
	apres.faults.clear();
	expect(killed.killedAt).toEqual([1, 2, 3]);

	// Exactly one batch, holding exactly the 40 images (not notes.txt), completed.
	const batches = apres.apres.batches();
	expect(batches).toHaveLength(1);
	const [batch] = batches;
	const names = contents.map((_, i) => `photo-${String(i).padStart(2, '0')}.jpg`);
	expect(batch.inputs).toEqual(names);
	expect(batch.files).toEqual(contents.map((data, i) => ({ file: names[i], bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') })));
	expect(batch).toMatchObject({ state: 'completed', size: FILES, estimated_size: FILES });
	expect(batch.webhook_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${callbackPort}/apres/callbacks/apres-crash/`));
	expect(result).toMatchObject({ taskBatchId: batch.id, rows: FILES, format: 'csv', outputPath, taskBatch: { id: batch.id, state: 'completed', size: FILES } });

	// One row per task, in the batch's order, each task once.
	const rows: Array<Record<string, unknown>> = [];
	for await (const { values } of readRows({ path: outputPath })) rows.push(values);
	expect(rows.map((r) => r.task_id)).toEqual(batch.tasks.map((t) => t.id));
	expect(rows.map((r) => r.input)).toEqual(names);
	expect(new Set(rows.map((r) => r.task_id)).size).toBe(FILES);
	expect(rows.every((r) => r.status === 'Completed' && r.output !== '')).toBe(true);
	expect(fs.readdirSync(env.dir).filter((f) => f.startsWith('results.csv.'))).toEqual([]);

	// Faults fired, and were retried.
	const faults = Object.fromEntries(Object.entries(after.faults).map(([k, n]) => [k, n - before.faults[k as keyof StatsSnapshot['faults']]]));
	expect(faults.http5xx).toBeGreaterThan(0);
	expect(faults.http429).toBeGreaterThan(0);
	expect(faults.drop).toBeGreaterThan(0);

	// Requests. The minimum: the list of batches before creating (the watermark), one create, one
	// check of the batch per completion (webhook or poll) and per poll, and the three reads of the
	// download (batch, output, tasks). A job of about six requests cannot repeat even one within
	// 1.3x, so each route is held to its minimum plus what the faults refused plus only what was in
	// flight at the kills: one look for the batch the killed upload created (adopted, not created
	// again), and the download's reads once more.
	const waited = Date.now() - started;
	const count = (key: string) => routeCount(before, after, key);
	const refused = (key: string) => faulted(before, after, key);
	process.stdout.write(`apres.taskBatch: ${JSON.stringify(after.byRoute)}; faults ${JSON.stringify(faults)}; polls ${result.polls}; ${waited} ms\n`);
	// The create was sent once: its batch, created for the killed worker, was found and adopted.
	expect(count('POST /api/v1/task_batches')).toBe(1);
	expect(count('GET /api/v1/task_batches')).toBeLessThanOrEqual(1 + 1 + refused('GET /api/v1/task_batches'));
	expect(count('GET /api/v1/task_batches/:id/output')).toBeLessThanOrEqual(2 + refused('GET /api/v1/task_batches/:id/output'));
	expect(count('GET /api/v1/task_batches/:id/tasks')).toBeLessThanOrEqual(2 + refused('GET /api/v1/task_batches/:id/tasks'));
	// Checks of the batch: at most one per second of waiting (the poll interval), the completion's, and the download's (twice).
	expect(count('GET /api/v1/task_batches/:id')).toBeLessThanOrEqual(Math.ceil(waited / 1000) + 3 + refused('GET /api/v1/task_batches/:id'));

	const token = batch.webhook_url!.split('/').pop()!;
	await expectNoLeaks(env, 'apres-crash', { secrets: [KEY, SECRET, token], texts: [`${marker}-7`, contents[3].toString('base64').slice(0, 48)], visible: batch.id });
});
