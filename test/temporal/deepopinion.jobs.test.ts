import { WorkflowFailedError } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { hitlWebhookUrl } from '../../activities/deepopinion/webhook';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { startJob } from '../../temporal/jobs';
import { hitlStateQuery } from '../../workflows/deepopinion/hitlDocument';
import { LocalStack } from '../../scripts/temporal/localStack';
import { EXTRACTION_FILES, loginClient, xlsxOf } from '../clients/deepopinionFixtures';
import { getFreePort } from '../../scripts/temporal/dev-server';

jest.setTimeout(120_000);

const SECRET = 'deepopinion-webhook-secret-for-tests';
let env: LocalStack;
let emulator: DeepOpinionEmulator;
let receiver: string;

function rootCause(error: unknown): Error {
	let e = error as Error & { cause?: unknown };
	while (e.cause instanceof Error) e = e.cause as Error & { cause?: unknown };
	return e;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn().catch(() => undefined);
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

beforeAll(async () => {
	emulator = await startDeepOpinionEmulator({ timing: { analysisMinMs: 500, analysisMsPerDocument: 0.15, queuedAfterMs: 500, trainingAfterMs: 1500, readyAfterMs: 4000, processingMs: 50 } });
	env = await new LocalStack().start();
	const port = await getFreePort();
	receiver = `http://127.0.0.1:${port}`;
	await env.startWorker({
		TEXTAI_DEEPOPINION_DEFAULT_URL: emulator.url,
		TEXTAI_DEEPOPINION_DEFAULT_EMAIL: 'dev@deepopinion.test',
		TEXTAI_DEEPOPINION_DEFAULT_PASSWORD: 'dev-password',
		TEXTAI_DEEPOPINION_WEBHOOK_PORT: String(port),
		TEXTAI_DEEPOPINION_WEBHOOK_SECRET: SECRET,
	});
	expect(env.workerLogs).toContain(`deepopinion hitl webhooks listening: ${receiver}/deepopinion/hitl/`);
});
afterAll(async () => {
	await env?.stop();
	await emulator?.close();
});

const start = <N extends Parameters<typeof startJob>[1]>(name: N, input: Parameters<typeof startJob<N>>[2], jobId: string) => startJob(env.client, name, input, { taskQueue: env.settings.taskQueue, jobId });

describe('deepopinion.batchAnalysis', () => {
	test('a 10,000-row XLSX file: upload, analysis, wait, every document with its segments and tags in the results file', async () => {
		const phrases = ['The staff was friendly.', 'The room was dirty.', 'Breakfast was great! The beach is near.', 'Reception was slow and rude.', 'Quiet room, comfortable bed.'];
		const rows: unknown[][] = [['ticket', 'review', 'channel']];
		for (let i = 0; i < 10_000; i++) rows.push([`T-${i}`, `${phrases[i % phrases.length]} Visit ${i}.`, i % 2 ? 'web' : 'mail']);
		const file = path.join(env.dir, 'reviews-10k.xlsx');
		fs.writeFileSync(file, xlsxOf(rows));
		const outputPath = path.join(env.dir, 'analysis-10k.jsonl');
		const handle = await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath, pollIntervalMs: 200 }, 'do-batch-10k');
		const result = await handle.result();
		expect(result).toMatchObject({ status: 'FINISHED', documents: 10_000, outputPath });
		expect(result.polls).toBeGreaterThan(1); // the analysis took a while: CREATED/STARTED were seen first
		const lines = fs.readFileSync(outputPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(lines).toHaveLength(10_000);
		expect(new Set(lines.map((l) => l.document_id)).size).toBe(10_000);
		let segments = 0;
		let tags = 0;
		lines.forEach((line, i) => {
			expect(line.text).toBe(rows[i + 1][1]);
			expect(line.ref ?? null).toBeNull();
			expect(line.segments.length).toBeGreaterThanOrEqual(2);
			for (const s of line.segments) {
				expect(line.text.slice(s.span[0], s.span[1])).toBe(s.text);
				expect(s.tags.length).toBeGreaterThan(0);
				segments++;
				tags += s.tags.length;
			}
		});
		expect(result.segments).toBe(segments);
		expect(result.tags).toBe(tags);
		expect(lines[1].segments[0]).toEqual({ text: 'The room was dirty.', span: [0, 19], tags: [{ class: 'Cleanliness', label: 'NEG' }, { class: 'Comfort', label: 'NEG' }] });
		expect(lines[0].tags[0]).toBe('Staff/POS');
		expect(lines[0].tags).toHaveLength(2);
		// Only the upload, the creation, status checks and 10 pages of 1,000 reached the API.
		const stats = emulator.stats().byRoute;
		expect(stats['POST /analyses/upload'].count).toBe(1);
		expect(stats['POST /analyses'].count).toBe(1);
		expect(stats['GET /analyses/:analysis_id/documents'].count).toBe(10);

		// The same job id returns the finished job; a new job with the same analysis name reuses the analysis.
		const again = await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath }, 'do-batch-10k');
		expect(await again.result()).toEqual(result);
		expect(emulator.stats().byRoute['POST /analyses'].count).toBe(1);
	});

	test('CSV and XLSX results, column by index; a wrong column and a wrong file type fail clearly', async () => {
		const file = path.join(env.dir, 'small.csv');
		fs.writeFileSync(file, 'id;text\n1;"The bed was comfortable; the staff rude."\n2;Dirty towels\n');
		const csvOut = path.join(env.dir, 'small-results.csv');
		const csv = await (await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, column: 1, split: false, outputPath: csvOut, pollIntervalMs: 200 }, 'do-batch-csv')).result();
		expect(csv).toMatchObject({ documents: 2, segments: 2 });
		const text = fs.readFileSync(csvOut, 'utf8').split('\r\n');
		expect(text[0]).toBe('document_id,ref,text,segment_count,tags,segments');
		expect(text[2]).toMatch(/^\d+,2,Dirty towels,1,Cleanliness\/NEG,"\[{""text"":""Dirty towels""/);
		const xlsxOut = path.join(env.dir, 'small-results.xlsx');
		await (await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'text', outputPath: xlsxOut, pollIntervalMs: 200, name: 'xlsx-out' }, 'do-batch-xlsx')).result();
		expect(fs.readFileSync(xlsxOut).subarray(0, 2).toString()).toBe('PK');

		const badColumn = await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'body', outputPath: csvOut }, 'do-batch-badcol');
		await expect(badColumn.result()).rejects.toThrow(WorkflowFailedError);
		const failure = await badColumn.result().catch(rootCause);
		expect(failure?.message).toBe('Invalid input for DeepOpinion batchAnalysis: field "columnName" "body" is not a column of small.csv (columns: id, text)');
		const pdf = path.join(env.dir, 'notes.docx');
		fs.writeFileSync(pdf, 'x');
		const wrongType = await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: pdf }, modelId: 1, columnName: 'text', outputPath: csvOut }, 'do-batch-docx');
		const typeFailure = await wrongType.result().catch(rootCause);
		expect(typeFailure?.message).toBe('Invalid input for DeepOpinion uploadAnalysisFile: field "file" "notes.docx" has the extension .docx, which this upload does not accept (accepted: .csv, .txt, .json, .jsonl, .xlsx)');
	});
});

describe('deepopinion.training', () => {
	test('train -> CREATED, QUEUED, TRAINING, READY -> summary with metrics; no documents -> the job fails', async () => {
		const client = loginClient(emulator.url);
		const project = await client.createProject({ name: 'train-job', type: 'ABSA' });
		await client.createClass(project.id, { name: 'Staff' });
		const session = await client.createLabelingSession(project.id, { name: 'gold', documents: [{ text: 'Friendly staff', segments: [{ text: 'Friendly staff', tags: [{ class: 'Staff', label: 'POS' }] }] }] });
		const summary = await (await start('deepopinion.training', { connection: 'default', projectId: project.id, displayName: 'Staff model', annotationIds: [session.id], pollIntervalMs: 100 }, 'do-train')).result();
		expect(summary).toMatchObject({ status: 'READY', progress: 100, projectId: project.id, displayName: 'Staff model', name: 'textai-do-train', metrics: { f1: expect.any(Number), train_size: 1 } });
		expect(summary.statuses[0]).toBe('CREATED');
		expect(summary.statuses.at(-1)).toBe('READY');
		expect(summary.statuses).toEqual(expect.arrayContaining(['TRAINING'])); // QUEUED too, unless a poll missed its second
		expect(summary.score).toBe(summary.metrics.f1);

		const empty = await client.createLabelingSession(project.id, { name: 'empty', document_ids: [] });
		const failing = await start('deepopinion.training', { connection: 'default', projectId: project.id, displayName: 'Empty', annotationIds: [empty.id], pollIntervalMs: 100 }, 'do-train-fail');
		const cause = await failing.result().catch((e: WorkflowFailedError) => e.cause as { type?: string; message: string });
		expect(cause).toMatchObject({ type: 'TrainingFailed' });
	});
});

describe('deepopinion.hitlDocument', () => {
	let projectId: number;
	let hitlId: number;

	beforeAll(async () => {
		const client = loginClient(emulator.url);
		projectId = (await client.createProject({ name: 'hitl-invoices', type: 'LABEL' })).id;
		const hitl = await client.createHitl(projectId, { name: 'Invoice desk', model_id: 1, is_live: true, webhook_url: 'https://example.com/original-hook' });
		hitlId = hitl.id;
		// Every field below 100% confidence needs review.
		await fetch(`${emulator.url}/projects/${projectId}/hitls/${hitlId}`, { method: 'PUT', headers: { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ labels: { 'First name': 100, 'Last name': 100, 'Invoice number': 100, Total: 100 } }) });
	});

	const input = (name: string, extra: object = {}) => {
		const file = path.join(env.dir, name);
		fs.writeFileSync(file, EXTRACTION_FILES.png().data);
		return { connection: 'default', organizationId: 1, projectId, modelId: 1, file: { path: file }, outputPath: path.join(env.dir, `${name}.result.json`), ...extra };
	};
	const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

	test('the job waits; forged and replayed calls are rejected; the review completes and the webhook wakes the job', async () => {
		const handle = await start('deepopinion.hitlDocument', input('invoice-a.png', { pollIntervalMs: 120_000 }), 'do-hitl-a');
		const state = await waitFor('the job to wait', async () => {
			const s = await handle.query(hitlStateQuery);
			return s.phase === 'waiting' ? s : undefined;
		});
		expect(state).toMatchObject({ hitlId, documentIds: [expect.any(Number)], polls: 0 });
		const documentId = state.documentIds[0] as number;
		const hookUrl = emulator.deepopinion.store.hitls.get(hitlId)!.webhook_url!;
		expect(hookUrl).toBe(hitlWebhookUrl({ publicUrl: receiver, secret: SECRET }, 'do-hitl-a', state.nonce));
		expect(hookUrl.length).toBeLessThanOrEqual(255);

		const event = { event: 'hitl.review.completed', delivery_id: 'forged-1', hitl_id: hitlId, project_id: projectId, document_id: documentId, status: 'COMPLETED' };
		// Forged: a wrong token, a token for another job, the job's path with a made-up token.
		expect((await post(hookUrl.replace(/[^/]+$/, 'A'.repeat(43)), event)).status).toBe(401);
		expect((await post(hookUrl.replace('/do-hitl-a/', '/do-hitl-b/'), event)).status).toBe(401);
		expect((await post(`${receiver}/deepopinion/hitl/do-hitl-a/${state.nonce}/not-the-token`, event)).status).toBe(401);
		// Valid token, but the URL of an earlier run, another HITL or document, a job that does not exist.
		expect((await post(hitlWebhookUrl({ publicUrl: receiver, secret: SECRET }, 'do-hitl-a', '00000000-0000-4000-8000-000000000000'), event)).status).toBe(410);
		const mismatch = await post(hookUrl, { ...event, hitl_id: hitlId + 99 });
		expect(mismatch.status).toBe(409);
		expect(await mismatch.json()).toEqual({ error: `the event is for HITL ${hitlId + 99}, the job waits on HITL ${hitlId}` });
		expect((await post(hookUrl, { ...event, document_id: documentId + 1000 })).status).toBe(409);
		expect((await post(hitlWebhookUrl({ publicUrl: receiver, secret: SECRET }, 'no-such-job', state.nonce), event)).status).toBe(404);
		expect((await post(hookUrl, { hello: 'world' })).status).toBe(400);
		// A well-formed call only wakes the job: the API still says the reviews are pending, it keeps waiting.
		expect((await post(hookUrl, event)).status).toBe(202);
		expect((await post(hookUrl, event)).status).toBe(409); // replayed delivery
		await waitFor('the woken job to check the API', async () => ((await handle.query(hitlStateQuery)).pendingReviews === 4 ? true : undefined));
		expect((await handle.query(hitlStateQuery)).phase).toBe('waiting');

		// A reviewer completes the reviews in Studio: DeepOpinion POSTs the webhook, the job finishes.
		const started = Date.now();
		emulator.deepopinion.completeReviews({ document_id: documentId, values: { Total: '120.00' } });
		const result = await handle.result();
		expect(Date.now() - started).toBeLessThan(20_000); // long before the 2-minute poll
		expect(result).toMatchObject({ status: 'completed', completedVia: 'webhook', hitlId, reviews: 4, pendingReviews: 0, webhook: 'attached', webhooksAccepted: 2, polls: 0 });
		const delivery = emulator.deepopinion.deliveries().find((d) => d.body.document_id === documentId)!;
		expect(delivery).toMatchObject({ url: hookUrl, status: 202 });
		const output = JSON.parse(fs.readFileSync(result.outputPath, 'utf8'));
		expect(output).toMatchObject({ status: 'completed', hitl_id: hitlId, documents: [{ document_id: documentId, fields: { Total: '120.00' }, reviews: expect.any(Array) }] });
		expect(output.documents[0].reviews).toHaveLength(4);
		// The HITL's webhook is given back; replaying DeepOpinion's real call now is refused too.
		expect(emulator.deepopinion.store.hitls.get(hitlId)!.webhook_url).toBe('https://example.com/original-hook');
		expect((await post(delivery.url, delivery.body)).status).toBe(409);
		// No secret in the job's history.
		const history = JSON.stringify(await handle.fetchHistory());
		expect(history).not.toContain(hookUrl.split('/').pop());
		expect(history).not.toContain('dev-password');
	});

	test('a lost webhook is covered by polling', async () => {
		emulator.deepopinion.setDropWebhooks(true);
		try {
			const handle = await start('deepopinion.hitlDocument', input('invoice-b.png', { pollIntervalMs: 400 }), 'do-hitl-b');
			const state = await waitFor('the job to wait', async () => {
				const s = await handle.query(hitlStateQuery);
				return s.phase === 'waiting' ? s : undefined;
			});
			emulator.deepopinion.completeReviews({ document_id: state.documentIds[0] as number });
			const result = await handle.result();
			expect(result).toMatchObject({ status: 'completed', completedVia: 'poll', webhooksAccepted: 0, pendingReviews: 0 });
			expect(result.polls).toBeGreaterThanOrEqual(1);
			expect(emulator.deepopinion.deliveries().find((d) => d.body.document_id === state.documentIds[0])).toMatchObject({ dropped: true, attempts: 0 });
		} finally {
			emulator.deepopinion.setDropWebhooks(false);
		}
	});

	test('no review needed: the result is written right away; a review nobody does ends at the deadline', async () => {
		await fetch(`${emulator.url}/projects/${projectId}/hitls/${hitlId}`, { method: 'PUT', headers: { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ labels: { 'First name': 1, 'Last name': 1, 'Invoice number': 1, Total: 1 } }) });
		const quick = await (await start('deepopinion.hitlDocument', input('invoice-c.png'), 'do-hitl-c')).result();
		expect(quick).toMatchObject({ status: 'not_required', completedVia: null, reviews: 0 });
		await fetch(`${emulator.url}/projects/${projectId}/hitls/${hitlId}`, { method: 'PUT', headers: { Authorization: 'Bearer dev-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ labels: { 'First name': 1, 'Last name': 1, 'Invoice number': 1, Total: 100 } }) });
		const late = await (await start('deepopinion.hitlDocument', input('invoice-d.png', { deadlineMs: 1500, pollIntervalMs: 500 }), 'do-hitl-d')).result();
		expect(late).toMatchObject({ status: 'timed_out', pendingReviews: 1, reviews: 1 });
		expect(JSON.parse(fs.readFileSync(late.outputPath, 'utf8')).status).toBe('timed_out');
		expect(emulator.deepopinion.store.hitls.get(hitlId)!.webhook_url).toBe('https://example.com/original-hook');
	});
});
