import fs from 'node:fs';
import path from 'node:path';
import { readRows } from '../../activities/files';
import { startJob } from '../../temporal/jobs';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { LocalStack, REINFER_TOKEN } from '../../scripts/temporal/localStack';

jest.setTimeout(300_000);

let env: LocalStack;
let sourceId: string;

beforeAll(async () => {
	env = await new LocalStack().start();
	await env.startWorker();
});
afterAll(async () => env?.stop());

async function createSource(name: string): Promise<string> {
	const res = await fetch(`${env.emulator.url}/api/v1/sources/acme/${name}`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify({ source: { title: name } }) });
	return ((await res.json()) as { source: { id: string } }).source.id;
}

test('bulk sync: a CSV file is validated, batched and synced; invalid rows go to the errors file; runs continue as new', async () => {
	sourceId = await createSource('bulk');
	const file = path.join(env.dir, 'comments.csv');
	const ids = await writeCommentsCsv(file, 3000, new Set([10, 1500, 2999]));
	env.emulator.faults.set([
		{ path: '/sync', kind: 'http5xx', rate: 0.1 },
		{ path: '/sync', kind: 'http429', rate: 0.05, retryAfter: 1 },
		{ path: '/sync', kind: 'drop', rate: 0.05 },
	]);
	const handle = await startJob(env.client, 'reinfer.bulkSync', { connection: 'default', owner: 'acme', source: 'bulk', file: { path: file }, mapping: CSV_MAPPING, batchSize: 200, rowsPerActivity: 1000, activitiesPerRun: 1 }, { taskQueue: env.settings.taskQueue, jobId: 'bulk-sync-1' });
	const result = await handle.result();
	env.emulator.faults.clear();
	expect(result).toMatchObject({ rows: 3000, invalid: 3, done: true, activities: 3, runs: 3 });
	expect(result.new + result.updated + result.unchanged).toBe(2997);
	expect(env.emulator.reinfer.commentCount(sourceId)).toBe(2997);
	for (const id of [ids[0], ids[1000], ids.at(-1)!]) expect(env.emulator.reinfer.comment(sourceId, id)).toBeDefined();
	const errors = fs.readFileSync(result.errorsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
	expect(errors.map((e) => e.row)).toEqual([10, 1500, 2999]);
	expect(errors[0].issues[0]).toMatchObject({ itemIndex: 10, field: 'timestamp' });
	const stats = env.emulator.stats().faults;
	expect(stats.total).toBeGreaterThan(0);

	// Starting the same job id again returns the finished run, it does not sync again.
	const syncRoute = Object.keys(env.emulator.stats().byRoute).find((k) => k.endsWith('/sync'))!;
	const syncCalls = env.emulator.stats().byRoute[syncRoute].count;
	const again = await startJob(env.client, 'reinfer.bulkSync', { connection: 'default', owner: 'acme', source: 'bulk', file: { path: file }, mapping: CSV_MAPPING }, { taskQueue: env.settings.taskQueue, jobId: 'bulk-sync-1' });
	expect(await again.result()).toEqual(result);
	expect(env.emulator.stats().byRoute[syncRoute].count).toBe(syncCalls);
	const description = await handle.describe();
	expect(description.memo).toMatchObject({ job: 'reinfer.bulkSync' });
	expect(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
		expect.arrayContaining([
			['TextaiPlatform', 'reinfer'],
			['TextaiJobKind', 'bulk-sync'],
			['TextaiJobState', 'completed'],
		]),
	);
});

test('bulk predict: the comments of a synced file are predicted in chunks into CSV and XLSX results', async () => {
	const file = path.join(env.dir, 'to-predict.csv');
	await writeCommentsCsv(file, 5000);
	const predictSource = await createSource('predict-src');
	await fetch(`${env.emulator.url}/api/v1/datasets/acme/predict-ds`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify({ dataset: { source_ids: [predictSource] } }) });
	const sync = await startJob(env.client, 'reinfer.bulkSync', { connection: 'default', owner: 'acme', source: 'predict-src', file: { path: file }, mapping: CSV_MAPPING }, { taskQueue: env.settings.taskQueue, jobId: 'predict-sync' });
	await sync.result();

	const csvOut = path.join(env.dir, 'predictions.csv');
	const predict = await startJob(
		env.client,
		'reinfer.bulkPredict',
		{ connection: 'default', owner: 'acme', dataset: 'predict-ds', modelVersion: '2', threshold: 0.5, file: { path: file }, uids: { sourceId: predictSource, mapping: CSV_MAPPING }, outputPath: csvOut, rowsPerActivity: 2000 },
		{ taskQueue: env.settings.taskQueue, jobId: 'predict-csv' },
	);
	const result = await predict.result();
	expect(result).toMatchObject({ predicted: 5000, skipped: 0, activities: 3, done: true });
	const lines = fs.readFileSync(csvOut, 'utf8').trim().split('\r\n');
	expect(lines[0]).toBe('row,uid,top_label,top_probability,labels,entities');
	expect(lines).toHaveLength(5001);
	const predictKey = Object.keys(env.emulator.stats().byRoute).find((k) => k.endsWith('/predict-comments'))!;
	expect(env.emulator.stats().byRoute[predictKey].count).toBe(5); // per activity of 2000 rows 1024 + 976 (1024 per request by default), then 1000

	const xlsxOut = path.join(env.dir, 'predictions.xlsx');
	const xlsx = await startJob(
		env.client,
		'reinfer.bulkPredict',
		{ connection: 'default', owner: 'acme', dataset: 'predict-ds', modelVersion: '2', file: { path: file }, uids: { sourceId: predictSource, mapping: CSV_MAPPING }, outputPath: xlsxOut },
		{ taskQueue: env.settings.taskQueue, jobId: 'predict-xlsx' },
	);
	await xlsx.result();
		let rows = 0;
	for await (const { values } of readRows({ path: xlsxOut })) {
		if (rows === 0) expect(String(values.uid)).toBe(`${predictSource}.${'1'.padStart(12, '0')}`);
		rows++;
	}
	expect(rows).toBe(5000);
});
