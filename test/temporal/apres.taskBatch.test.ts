import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { callbackToken } from '../../activities/apres/callback';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { LocalStack } from '../../scripts/temporal/localStack';
import { dataConverter } from '../../temporal/config';
import { startJob } from '../../temporal/jobs';
import { apresTaskBatchProgress, type ApresTaskBatchInput, type ApresTaskBatchProgress, type ApresTaskBatchResult } from '../../workflows/apres/taskBatch';
import { getFreePort } from '../../scripts/temporal/dev-server';

jest.setTimeout(120_000);

const KEY = 'temporal-recipe-key';
const SAS = '?sv=2017-11-09&ss=b&srt=co&sp=rl&sig=SecretSasSignature%3D';
const SECRET = randomBytes(24).toString('base64url');
let env: LocalStack;
let apres: ApresEmulator;
let callbackPort: number;

beforeAll(async () => {
	env = await new LocalStack().start();
	apres = await startApresEmulator({ apiKeys: [KEY], stepMs: 0 });
	callbackPort = await getFreePort();
	await env.startWorker({
		TEXTAI_APRES_DEFAULT_URL: `${apres.url}/api/v1`,
		TEXTAI_APRES_DEFAULT_KEY: KEY,
		TEXTAI_APRES_DEFAULT_SAS_TOKEN: SAS,
		TEXTAI_APRES_CALLBACK_PORT: String(callbackPort),
		TEXTAI_APRES_CALLBACK_SECRET: SECRET,
	});
	expect(env.workerLogs).toContain(`apres callbacks listening: http://127.0.0.1:${callbackPort}`);
});
afterAll(async () => {
	await apres?.close();
	await env?.stop();
});

const until = async <T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> => {
	const end = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
};

function writeImages(dir: string, count: number): string {
	fs.mkdirSync(dir, { recursive: true });
	for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `photo-${i}.jpg`), Buffer.concat([Buffer.from([0xff, 0xd8]), randomBytes(200 + i)]));
	fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
	return dir;
}

async function start(jobId: string, input: Partial<ApresTaskBatchInput> & Pick<ApresTaskBatchInput, 'source' | 'outputPath'>) {
	return startJob(env.client, 'apres.taskBatch', { connection: 'default', ...input }, { taskQueue: env.settings.taskQueue, jobId });
}

const progressOf = (handle: WorkflowHandle) => handle.query(apresTaskBatchProgress) as Promise<ApresTaskBatchProgress>;
const batchOf = (handle: WorkflowHandle) => until('the task batch', async () => (await progressOf(handle)).taskBatchId);
const historyLength = async (handle: WorkflowHandle) => (await handle.fetchHistory()).events?.length ?? 0;

async function post(url: string, body: unknown) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Every payload of a job's history, decoded with the worker's codec, as text. */
async function decodedHistory(handle: WorkflowHandle): Promise<string> {
	const history = await handle.fetchHistory();
	const found: Array<{ metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }> = [];
	const walk = (node: unknown) => {
		if (!node || typeof node !== 'object' || node instanceof Uint8Array) return;
		const record = node as Record<string, unknown>;
		if (record.metadata && record.data instanceof Uint8Array) found.push(record as never);
		for (const value of Object.values(record)) walk(value);
	};
	walk(history);
	const decoded = await dataConverter(env.settings)!.payloadCodecs[0].decode(found as never);
	return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
}

describe('apres.taskBatch job on a real Temporal dev server', () => {
	test('completes through the webhook path: idle while waiting, state changes accepted, results CSV written', async () => {
		const dir = writeImages(path.join(env.dir, 'webhook-images'), 3);
		const outputPath = path.join(env.dir, 'webhook-results.csv');
		const handle = await start('apres-webhook-job', { source: { directory: dir, extensions: ['jpg'] }, outputPath, deliveryTimeframe: 1, pollInterval: '1 hour', deadline: '2 days' });
		const id = await batchOf(handle);
		const batch = apres.apres.batch(id);
		expect(batch).toMatchObject({ estimated_size: 3, size: 0, delivery_timeframe: 1, inputs: ['photo-0.jpg', 'photo-1.jpg', 'photo-2.jpg'] });
		expect(batch.webhook_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${callbackPort}/apres/callbacks/apres-webhook-job/[0-9a-f-]{36}/[A-Za-z0-9_-]{43}$`));
		// The first state change (sent right away) was answered 2xx: before the job recorded the batch,
		// the receiver waited for it; then it was a repeat of the state the create call returned.
		await until('the confirmed callback', () => apres.apres.webhookDeliveries().find((d) => d.task_batch_id === id && d.status === 200));

		// Waiting costs nothing: no activity runs, no history grows, until something happens.
		const before = await historyLength(handle);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await historyLength(handle)).toBe(before);
		expect((await handle.describe()).raw.pendingActivities ?? []).toEqual([]);
		expect((await progressOf(handle)).phase).toBe('waiting');

		apres.apres.advance(id);
		await until('in_progress accepted', async () => (await progressOf(handle)).webhooksAccepted === 1);
		expect((await progressOf(handle)).events.map((e) => [e.state, e.via])).toEqual([
			['confirmed', 'create'],
			['in_progress', 'webhook'],
		]);
		apres.apres.advance(id);
		const result = (await handle.result()) as ApresTaskBatchResult;
		expect(result).toMatchObject({ taskBatchId: id, completedVia: 'webhook', polls: 0, webhooksAccepted: 2, rows: 3, format: 'csv', outputPath, taskBatch: { id, state: 'completed', size: 3, price: 0.12 } });
		expect(result.statistics).toMatchObject({ 'Successful Tasks': 3, 'Failed Tasks': 0 });
		expect(result.csvUrl).toBe(`${apres.url}/data_out/${batch.recipe_id}/task_batches/${id}/output.csv`);

		const tasks = apres.apres.batch(id).tasks;
		const lines = fs.readFileSync(outputPath, 'utf8').trim().split('\r\n');
		expect(lines[0]).toBe('task_id,input,input_url,output,status,state,consensus_score,input_type,feedback,created_at,updated_at');
		expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(tasks.map((t) => [t.id, t.input]));
		expect(lines[1]).toContain(`,${tasks[0].output!.join('|')},Completed,completed,`);

		// A late replay of the completion is answered 200 and ignored.
		const replay = await post(batch.webhook_url!, { state: 'completed', message: 'again', task_batch_id: id, recipe_id: batch.recipe_id });
		expect(replay).toEqual({ status: 200, body: { accepted: false, ignored: 'the job has finished' } });

		// Neither the callback token nor the recipe key is in the job's (decoded) history.
		const history = await decodedHistory(handle);
		expect(history).toContain(id);
		for (const secret of [batch.webhook_url!.split('/').pop()!, KEY, SECRET]) expect(history).not.toContain(secret);
		for (const secret of [batch.webhook_url!.split('/').pop()!, KEY, SECRET]) expect(env.workerLogs).not.toContain(secret);
	});

	test('with webhooks dropped, completes through polling (and continues as new while it waits)', async () => {
		apres.apres.setWebhookPolicy({ drop: true });
		try {
			const dir = writeImages(path.join(env.dir, 'poll-images'), 2);
			const outputPath = path.join(env.dir, 'poll-results.json');
			const handle = await start('apres-poll-job', { source: { files: [path.join(dir, 'photo-0.jpg'), path.join(dir, 'photo-1.jpg')] }, outputPath, pollInterval: '300 ms', pollsPerRun: 2 });
			const id = await batchOf(handle);
			await until('two runs', async () => (await progressOf(handle)).runs >= 2);
			apres.apres.complete(id);
			const result = (await handle.result()) as ApresTaskBatchResult;
			expect(result).toMatchObject({ taskBatchId: id, completedVia: 'poll', webhooksAccepted: 0, rows: 2, format: 'json' });
			expect(result.polls).toBeGreaterThanOrEqual(2);
			expect(result.runs).toBeGreaterThanOrEqual(2);
			expect(result.events.map((e) => [e.state, e.via])).toEqual([
				['confirmed', 'create'],
				['completed', 'poll'],
			]);
			expect(apres.apres.webhookDeliveries().filter((d) => d.task_batch_id === id).every((d) => d.dropped)).toBe(true);
			const document = JSON.parse(fs.readFileSync(outputPath, 'utf8'));
			expect(document.task_batch).toMatchObject({ id, state: 'completed' });
			expect(document.statistics[0]).toEqual({ name: 'Successful Tasks', value: 2 });
			expect(document.rows.map((r: { input: string; output: unknown[] }) => [r.input, Array.isArray(r.output)])).toEqual([
				['photo-0.jpg', true],
				['photo-1.jpg', true],
			]);
		} finally {
			apres.apres.setWebhookPolicy({ drop: false });
		}
	});

	test('forged callbacks (wrong token, other job, other batch, earlier run, bad body) are rejected and change nothing', async () => {
		const outputPath = path.join(env.dir, 'azure-results.xlsx');
		apres.apres.setLocationFiles({ type: 'azure-blob', blob_endpoint: 'https://apresio.blob.core.windows.net', container: 'task-test', sas_token: '' }, ['scan-1.pdf', 'scan-2.pdf']);
		const handle = await start('apres-forged-job', { source: { location: { type: 'azure-blob', blob_endpoint: 'https://apresio.blob.core.windows.net', container: 'task-test' } }, outputPath, pollInterval: '1 hour' });
		const id = await batchOf(handle);
		const batch = apres.apres.batch(id);
		expect(batch.location).toMatchObject({ type: 'azure-blob', container: 'task-test' });
		const url = batch.webhook_url!;
		const [nonce, token] = url.split('/').slice(-2);
		const genuine = { state: 'in_progress', message: 'Tasks generated', task_batch_id: id, recipe_id: batch.recipe_id };
		await until('the confirmed callback', () => apres.apres.webhookDeliveries().find((d) => d.task_batch_id === id && d.status === 200));
		// Another batch of the same recipe (created directly): its id is real, but not this job's.
		const other = await fetch(`${apres.url}/api/v1/task_batches`, { method: 'POST', headers: { authorization: KEY, 'content-type': 'application/json' }, body: JSON.stringify({ files: [{ file: 'x.jpg', data: 'eA==' }] }) }).then((r) => r.json() as Promise<{ id: string }>);

		const historyBefore = await historyLength(handle);
		const progressBefore = await progressOf(handle);
		const base = `http://127.0.0.1:${callbackPort}/apres/callbacks`;
		const flip = (t: string) => (t[0] === 'A' ? 'B' : 'A') + t.slice(1);
		expect(await post(url.replace(/[^/]+$/, flip(token)), genuine)).toEqual({ status: 401, body: { error: 'invalid callback token' } });
		expect((await post(`${base}/apres-webhook-job/${nonce}/${token}`, genuine)).status).toBe(401);
		expect((await post(url, { ...genuine, task_batch_id: other.id })).status).toBe(409);
		expect((await post(url, { ...genuine, state: 'completed', task_batch_id: other.id })).status).toBe(409);
		const staleNonce = '00000000-0000-4000-8000-000000000000';
		expect((await post(`${base}/apres-forged-job/${staleNonce}/${callbackToken(SECRET, 'apres-forged-job', staleNonce)}`, genuine)).status).toBe(410);
		expect((await post(`${base}/no-such-job/${nonce}/${callbackToken(SECRET, 'no-such-job', nonce)}`, genuine)).status).toBe(404);
		expect(await post(url, { hello: 'world' })).toEqual({ status: 400, body: { error: 'not a task batch notification: "state" is required; "task_batch_id" is required' } });
		expect((await fetch(url, { method: 'GET' })).status).toBe(405);
		// A replay of a state already received is ignored.
		expect(await post(url, { ...genuine, state: 'confirmed' })).toEqual({ status: 200, body: { accepted: false, ignored: 'state "confirmed" was already received' } });

		expect(await historyLength(handle)).toBe(historyBefore);
		expect(await progressOf(handle)).toEqual(progressBefore);
		expect(apres.apres.batch(id).state).toBe('confirmed');

		// The genuine callbacks still complete the job.
		apres.apres.advance(id);
		await until('in_progress accepted', async () => (await progressOf(handle)).webhooksAccepted === 1);
		expect(await post(url, genuine)).toEqual({ status: 200, body: { accepted: false, ignored: 'state "in_progress" was already received' } });
		apres.apres.advance(id);
		const result = (await handle.result()) as ApresTaskBatchResult;
		expect(result).toMatchObject({ taskBatchId: id, completedVia: 'webhook', webhooksAccepted: 2, rows: 2, format: 'xlsx' });
		const sheet = XLSX.readFile(outputPath).Sheets.Results;
		const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
		expect(rows.map((r) => r.input)).toEqual(['scan-1.pdf', 'scan-2.pdf']);
		expect(rows[0].input_url).toBe('https://apresio.blob.core.windows.net/task-test/scan-1.pdf');
		expect(await decodedHistory(handle)).not.toContain('SecretSasSignature');
	});

	test('a failed batch, a missed deadline and bad input fail the job with typed, non-retryable failures', async () => {
		const failing = await start('apres-failing-job', { source: { location: { type: 's3', bucket_name: 'task-test.apres.io', region: 'us-west-1' } }, outputPath: path.join(env.dir, 'never.csv'), pollInterval: '1 hour' });
		const failingId = await batchOf(failing);
		apres.apres.fail(failingId, 'No experts available');
		const failed = await failing.result().catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(WorkflowFailedError);
		expect((failed as WorkflowFailedError).cause).toMatchObject({ type: 'TaskBatchFailed', message: `Apres task batch ${failingId} ended in state "failed"` });

		const late = await start('apres-late-job', { source: { location: { type: 's3', bucket_name: 'task-test.apres.io', region: 'us-west-1' } }, outputPath: path.join(env.dir, 'late.csv'), deadline: '2 seconds', pollInterval: '500 ms', webhook: false });
		const lateError = (await late.result().catch((e: unknown) => e)) as WorkflowFailedError;
		expect(lateError.cause).toMatchObject({ type: 'TaskBatchDeadlineExceeded' });
		const lateId = (await progressOf(late)).taskBatchId!;
		expect(apres.apres.batch(lateId).webhook_url).toBeUndefined();

		const created = apres.apres.batches().length;
		const bad = await start('apres-bad-input-job', { source: { location: { type: 'azure-blob', blob_endpoint: 'https://a.blob.core.windows.net', container: 'task-test', sas_token: 'sv=1&sig=x' } as never }, outputPath: path.join(env.dir, 'bad.csv') });
		const badError = (await bad.result().catch((e: unknown) => e)) as WorkflowFailedError;
		expect(badError.cause?.cause).toMatchObject({ type: 'ValidationError' });
		expect((badError.cause?.cause as Error).message).toContain('field "source.location.sas_token" must not be part of a job input');
		const wrongRegion = await start('apres-bad-region-job', { source: { location: { type: 's3', bucket_name: 'task-test.apres.io', region: 'moon-1' } }, outputPath: path.join(env.dir, 'bad.csv') });
		const regionError = (await wrongRegion.result().catch((e: unknown) => e)) as WorkflowFailedError;
		expect((regionError.cause?.cause as Error).message).toContain('field "location.region" must be an AWS region such as "us-west-1", got "moon-1"');

		// Files that cannot go into a batch, checked in the same pass that reads them: every one
		// named, in file order, and nothing is created. A FIFO is refused, not waited on.
		const dir = writeImages(path.join(env.dir, 'bad-files'), 2);
		const empty = path.join(dir, 'empty.jpg');
		fs.writeFileSync(empty, '');
		const fifo = path.join(dir, 'pipe.jpg');
		execFileSync('mkfifo', [fifo]);
		const again = path.join(dir, 'again');
		fs.mkdirSync(again);
		fs.copyFileSync(path.join(dir, 'photo-0.jpg'), path.join(again, 'photo-0.jpg'));
		const files = [path.join(dir, 'photo-0.jpg'), empty, path.join(dir, 'missing.jpg'), fifo, again, path.join(again, 'photo-0.jpg'), path.join(dir, 'photo-1.jpg')];
		const badFiles = await start('apres-bad-files-job', { source: { files }, outputPath: path.join(env.dir, 'bad.csv') });
		const filesError = (await badFiles.result().catch((e: unknown) => e)) as WorkflowFailedError;
		expect(filesError.cause?.cause).toMatchObject({ type: 'ValidationError' });
		expect((filesError.cause?.cause as Error).message).toBe(
			'Invalid input for Apres createTaskBatch: ' +
				[
					`field "source.files[1]" is empty: ${empty}`,
					`field "source.files[2]" cannot be read: ${files[2]} (ENOENT)`,
					`field "source.files[3]" is not a file: ${fifo}`,
					`field "source.files[4]" is not a file: ${again}`,
					`field "source.files[5]" has the same file name as source.files[0] ("photo-0.jpg"): names must be unique within a batch`,
				].join('; '),
		);
		expect(apres.apres.batches()).toHaveLength(created);
	});
});
