/**
 * The Textai Jobs (Temporal) node through n8n's engine, against a real Temporal dev server's HTTP
 * API, a real worker process (dist/worker/main.js) and the re:infer emulator, with payload
 * encryption on: the node encrypts what it sends and decrypts what it reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { LocalStack as TemporalTestEnv } from '../../scripts/temporal/localStack';
import { byId, createDataset, createSource, decodeB64, eventually, findPayloads, runJobs, temporalCredentials } from './helpers';

jest.setTimeout(60_000);

let env: TemporalTestEnv;
let credentials: ReturnType<typeof temporalCredentials>;
const API_KEY = 'bridge-api-key-7f3a9c0e5d';

beforeAll(async () => {
	env = await new TemporalTestEnv().start();
	await env.startWorker();
	// The dev server ignores the API key; it is set so that the tests can check it never leaks.
	credentials = temporalCredentials(env, { apiKey: API_KEY });
});
afterAll(async () => env?.stop());

const SECRET_PARTS = () => [API_KEY, env.payloadKeys, env.payloadKeys.split(':')[1]];

function expectNoSecrets(value: unknown): void {
	const text = JSON.stringify(value);
	for (const secret of SECRET_PARTS()) expect(text).not.toContain(secret);
}

async function historyJson(workflowId: string): Promise<unknown> {
	const res = await fetch(`${env.server.httpUrl}/api/v1/namespaces/${env.settings.namespace}/workflows/${encodeURIComponent(workflowId)}/history`, {
		headers: { Accept: 'application/json+no-payload-shorthand' },
	});
	expect(res.status).toBe(200);
	return res.json();
}

describe('Job resource', () => {
	const jobId = 'bridge-bulk-sync-1';
	let csvPath = '';
	let sourceId = '';

	test('Start reinfer.bulkSync with Wait For Completion outputs the result; the comments reach re:infer; history holds no plaintext', async () => {
		sourceId = await createSource(env, 'bridge-sync');
		csvPath = path.join(env.dir, 'bridge-comments.csv');
		await writeCommentsCsv(csvPath, 40, new Set([7]));
		const input = { connection: 'default', owner: 'acme', source: 'bridge-sync', file: { path: csvPath }, mapping: CSV_MAPPING, batchSize: 16 };

		const run = await runJobs(credentials, {
			resource: 'job',
			operation: 'start',
			job: 'reinfer.bulkSync',
			input: JSON.stringify(input),
			jobId,
			waitForCompletion: true,
			pollInterval: 0.2,
			timeout: 45,
		});
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.json).toHaveLength(1);
		expect(run.json[0]).toMatchObject({ jobId, job: 'reinfer.bulkSync', started: true, status: 'COMPLETED', taskQueue: env.settings.taskQueue });
		expect(run.json[0].result).toMatchObject({ rows: 40, invalid: 1, new: 39, done: true, errorsFile: `${csvPath}.errors.jsonl` });
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(env.emulator.reinfer.commentCount(sourceId)).toBe(39);
		expectNoSecrets(run.json);

		// Encrypted payloads: the input, memo and result in the history are ciphertext only.
		const history = await historyJson(jobId);
		const payloads = findPayloads(history).filter((p) => !p.path.includes('searchAttributes'));
		expect(payloads.length).toBeGreaterThanOrEqual(3);
		for (const { path: where, payload } of payloads) {
			expect([where, decodeB64(payload.metadata?.encoding)]).toEqual([where, 'binary/encrypted']);
			expect(decodeB64(payload.data)).not.toContain('bridge-sync');
		}
		const raw = JSON.stringify(history);
		for (const plaintext of ['bridge-sync', csvPath, 'ticket_id', '"rows"']) expect(raw).not.toContain(plaintext);
		const allDecoded = findPayloads(history).map((p) => decodeB64(p.payload.data)).join('\n');
		expect(allDecoded).not.toContain(csvPath);
	});

	test('Start again with the same job ID returns the finished job instead of running it twice', async () => {
		const before = env.emulator.reinfer.commentCount(sourceId);
		const input = { connection: 'default', owner: 'acme', source: 'bridge-sync', file: { path: csvPath }, mapping: CSV_MAPPING };
		const run = await runJobs(credentials, { resource: 'job', operation: 'start', job: 'reinfer.bulkSync', input: JSON.stringify(input), jobId });
		expect(run.json[0]).toMatchObject({ jobId, started: false });
		const status = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId(jobId) });
		expect(status.json[0].runId).toBe(run.json[0].runId);
		expect(env.emulator.reinfer.commentCount(sourceId)).toBe(before);
	});

	test('Get Status reports status, memo, search attributes and (optionally) the progress query; Get Result decrypts the result', async () => {
		const plain = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId(jobId) });
		expect(plain.json[0]).toMatchObject({ jobId, job: 'reinfer.bulkSync', workflowType: 'reinferBulkSync', status: 'COMPLETED', memo: { job: 'reinfer.bulkSync' } });
		expect(plain.json[0].searchAttributes).toMatchObject({ TextaiPlatform: 'reinfer', TextaiJobKind: 'bulk-sync', TextaiJobState: 'completed' });
		expect(plain.json[0].progress).toBeUndefined();

		const withProgress = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId(jobId), includeProgress: true });
		expect(withProgress.json[0].progress).toMatchObject({ rows: 40, invalid: 1, done: true, nextRow: 40 });

		const result = await runJobs(credentials, { resource: 'job', operation: 'getResult', jobId: byId(jobId), pollInterval: 0.2, timeout: 5 });
		expect(result.json[0]).toMatchObject({ jobId, status: 'COMPLETED', result: { rows: 40, done: true } });
	});

	test('Signal pause / resume / stop a reinfer.streamConsumer job; Get Status shows each state; Get Many lists it', async () => {
		const streamSource = await createSource(env, 'bridge-stream');
		await createDataset(env, 'bridge-stream', [streamSource]);
		env.emulator.reinfer.createTrigger({ owner: 'acme', dataset: 'bridge-stream', name: 'all' });
		const sink = path.join(env.dir, 'stream.jsonl');
		const input = { connection: 'default', owner: 'acme', dataset: 'bridge-stream', trigger: 'all', sink: { type: 'file', path: sink }, idleInitialMs: 100, idleMaxMs: 300 };
		const streamId = 'bridge-stream-1';

		const started = await runJobs(credentials, { resource: 'job', operation: 'start', job: 'reinfer.streamConsumer', input: JSON.stringify(input), jobId: streamId });
		expect(started.json[0]).toMatchObject({ jobId: streamId, started: true });

		const progressOf = async () => {
			const run = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId(streamId), includeProgress: true });
			expect(run.error).toBeUndefined();
			return run.json[0] as { status: string; progress: { paused: boolean; stopped: boolean }; searchAttributes: Record<string, unknown> };
		};
		await eventually(async () => expect((await progressOf()).progress).toMatchObject({ paused: false, stopped: false }));

		const paused = await runJobs(credentials, { resource: 'job', operation: 'signal', jobId: byId(streamId), signal: 'pause' });
		expect(paused.json[0]).toEqual({ jobId: streamId, signal: 'pause', sent: true });
		await eventually(async () => {
			const status = await progressOf();
			expect(status.progress.paused).toBe(true);
			expect(status.searchAttributes.TextaiJobState).toBe('paused');
		});

		await runJobs(credentials, { resource: 'job', operation: 'signal', jobId: byId(streamId), signal: 'resume' });
		await eventually(async () => expect((await progressOf()).progress.paused).toBe(false));

		// A custom signal goes through the same route (here the workflow's own "stop").
		const stop = await runJobs(credentials, { resource: 'job', operation: 'signal', jobId: byId(streamId), signal: 'custom', signalName: 'stop', args: '[]' });
		expect(stop.json[0]).toMatchObject({ signal: 'stop', sent: true });
		const result = await runJobs(credentials, { resource: 'job', operation: 'getResult', jobId: byId(streamId), pollInterval: 0.2, timeout: 15 });
		expect(result.json[0]).toMatchObject({ status: 'COMPLETED', result: { stopped: true, paused: false } });

		const listed = await eventually(async () => {
			const run = await runJobs(credentials, { resource: 'job', operation: 'getAll', returnAll: true, filters: { job: 'reinfer.streamConsumer', status: 'COMPLETED' } });
			expect(run.json.map((j) => j.jobId)).toContain(streamId);
			return run;
		});
		expect(listed.json.every((j) => j.job === 'reinfer.streamConsumer')).toBe(true);
		const limited = await runJobs(credentials, { resource: 'job', operation: 'getAll', returnAll: false, limit: 1 });
		expect(limited.json).toHaveLength(1);
	});

	test('Cancel ends a running job; Get Result then fails with a clear error (or reports it under Continue On Fail)', async () => {
		const input = { connection: 'default', owner: 'acme', dataset: 'bridge-stream', trigger: 'all', sink: { type: 'file', path: path.join(env.dir, 'cancel.jsonl') }, idleInitialMs: 100, idleMaxMs: 300 };
		const cancelId = 'bridge-cancel-1';
		await runJobs(credentials, { resource: 'job', operation: 'start', job: 'reinfer.streamConsumer', input: JSON.stringify(input), jobId: cancelId });
		const cancelled = await runJobs(credentials, { resource: 'job', operation: 'cancel', jobId: byId(cancelId), options: { reason: 'test' } });
		expect(cancelled.json[0]).toEqual({ jobId: cancelId, cancelRequested: true });
		const failed = await runJobs(credentials, { resource: 'job', operation: 'getResult', jobId: byId(cancelId), pollInterval: 0.2, timeout: 10 });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain(`"${cancelId}" was cancelled`);
		const soft = await runJobs(credentials, { resource: 'job', operation: 'getResult', jobId: byId(cancelId), pollInterval: 0.2, timeout: 10 }, { extra: { continueOnFail: true } });
		expect(soft.status).toBe('success');
		expect(soft.json[0].error).toContain('was cancelled');
	});

	test('bad input is rejected before anything is sent; errors never contain the API key or payload keys', async () => {
		const badInput = await runJobs(credentials, { resource: 'job', operation: 'start', job: 'reinfer.bulkSync', input: '{"connection": "default"}', jobId: 'never-started' }, { extra: { continueOnFail: true } });
		expect(badInput.json[0].error).toMatch(/field "input.owner" is required for reinfer.bulkSync/);
		const notJson = await runJobs(credentials, { resource: 'job', operation: 'start', job: 'reinfer.bulkSync', input: '{oops', jobId: 'never-started' });
		expect(notJson.status).toBe('error');
		expect(notJson.error?.message).toMatch(/field "input" is not valid JSON/);

		const missing = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId('no-such-job') });
		expect(missing.status).toBe('error');
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.message).toContain('workflow not found');
		expectNoSecrets({ message: missing.error?.message, description: missing.error?.description, context: missing.error?.context });

		const badKeys = await runJobs(temporalCredentials(env, { payloadSecretKeys: 'k9:dG9vLXNob3J0' }), { resource: 'job', operation: 'getStatus', jobId: byId(jobId) });
		expect(badKeys.status).toBe('error');
		expect(badKeys.error?.message).toMatch(/Temporal credential is not usable: payload key "k9" must be 32 bytes/);
		expect(JSON.stringify(badKeys.error?.message)).not.toContain('dG9vLXNob3J0');

		// Without the keys the encrypted result cannot be read, and the error says why.
		const noKeys = await runJobs(temporalCredentials(env, { payloadSecretKeys: '' }), { resource: 'job', operation: 'getResult', jobId: byId(jobId), timeout: 5 });
		expect(noKeys.status).toBe('error');
		expect(noKeys.error?.message).toMatch(/payload is encrypted \(key "k2"\): add the payload encryption keys/);
	});
});

describe('Schedule resource', () => {
	test('a schedule created through the node fires every 2 s and runs its job; after Pause no further run starts', async () => {
		const sourceId = await createSource(env, 'bridge-scheduled');
		const csvPath = path.join(env.dir, 'scheduled.csv');
		await writeCommentsCsv(csvPath, 5);
		const input = { connection: 'default', owner: 'acme', source: 'bridge-scheduled', file: { path: csvPath }, mapping: CSV_MAPPING };

		const created = await runJobs(credentials, {
			resource: 'schedule',
			operation: 'create',
			scheduleId: 'bridge-every-2s',
			job: 'reinfer.bulkSync',
			input: JSON.stringify(input),
			specType: 'interval',
			every: 2,
			unit: 's',
			options: { overlapPolicy: 'SKIP', catchupWindow: 60, notes: 'bridge test' },
		});
		expect(created.error).toBeUndefined();
		expect(created.json[0]).toMatchObject({
			scheduleId: 'bridge-every-2s',
			paused: false,
			notes: 'bridge test',
			job: 'reinfer.bulkSync',
			workflowType: 'reinferBulkSync',
			taskQueue: env.settings.taskQueue,
			overlapPolicy: 'SKIP',
			catchupWindow: '60s',
			spec: { intervals: [{ every: '2s' }] },
			input,
		});

		const get = async () => (await runJobs(credentials, { resource: 'schedule', operation: 'get', scheduleId: byId('bridge-every-2s') })).json[0] as { actionCount: number; paused: boolean; recentActions: Array<{ workflowId: string; status?: string }> };
		const fired = await eventually(async () => {
			const schedule = await get();
			expect(schedule.recentActions.some((a) => a.status === 'COMPLETED')).toBe(true);
			return schedule;
		}, 15_000, 300);
		expect(env.emulator.reinfer.commentCount(sourceId)).toBe(5);
		const run = fired.recentActions.find((a) => a.status === 'COMPLETED')!;
		const status = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: byId(run.workflowId) });
		expect(status.json[0]).toMatchObject({ status: 'COMPLETED', job: 'reinfer.bulkSync', scheduleId: 'bridge-every-2s', searchAttributes: { TextaiJobState: 'completed' } });

		const listed = await runJobs(credentials, { resource: 'schedule', operation: 'getAll', returnAll: true });
		expect(listed.json.map((s) => s.scheduleId)).toContain('bridge-every-2s');

		const paused = await runJobs(credentials, { resource: 'schedule', operation: 'pause', scheduleId: byId('bridge-every-2s'), note: 'bridge pause' });
		expect(paused.json[0]).toEqual({ scheduleId: 'bridge-every-2s', paused: true });
		const atPause = await get();
		expect(atPause.paused).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 4_500));
		const later = await get();
		expect(later.actionCount).toBe(atPause.actionCount);
		expect(later.recentActions.map((a) => a.workflowId)).toEqual(atPause.recentActions.map((a) => a.workflowId));

		const deleted = await runJobs(credentials, { resource: 'schedule', operation: 'delete', scheduleId: byId('bridge-every-2s') });
		expect(deleted.json[0]).toEqual({ scheduleId: 'bridge-every-2s', deleted: true });
		const gone = await runJobs(credentials, { resource: 'schedule', operation: 'get', scheduleId: byId('bridge-every-2s') });
		expect(gone.status).toBe('error');
		expect(gone.error?.httpCode).toBe('404');
	});

	test('a paused cron schedule: Trigger Now runs the job once; Unpause resumes it', async () => {
		const sourceId = await createSource(env, 'bridge-triggered');
		const csvPath = path.join(env.dir, 'triggered.csv');
		await writeCommentsCsv(csvPath, 3);
		const input = { connection: 'default', owner: 'acme', source: 'bridge-triggered', file: { path: csvPath }, mapping: CSV_MAPPING };
		const created = await runJobs(credentials, {
			resource: 'schedule',
			operation: 'create',
			scheduleId: 'bridge-nightly',
			job: 'reinfer.bulkSync',
			input: JSON.stringify(input),
			specType: 'cron',
			cron: '0 2 * * *',
			timezone: 'Europe/Berlin',
			options: { paused: true, workflowId: 'bridge-nightly-run' },
		});
		expect(created.json[0]).toMatchObject({ scheduleId: 'bridge-nightly', paused: true, actionCount: 0, spec: { timezone: 'Europe/Berlin' } });
		expect((created.json[0].futureActionTimes as string[]).length).toBeGreaterThan(0);

		const triggered = await runJobs(credentials, { resource: 'schedule', operation: 'trigger', scheduleId: byId('bridge-nightly') });
		expect(triggered.json[0]).toEqual({ scheduleId: 'bridge-nightly', triggered: true });
		const schedule = await eventually(async () => {
			const got = (await runJobs(credentials, { resource: 'schedule', operation: 'get', scheduleId: byId('bridge-nightly') })).json[0] as { recentActions: Array<{ workflowId: string }> };
			expect(got.recentActions).toHaveLength(1);
			return got;
		}, 10_000, 200);
		const runId = schedule.recentActions[0].workflowId;
		expect(runId).toMatch(/^bridge-nightly-run-/);
		// A paused schedule does not refresh its runs' statuses: ask the run itself.
		const result = await runJobs(credentials, { resource: 'job', operation: 'getResult', jobId: byId(runId), pollInterval: 0.2, timeout: 15 });
		expect(result.json[0]).toMatchObject({ status: 'COMPLETED', result: { rows: 3, new: 3 } });
		expect(env.emulator.reinfer.commentCount(sourceId)).toBe(3);

		const unpaused = await runJobs(credentials, { resource: 'schedule', operation: 'unpause', scheduleId: byId('bridge-nightly') });
		expect(unpaused.json[0]).toEqual({ scheduleId: 'bridge-nightly', paused: false });
		const after = await runJobs(credentials, { resource: 'schedule', operation: 'get', scheduleId: byId('bridge-nightly') });
		expect(after.json[0].paused).toBe(false);
		await runJobs(credentials, { resource: 'schedule', operation: 'delete', scheduleId: byId('bridge-nightly') });
		expect(fs.existsSync(csvPath)).toBe(true);
	});
});
