import path from 'node:path';
import { startJob } from '../../temporal/jobs';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { REINFER_TOKEN, LocalStack } from '../../scripts/temporal/localStack';

jest.setTimeout(300_000);

let env: LocalStack;
beforeAll(async () => {
	env = await new LocalStack().start();
	await env.startWorker();
});
afterAll(async () => env?.stop());

type RawPayload = { metadata: Record<string, Uint8Array>; data: Uint8Array; where: string };

/**
 * Every payload (metadata + data) found anywhere in a history. Search attributes are the one
 * place Temporal needs plaintext (it indexes them): they are collected apart.
 */
function payloads(node: unknown, where = '', out: { data: RawPayload[]; indexed: RawPayload[] } = { data: [], indexed: [] }) {
	if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
	const record = node as Record<string, unknown>;
	if (record.metadata && record.data instanceof Uint8Array) (where.includes('searchAttributes') ? out.indexed : out.data).push({ ...(record as object), where } as RawPayload);
	for (const [key, value] of Object.entries(record)) payloads(value, `${where}.${key}`, out);
	return out;
}

test('a 100,000-comment job keeps every run under 4,000 history events; history holds only encrypted payloads, no text or credentials', async () => {
	await fetch(`${env.emulator.url}/api/v1/sources/acme/big`, { method: 'PUT', headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: '{"source":{}}' });
	const file = path.join(env.dir, 'hundred-thousand.csv');
	await writeCommentsCsv(file, 100_000);
	const handle = await startJob(
		env.client,
		'reinfer.bulkSync',
		{ connection: 'default', owner: 'acme', source: 'big', file: { path: file }, mapping: CSV_MAPPING, rowsPerActivity: 2_000, activitiesPerRun: 20 },
		{ taskQueue: env.settings.taskQueue, jobId: 'history-100k' },
	);
	const result = await handle.result();
	expect(result).toMatchObject({ rows: 100_000, new: 100_000, activities: 50, runs: 3, done: true });

	const runs: string[] = [];
	for await (const execution of env.client.workflow.list({ query: `WorkflowId = 'history-100k'` })) runs.push(execution.runId);
	expect(runs).toHaveLength(3);
	const allPayloads: RawPayload[] = [];
	const indexed: RawPayload[] = [];
	for (const runId of runs) {
		const history = await env.client.workflow.getHandle('history-100k', runId).fetchHistory();
		expect(history.events?.length).toBeLessThan(4_000);
		const found = payloads(history);
		allPayloads.push(...found.data);
		indexed.push(...found.indexed);
	}
	expect(allPayloads.length).toBeGreaterThan(50);
	for (const p of allPayloads) expect([p.where, Buffer.from(p.metadata.encoding).toString()]).toEqual([p.where, 'binary/encrypted']);
	// The plaintext search attributes say only what the Temporal UI filters on.
	expect(new Set(indexed.map((p) => Buffer.from(p.data).toString()))).toEqual(new Set(['"reinfer"', '"bulk-sync"', '"running"', '"completed"']));
	const raw = Buffer.concat(allPayloads.map((p) => Buffer.from(p.data))).toString('latin1');
	for (const secret of [REINFER_TOKEN, 'Regards', 'support@shop.example', file]) expect(raw).not.toContain(secret);
	for (const secret of [REINFER_TOKEN, 'Regards', 'support@shop.example']) expect(env.workerLogs).not.toContain(secret);
});
