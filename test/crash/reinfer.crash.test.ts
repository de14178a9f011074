/**
 * Fault and crash suite for re:infer's long jobs (issue #8 part 3): reinfer.bulkSync and
 * reinfer.bulkPredict run on a real Temporal dev server with worker processes, against the
 * re:infer emulator with 5xx, 429, dropped connections and latency injected on the job's routes.
 * The worker is SIGKILLed at 3 random points of each job (CRASH_SEED replays them) and restarted;
 * the job must complete with exactly the expected state on the platform and in the results file,
 * within 1.3x the minimum number of requests, and leak no token or comment text into history or logs.
 *
 * re:infer authenticates with a static API token (X-Auth-Token): nothing expires mid-job, so
 * there is no token expiry to test here. Neither job has a webhook path (the trigger stream is
 * pulled, see test/temporal/reinfer.stream.test.ts).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FaultRule } from '../../emulators/core/faults';
import type { StatsSnapshot } from '../../emulators/core/stats';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, sampleComment, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { LocalStack, REINFER_TOKEN } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import { bulkPredictProgress } from '../../workflows/reinfer/bulkPredict';
import { bulkSyncProgress } from '../../workflows/reinfer/bulkSync';
import { activityRetries, crashPoints, expectNoLeaks, killAtPoints, requestsTo } from './harness';

jest.setTimeout(180_000);

const COMMENTS = 20_000;
/** Rows whose timestamp is invalid: refused into the errors file, never synced, never predicted. */
const INVALID = [10, 9_000, 19_999];
const ROWS_PER_ACTIVITY = 8_000;
const SYNC_BATCH = 100;
const PREDICT_CHUNK = 200;
/** A few comment bodies that must never reach Temporal history or the worker's logs. */
const TEXT_ROWS = [3, 4_321, 15_000];
const TEXTS = TEXT_ROWS.map((i) => sampleComment(i).messages[0].body.text);

let env: LocalStack;
let file = '';
let expectedIds: string[] = [];
let sourceId = '';

beforeAll(async () => {
	env = await new LocalStack().start();
	file = path.join(env.dir, 'comments.csv');
	expectedIds = await writeCommentsCsv(file, COMMENTS, new Set(INVALID));
	const res = await fetch(`${env.emulator.url}/api/v1/sources/acme/crash`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: '{"source":{}}' });
	sourceId = ((await res.json()) as { source: { id: string } }).source.id;
});
// Each job has its own worker process, stopped after it: a kill must hit the one doing the work.
let worker: ChildProcess | undefined;
afterEach(async () => {
	if (worker) await env.killWorker(worker);
	worker = undefined;
});
afterAll(async () => env?.stop());

/** 20-40 ms latency, ~4% 5xx, ~4% 429 (Retry-After 0), ~2% dropped connections on one route. */
function faultsOn(route: string): FaultRule[] {
	return [
		{ path: route, kind: 'latency', ms: 20 },
		{ path: route, kind: 'latency', ms: 20, rate: 0.5 },
		{ path: route, kind: 'http5xx', rate: 0.04 },
		{ path: route, kind: 'http429', rate: 0.04, retryAfter: 0 },
		{ path: route, kind: 'drop', rate: 0.02 },
	];
}

/** Faults that make the client retry (latency only slows it down). */
function retryFaults(stats: StatsSnapshot): number {
	return stats.faults.http5xx + stats.faults.http429 + stats.faults.drop;
}

/** The fewest requests a job needs: each segment of rows sends ceil(valid rows / batch) requests. */
function minimumRequests(batch: number): number {
	let total = 0;
	for (let start = 0; start < COMMENTS; start += ROWS_PER_ACTIVITY) {
		const end = Math.min(COMMENTS, start + ROWS_PER_ACTIVITY);
		const valid = end - start - INVALID.filter((row) => row >= start && row < end).length;
		total += Math.ceil(valid / batch);
	}
	return total;
}

test(`bulkSync of ${COMMENTS.toLocaleString('en')} comments, SIGKILLed at 3 random points under faults: every comment exactly once, requests <= 1.3x the minimum`, async () => {
	env.emulator.faults.set(faultsOn('/api/v1/sources/acme/crash/sync'));
	const valid = COMMENTS - INVALID.length;
	const points = crashPoints('reinfer.bulkSync', valid);

	worker = await env.startWorker();
	const handle = await startJob(
		env.client,
		'reinfer.bulkSync',
		{ connection: 'default', owner: 'acme', source: 'crash', file: { path: file }, mapping: CSV_MAPPING, batchSize: SYNC_BATCH, concurrency: 2, rowsPerActivity: ROWS_PER_ACTIVITY, activitiesPerRun: 2, heartbeatTimeout: '2 seconds' },
		{ taskQueue: env.settings.taskQueue, jobId: 'reinfer-crash-sync' },
	);
	const killed = await killAtPoints(env, worker, points, { progress: () => env.emulator.reinfer.commentCount(sourceId) });
	worker = killed.worker;
	const { killedAt } = killed;
	const result = await handle.result();
	const stats = env.emulator.stats();
	env.emulator.faults.clear();

	// Every kill landed mid-job, on fresh work, and stopped the activity doing it (which was retried).
	for (const seen of killedAt) expect(seen).toBeLessThan(valid);
	expect(await activityRetries(env, 'reinfer-crash-sync')).toBeGreaterThanOrEqual(points.length);
	// Exactly the valid comments, each once: the count matches, every expected id is there, with its text.
	expect(expectedIds).toHaveLength(valid);
	expect(env.emulator.reinfer.commentCount(sourceId)).toBe(valid);
	const absent = expectedIds.filter((id) => !env.emulator.reinfer.comment(sourceId, id));
	expect(absent).toEqual([]);
	for (const [i, index] of TEXT_ROWS.entries()) expect(env.emulator.reinfer.comment(sourceId, sampleComment(index).id)?.messages[0].body.text).toBe(TEXTS[i]);
	// Re-sent batches are upserts of identical comments: none updated, new + unchanged = valid.
	expect(result).toMatchObject({ rows: COMMENTS, invalid: INVALID.length, updated: 0, done: true, activities: 3 });
	expect(result.runs).toBeGreaterThanOrEqual(2);
	expect(result.new + result.unchanged).toBe(valid);
	expect(await handle.query(bulkSyncProgress)).toMatchObject({ nextRow: COMMENTS, done: true });
	// The errors file is at-least-once by design (see appendJsonl): it names exactly the invalid rows.
	const errorRows = fs.readFileSync(result.errorsFile, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { row: number }).row);
	expect([...new Set(errorRows)].sort((a, b) => a - b)).toEqual(INVALID);
	// The checkpoint files are gone once their segment completed.
	expect(fs.readdirSync(env.dir).filter((name) => name.includes('.checkpoint.json'))).toEqual([]);

	// Faults really fired, and retries (of faults and of the batches in flight at each kill) stayed
	// within 1.3x the minimum: faulted and aborted requests are counted too.
	expect(retryFaults(stats)).toBeGreaterThan(0);
	const minimum = minimumRequests(SYNC_BATCH);
	const syncs = requestsTo(stats, 'POST', '/sync');
	process.stdout.write(`reinfer.bulkSync: killed at ${killedAt.join(', ')} of ${valid}; ${syncs} sync requests for a minimum of ${minimum} (${(syncs / minimum).toFixed(2)}x); faults ${JSON.stringify(stats.faults)}\n`);
	expect(syncs).toBeGreaterThan(minimum);
	expect(syncs).toBeLessThanOrEqual(Math.floor(1.3 * minimum));

	await expectNoLeaks(env, 'reinfer-crash-sync', { secrets: [REINFER_TOKEN], texts: TEXTS, visible: file });
});

test(`bulkPredict of the same ${COMMENTS.toLocaleString('en')} comments into CSV, SIGKILLed at 3 random points under faults: one row per comment in order, none twice`, async () => {
	expect(env.emulator.reinfer.commentCount(sourceId)).toBe(COMMENTS - INVALID.length);
	await fetch(`${env.emulator.url}/api/v1/datasets/acme/crash-ds`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify({ dataset: { source_ids: [sourceId] } }) });
	const faultsBefore = retryFaults(env.emulator.stats());
	env.emulator.faults.set(faultsOn('/api/v1/datasets/acme/crash-ds/labellers/2/predict-comments'));
	const valid = COMMENTS - INVALID.length;
	const points = crashPoints('reinfer.bulkPredict', valid);
	const outputPath = path.join(env.dir, 'predictions.csv');

	worker = await env.startWorker();
	const handle = await startJob(
		env.client,
		'reinfer.bulkPredict',
		{
			connection: 'default',
			owner: 'acme',
			dataset: 'crash-ds',
			modelVersion: '2',
			threshold: 0.3,
			file: { path: file },
			uids: { sourceId, mapping: CSV_MAPPING },
			outputPath,
			rowsPerActivity: ROWS_PER_ACTIVITY,
			chunkSize: PREDICT_CHUNK,
			activitiesPerRun: 2,
			heartbeatTimeout: '2 seconds',
		},
		{ taskQueue: env.settings.taskQueue, jobId: 'reinfer-crash-predict' },
	);
	// Progress on the platform: comments in the predict requests it answered.
	const predicted = () => (env.emulator.stats().byRoute['POST /api/v1/datasets/:owner/:name/labellers/:version/predict-comments']?.byStatus['200'] ?? 0) * PREDICT_CHUNK;
	const killed = await killAtPoints(env, worker, points, { progress: predicted });
	worker = killed.worker;
	const { killedAt } = killed;
	const result = await handle.result();
	const stats = env.emulator.stats();
	env.emulator.faults.clear();

	for (const seen of killedAt) expect(seen).toBeLessThan(valid);
	expect(await activityRetries(env, 'reinfer-crash-predict')).toBeGreaterThanOrEqual(points.length);
	expect(result).toMatchObject({ predicted: valid, skipped: INVALID.length, done: true, activities: 3, outputPath });
	expect(await handle.query(bulkPredictProgress)).toMatchObject({ nextRow: COMMENTS, done: true });

	// Exactly one results row per valid comment, in file order, none twice, none missing.
	const lines = fs.readFileSync(outputPath, 'utf8').split('\r\n');
	expect(lines.pop()).toBe('');
	expect(lines[0]).toBe('row,uid,top_label,top_probability,labels,entities');
	const records = lines.slice(1).map((line) => {
		const [row, uid] = line.split(',', 2);
		return { row: Number(row), uid };
	});
	const expectedRows = Array.from({ length: COMMENTS }, (_, row) => row).filter((row) => !INVALID.includes(row));
	expect(records.map((r) => r.row)).toEqual(expectedRows);
	expect(records.map((r) => r.uid)).toEqual(expectedIds.map((id) => `${sourceId}.${id}`));
	expect(fs.readdirSync(env.dir).filter((name) => name.includes('.checkpoint.json'))).toEqual([]);

	expect(retryFaults(stats) - faultsBefore).toBeGreaterThan(0);
	const minimum = minimumRequests(PREDICT_CHUNK);
	const requests = requestsTo(stats, 'POST', '/predict-comments');
	process.stdout.write(`reinfer.bulkPredict: killed at ${killedAt.join(', ')} of ${valid}; ${requests} predict requests for a minimum of ${minimum} (${(requests / minimum).toFixed(2)}x); faults ${JSON.stringify(stats.faults)}\n`);
	expect(requests).toBeGreaterThan(minimum);
	expect(requests).toBeLessThanOrEqual(Math.floor(1.3 * minimum));

	await expectNoLeaks(env, 'reinfer-crash-predict', { secrets: [REINFER_TOKEN], texts: TEXTS, visible: outputPath });
});
