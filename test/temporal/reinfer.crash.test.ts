import path from 'node:path';
import { startJob } from '../../temporal/jobs';
import { bulkSyncProgress } from '../../workflows/reinfer/bulkSync';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { REINFER_TOKEN, LocalStack } from '../../scripts/temporal/localStack';

jest.setTimeout(300_000);

let env: LocalStack;
afterAll(async () => env?.stop());

async function waitForComments(sourceId: string, atLeast: number): Promise<number> {
	for (;;) {
		const count = env.emulator.reinfer.commentCount(sourceId);
		if (count >= atLeast) return count;
		await new Promise((r) => setTimeout(r, 25));
	}
}

test('SIGKILL of the worker at two points of a 20,000-comment bulk sync: the job completes with exactly the expected comments', async () => {
	env = await new LocalStack().start();
	const res = await fetch(`${env.emulator.url}/api/v1/sources/acme/crash`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: '{"source":{}}' });
	const sourceId = ((await res.json()) as { source: { id: string } }).source.id;
	const file = path.join(env.dir, 'twenty-thousand.csv');
	const ids = await writeCommentsCsv(file, 20_000);
	// Slow the API a little so the kills land mid-segment; faults stay on through the restarts.
	env.emulator.faults.set([
		{ path: '/sync', kind: 'latency', ms: 40 },
		{ path: '/sync', kind: 'http5xx', rate: 0.05 },
		{ path: '/sync', kind: 'http429', rate: 0.05, retryAfter: 0 },
		{ path: '/sync', kind: 'drop', rate: 0.03 },
	]);

	let worker = await env.startWorker();
	const handle = await startJob(
		env.client,
		'reinfer.bulkSync',
		{ connection: 'default', owner: 'acme', source: 'crash', file: { path: file }, mapping: CSV_MAPPING, batchSize: 250, concurrency: 2, rowsPerActivity: 8000, heartbeatTimeout: '3 seconds' },
		{ taskQueue: env.settings.taskQueue, jobId: 'crash-sync' },
	);

	const kills: number[] = [];
	for (const threshold of [3_000, 11_000]) {
		kills.push(await waitForComments(sourceId, threshold));
		await env.killWorker(worker);
		worker = await env.startWorker();
	}
	const result = await handle.result();
	env.emulator.faults.clear();

	expect(kills[0]).toBeLessThan(20_000);
	expect(kills[1]).toBeLessThan(20_000);
	expect(env.emulator.reinfer.commentCount(sourceId)).toBe(20_000);
	for (const index of [0, 2999, 3000, 10_999, 11_000, 19_999]) expect(env.emulator.reinfer.comment(sourceId, ids[index])).toBeDefined();
	// Re-sent batches are upserts of identical comments: none was updated or duplicated.
	expect(result).toMatchObject({ rows: 20_000, invalid: 0, updated: 0, done: true });
	expect(result.new + result.unchanged).toBe(20_000);
	expect(await handle.query(bulkSyncProgress)).toMatchObject({ nextRow: 20_000 });
});
