import path from 'node:path';
import { SAMPLE_CSV_MAPPING, sampleComments, writeSampleCsv } from '../../demo/sampleComments';
import { RealN8n } from '../../scripts/e2e/realN8n';
import { LocalStack, REINFER_TOKEN } from '../../scripts/temporal/localStack';

jest.setTimeout(600_000);

/**
 * The Temporal bridge in real n8n: the Textai Jobs node (credential TemporalApi, with the workers'
 * payload keys) starts a reinfer.bulkSync job on a real Temporal dev server and waits for it; a
 * real worker process (dist/worker/main.js, as `npm run worker` starts it) runs it against the
 * re:infer emulator.
 */
let stack: LocalStack;
let n8n: RealN8n;
let sourceId = '';
let csvPath = '';
let validIds: string[] = [];

const ROWS = 30;
const INVALID_ROW = 4;

beforeAll(async () => {
	stack = await new LocalStack().start();
	await stack.startWorker();
	const res = await fetch(`${stack.emulator.url}/api/v1/sources/acme/e2e-jobs`, {
		method: 'PUT',
		headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' },
		body: JSON.stringify({ source: { title: 'E2E jobs' } }),
	});
	if (!res.ok) throw new Error(`creating the source: HTTP ${res.status} ${await res.text()}`);
	sourceId = ((await res.json()) as { source: { id: string } }).source.id;
	csvPath = path.join(stack.dir, 'e2e-comments.csv');
	validIds = await writeSampleCsv(csvPath, ROWS, new Set([INVALID_ROW]));

	n8n = new RealN8n();
	await n8n.importCredentials([
		{
			id: 'temporal1',
			name: 'Temporal dev server',
			type: 'temporalApi',
			data: { baseUrl: stack.server.httpUrl, namespace: stack.settings.namespace, apiKey: '', taskQueue: stack.settings.taskQueue, payloadSecretKeys: stack.payloadKeys },
		},
	]);
});
afterAll(async () => {
	await n8n?.cleanup();
	await stack?.stop();
});

test('Textai Jobs starts reinfer.bulkSync, waits for it and outputs the decrypted result; Get Status reads it back; the comments reach re:infer', async () => {
	const credentials = { temporalApi: { id: 'temporal1', name: 'Temporal dev server' } };
	const jobId = `e2e-bulk-sync-${n8n.line}`;
	const input = { connection: 'default', owner: 'acme', source: 'e2e-jobs', file: { path: csvPath }, mapping: SAMPLE_CSV_MAPPING, batchSize: 8 };
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'job',
			name: 'Start Job',
			type: 'n8n-nodes-textai.textaiJobs',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'job', operation: 'start', job: 'reinfer.bulkSync', input: JSON.stringify(input), jobId, waitForCompletion: true, pollInterval: 0.5, timeout: 120 },
			credentials,
		},
		{
			id: 'status',
			name: 'Get Status',
			type: 'n8n-nodes-textai.textaiJobs',
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'job', operation: 'getStatus', jobId: { __rl: true, mode: 'id', value: '={{ $json.jobId }}' }, includeProgress: true },
			credentials,
		},
	];
	const connections = { Start: { main: [[{ node: 'Start Job', type: 'main', index: 0 }]] }, 'Start Job': { main: [[{ node: 'Get Status', type: 'main', index: 0 }]] } };
	const id = await n8n.importWorkflow({ id: `e2eTemporal0${n8n.line}`, name: 'Temporal bridge e2e', nodes, connections });

	const run = await n8n.execute(id);
	if (run.status !== 'success') throw new Error(JSON.stringify(run.raw).slice(0, 4000));
	const [started] = RealN8n.output(run, 'Start Job');
	expect(started).toMatchObject({ jobId, job: 'reinfer.bulkSync', started: true, status: 'COMPLETED', taskQueue: stack.settings.taskQueue });
	expect(started.result).toMatchObject({ rows: ROWS, invalid: 1, new: ROWS - 1, done: true, errorsFile: `${csvPath}.errors.jsonl` });
	const [status] = RealN8n.output(run, 'Get Status');
	expect(status).toMatchObject({ jobId, workflowType: 'reinferBulkSync', status: 'COMPLETED', progress: { rows: ROWS, invalid: 1, done: true } });
	expect(status.searchAttributes).toMatchObject({ TextaiPlatform: 'reinfer', TextaiJobState: 'completed' });
	// Nothing secret comes back into n8n's execution data.
	expect(JSON.stringify(run.raw)).not.toContain(stack.payloadKeys.split(':')[1]);

	// The comments on the emulator are the CSV's valid rows, with their text.
	const comments = stack.emulator.reinfer.listComments(sourceId);
	expect(comments.map((c) => c.id).sort()).toEqual([...validIds].sort());
	const expected = [...sampleComments(ROWS)][0];
	expect(comments.find((c) => c.id === expected.id)?.messages[0].body.text).toBe(expected.messages[0].body.text);
});
