/**
 * The worker's webhook entry point (started by dist/worker/main.js when TEXTAI_WEBHOOK_PORT is
 * set) and the schedules CLI (dist/worker/schedulesCli.js), against a real dev server and worker.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { SAMPLE_CSV_MAPPING as CSV_MAPPING, writeSampleCsv as writeCommentsCsv } from '../../demo/sampleComments';
import { getFreePort } from '../../scripts/temporal/dev-server';
import { LocalStack as TemporalTestEnv, REPO } from '../../scripts/temporal/localStack';
import { bearerMatches } from '../../worker/webhookServer';
import { JOB_NAMES } from '../../clients/temporal/jobs';
import { createSource, eventually } from './helpers';

jest.setTimeout(60_000);

const TOKEN = 'webhook-test-token-4b1d9e7f';
let env: TemporalTestEnv;
let webhookUrl = '';

beforeAll(async () => {
	env = await new TemporalTestEnv().start();
	const port = await getFreePort();
	await env.startWorker({ TEXTAI_WEBHOOK_PORT: String(port), TEXTAI_WEBHOOK_TOKEN: TOKEN });
	webhookUrl = `http://127.0.0.1:${port}`;
	expect(env.workerLogs).toContain(`webhook listening: ${webhookUrl}/jobs/`);
});
afterAll(async () => env?.stop());

async function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(`${webhookUrl}${pathname}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const auth = { Authorization: `Bearer ${TOKEN}` };

describe('webhook server', () => {
	test('rejects a missing or wrong token (401) before looking at the job or the body', async () => {
		const none = await post('/jobs/reinfer.bulkSync', { input: {} });
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
		const wrong = await post('/jobs/reinfer.bulkSync', { input: {} }, { Authorization: `Bearer ${TOKEN}x` });
		expect(wrong.status).toBe(401);
		const unknownJobWrongToken = await post('/jobs/nope', { input: {} }, { Authorization: 'Bearer nope' });
		expect(unknownJobWrongToken.status).toBe(401);
		expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
		expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
		expect(bearerMatches('Bearer ', TOKEN)).toBe(false);
	});

	test('answers 404 for an unknown job, 400 with a clear message for a bad body, 413 for an oversized one', async () => {
		const unknown = await post('/jobs/reinfer.nope', { input: {} }, auth);
		expect(unknown.status).toBe(404);
		expect(unknown.body).toMatchObject({ error: 'unknown job "reinfer.nope"', jobs: JOB_NAMES });
		expect((await post('/elsewhere', {}, auth)).status).toBe(404);

		const notJson = await post('/jobs/reinfer.bulkSync', '{"input":', auth);
		expect(notJson).toMatchObject({ status: 400, body: { error: 'request body is not valid JSON' } });
		const noInput = await post('/jobs/reinfer.bulkSync', { jobId: 'x1' }, auth);
		expect(noInput).toMatchObject({ status: 400, body: { error: 'field "input" is required: the reinfer.bulkSync job\'s input object' } });
		const missingFields = await post('/jobs/reinfer.bulkSync', { input: { connection: 'default', owner: 'acme' } }, auth);
		expect(missingFields.status).toBe(400);
		expect(missingFields.body.error).toBe('field "input.source" is required for reinfer.bulkSync; field "input.file" is required for reinfer.bulkSync; field "input.mapping" is required for reinfer.bulkSync');
		const badId = await post('/jobs/reinfer.bulkSync', { jobId: 'has/slash', input: {} }, auth);
		expect(badId.status).toBe(400);
		expect(badId.body.error).toMatch(/^job id must be 1-200 characters/);
		const typo = await post('/jobs/reinfer.bulkSync', { jobID: 'x', input: {} }, auth);
		expect(typo.body.error).toMatch(/unknown field\(s\) "jobID"/);
		const wrongType = await fetch(`${webhookUrl}/jobs/reinfer.bulkSync`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'x' });
		expect(wrongType.status).toBe(415);

		const big = await fetch(`${webhookUrl}/jobs/reinfer.bulkSync`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: `{"input":"${'a'.repeat(1_100_000)}"}` });
		expect(big.status).toBe(413);
		const get = await fetch(`${webhookUrl}/jobs/reinfer.bulkSync`, { headers: auth });
		expect(get.status).toBe(405);
	});

	test('starts a job with the right token (202), idempotently for the same job id; the job runs', async () => {
		const sourceId = await createSource(env, 'webhook-src');
		const file = path.join(env.dir, 'webhook.csv');
		await writeCommentsCsv(file, 12);
		const input = { connection: 'default', owner: 'acme', source: 'webhook-src', file: { path: file }, mapping: CSV_MAPPING };

		const first = await post('/jobs/reinfer.bulkSync', { jobId: 'webhook-job-1', input }, auth);
		expect(first.status).toBe(202);
		expect(first.body).toMatchObject({ workflowId: 'webhook-job-1', existing: false });
		expect(first.body.runId).toEqual(expect.any(String));

		// The same id as Idempotency-Key header: same job, whether it still runs or already finished.
		const again = await post('/jobs/reinfer.bulkSync', { input }, { ...auth, 'Idempotency-Key': 'webhook-job-1' });
		expect(again.status).toBe(202);
		expect(again.body).toMatchObject({ workflowId: 'webhook-job-1', runId: first.body.runId, existing: true });

		const result = await env.client.workflow.getHandle('webhook-job-1').result();
		expect(result).toMatchObject({ rows: 12, new: 12, done: true });
		const afterDone = await post('/jobs/reinfer.bulkSync', { jobId: 'webhook-job-1', input }, auth);
		expect(afterDone.body).toMatchObject({ workflowId: 'webhook-job-1', runId: first.body.runId, existing: true, status: 'COMPLETED' });
		expect(env.emulator.reinfer.commentCount(sourceId)).toBe(12);

		const description = await env.client.workflow.getHandle('webhook-job-1').describe();
		expect(description.memo).toMatchObject({ job: 'reinfer.bulkSync', startedBy: 'webhook' });
		expect((await post('/jobs/reinfer.streamConsumer', { jobId: 'webhook-job-1', input: { connection: 'c', owner: 'o', dataset: 'd', trigger: 't', sink: { type: 'file', path: '/tmp/x' } } }, auth)).status).toBe(409);

		const conflicting = await post('/jobs/reinfer.bulkSync', { jobId: 'a', input }, { ...auth, 'Idempotency-Key': 'b' });
		expect(conflicting.status).toBe(400);
		expect(env.workerLogs).toContain('webhook: started reinfer.bulkSync job webhook-job-1');
		expect(env.workerLogs).not.toContain(TOKEN);
	});
});

describe('schedules CLI', () => {
	function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		return new Promise((resolve) => {
			execFile(process.execPath, [path.join(REPO, 'dist', 'worker', 'schedulesCli.js'), ...args], { env: env.workerEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
				resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
			});
		});
	}

	test('create, list, describe, pause, trigger, unpause and delete a nightly reinfer.bulkSync schedule', async () => {
		const file = path.join(env.dir, 'nightly.csv');
		await writeCommentsCsv(file, 4);
		const input = { connection: 'default', owner: 'acme', source: 'webhook-src', file: { path: file }, mapping: CSV_MAPPING };
		const created = await cli(['create', 'cli-nightly', '--job', 'reinfer.bulkSync', '--cron', '0 2 * * *', '--timezone', 'Europe/Berlin', '--catchup', '6h', '--note', 'nightly folder sync', '--input', JSON.stringify(input)]);
		expect(created).toMatchObject({ code: 0, stderr: '' });
		expect(JSON.parse(created.stdout)).toEqual({ created: 'cli-nightly', job: 'reinfer.bulkSync' });

		const listed = await eventually(async () => {
			const run = await cli(['list']);
			expect(run.code).toBe(0);
			const rows = run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { scheduleId: string });
			expect(rows.map((r) => r.scheduleId)).toContain('cli-nightly');
			return rows;
		});
		expect(listed.find((r) => r.scheduleId === 'cli-nightly')).toMatchObject({ paused: false, note: 'nightly folder sync', workflowType: 'reinferBulkSync' });

		const described = await cli(['describe', 'cli-nightly']);
		expect(JSON.parse(described.stdout)).toMatchObject({ scheduleId: 'cli-nightly', taskQueue: env.settings.taskQueue, overlap: 'SKIP', catchupWindowMs: 6 * 3_600_000 });

		const schedule = await env.client.schedule.getHandle('cli-nightly').describe();
		expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reinferBulkSync', args: [input] });
		expect(schedule.spec.timezone).toBe('Europe/Berlin');

		expect(JSON.parse((await cli(['pause', 'cli-nightly', '--note', 'holiday'])).stdout)).toEqual({ paused: 'cli-nightly' });
		expect((await env.client.schedule.getHandle('cli-nightly').describe()).state).toMatchObject({ paused: true, note: 'holiday' });
		expect(JSON.parse((await cli(['trigger', 'cli-nightly'])).stdout)).toEqual({ triggered: 'cli-nightly' });
		const fired = await eventually(async () => {
			const info = (await env.client.schedule.getHandle('cli-nightly').describe()).info;
			expect(info.recentActions).toHaveLength(1);
			return info.recentActions[0].action.workflow.workflowId;
		});
		expect(await env.client.workflow.getHandle(fired).result()).toMatchObject({ rows: 4, done: true });
		expect(JSON.parse((await cli(['unpause', 'cli-nightly'])).stdout)).toEqual({ unpaused: 'cli-nightly' });

		const deleted = await cli(['delete', 'cli-nightly']);
		expect(deleted).toMatchObject({ code: 0 });
		expect(JSON.parse(deleted.stdout)).toEqual({ deleted: 'cli-nightly' });
		const gone = await cli(['describe', 'cli-nightly']);
		expect(gone.code).toBe(1);
		expect(gone.stderr).toMatch(/schedule not found/);

		const usage = await cli(['create', 'x', '--job', 'nope']);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain(`--job must be one of ${JOB_NAMES.join(', ')}`);
	});
});
