/**
 * primer.bulkPredictions on a real Temporal dev server with a worker process (dist/worker/main.js)
 * against the Primer emulator: a 50,000-row CSV is uploaded in parts, predicted, and streamed into
 * a results file with one row per document, while the JWT expires (short TTL) and is revoked in
 * the middle of the job; the password and tokens appear in no history payload or worker log; the
 * worker's memory does not grow with the download.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { readRows } from '../../activities/files';
import { memoryMb, STORY_COLUMNS, writeStoriesCsv } from '../../bench/primer-data';
import { NEWS_TOPICS_MODEL, startPrimerEmulator, type PrimerEmulator } from '../../emulators/primer';
import { LocalStack } from '../../scripts/temporal/localStack';
import { EncryptionCodec } from '../../temporal/codec';
import { startJob } from '../../temporal/jobs';

jest.setTimeout(120_000);

const USER = { username: 'bulk@example.com', password: 'bulk-job-password-77c3e1' };
const ROWS = 50_000;
let env: LocalStack;
let emu: PrimerEmulator;
let workerPid = 0;

beforeAll(async () => {
	emu = await startPrimerEmulator({ users: [USER], settings: { tokenTtlMs: 2_500, jobQueuedMs: 300, jobProcessingMs: 2_500 } });
	env = await new LocalStack().start();
	const worker = await env.startWorker({
		TEXTAI_PRIMER_DEFAULT_URL: emu.apiUrl,
		TEXTAI_PRIMER_DEFAULT_SSO_URL: emu.ssoUrl,
		TEXTAI_PRIMER_DEFAULT_USERNAME: USER.username,
		TEXTAI_PRIMER_DEFAULT_PASSWORD: USER.password,
	});
	workerPid = worker.pid!;
});
afterAll(async () => {
	await env?.stop();
	await emu?.close();
});

function countRequests(fragment: string, method: string): number {
	return Object.entries(emu.stats().byRoute)
		.filter(([key]) => key.startsWith(`${method} `) && key.includes(fragment))
		.reduce((sum, [, r]) => sum + r.count, 0);
}

async function decodedHistory(workflowId: string): Promise<string> {
	const codec = EncryptionCodec.fromSpec(env.payloadKeys);
	const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
	const payloads: Payload[] = [];
	const walk = (node: unknown) => {
		if (!node || typeof node !== 'object' || node instanceof Uint8Array) return;
		const record = node as Record<string, unknown>;
		if (record.metadata && record.data instanceof Uint8Array) payloads.push(record as unknown as Payload);
		for (const value of Object.values(record)) walk(value);
	};
	walk(history);
	expect(payloads.length).toBeGreaterThan(5);
	const decoded = await Promise.all(
		payloads.map(async (p) => {
			const encoding = Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString();
			return encoding === 'binary/encrypted' ? (await codec.decode([p]))[0] : p;
		}),
	);
	return decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
}

test(`${ROWS.toLocaleString('en')} rows: upload in parts, token expiring and revoked mid-job, one result row per document, no secret in history or logs`, async () => {
	const file = path.join(env.dir, 'stories.csv');
	await writeStoriesCsv(file, ROWS);
	const outputPath = path.join(env.dir, 'predictions.csv');
	const started = Date.now();
	const handle = await startJob(
		env.client,
		'primer.bulkPredictions',
		{ connection: 'default', modelId: NEWS_TOPICS_MODEL, file: { path: file }, columns: STORY_COLUMNS, displayName: 'stories-50k', documentType: 'News', outputPath, partRows: 10_000, pollIntervalMs: 200, maxPollIntervalMs: 500 },
		{ taskQueue: env.settings.taskQueue, jobId: 'primer-bulk-50k' },
	);

	// Once the job waits for the platform: revoke every token (the next call gets a 401) and note
	// the worker's peak memory so far (it includes reading and uploading the file).
	let stage = '';
	while (stage !== 'waiting') {
		stage = ((await handle.query('progress')) as { stage: string }).stage;
		expect(['checking', 'uploading', 'requesting', 'waiting']).toContain(stage);
		await new Promise((r) => setTimeout(r, 50));
	}
	const revoked = emu.primer.revokeTokens();
	const loginsAtRevoke = emu.primer.auth.logins;
	const beforeDownload = memoryMb(workerPid);

	const result = await handle.result();
	const afterDownload = memoryMb(workerPid);
	const seconds = (Date.now() - started) / 1000;

	expect(result).toMatchObject({ rows: ROWS, uploaded: ROWS, skipped: 0, missing: 0, modelType: 'CLF_MULTILABEL', outputPath });
	expect(result.labelCounts).toEqual({ Sports: ROWS / 4, Politics: ROWS / 4, Health: ROWS / 4, Business: ROWS / 4 });
	expect(emu.primer.dataset(result.datasetId)).toMatchObject({ display_name: 'stories-50k', num_documents: ROWS, models: [{ id: NEWS_TOPICS_MODEL }] });
	expect(countRequests('datasets:upload', 'POST')).toBe(1);
	expect(countRequests('datasets:upload', 'PATCH')).toBe(4);

	// One results row per document, in document order, with the model's labels.
	let n = 0;
	for await (const { row, values } of readRows({ path: outputPath })) {
		if (values.document_id !== `doc-${row}`) throw new Error(`row ${row}: document_id ${String(values.document_id)}`);
		if (row % 9_999 === 0) expect(values).toMatchObject({ model_type: 'CLF_MULTILABEL', predicted_labels: ['Sports', 'Politics', 'Health', 'Business'][row % 4], top_label: ['Sports', 'Politics', 'Health', 'Business'][row % 4] });
		n++;
	}
	expect(n).toBe(ROWS);
	expect(fs.existsSync(`${outputPath}.download`)).toBe(false);

	// Tokens expired during the job (2.5 s lifetime) and were revoked once: the worker logged in
	// again each time and the job never noticed.
	const auth = emu.primer.auth;
	expect(revoked).toBeGreaterThan(0);
	expect(auth.logins).toBeGreaterThanOrEqual(3);
	// After the revocation the worker needed a new token: whether a call met the 401 first or the
	// refresh came just before it depends on timing, but a new login must have happened.
	expect(auth.logins).toBeGreaterThan(loginsAtRevoke);
	expect(auth.failedLogins).toBe(0);

	// The secret is nowhere: not in any (decrypted) history payload, not in the worker's logs.
	const history = await decodedHistory('primer-bulk-50k');
	expect(history).toContain('stories-50k'); // the check can see plaintext
	for (const secret of [USER.password, ...emu.primer.issuedTokens()]) {
		expect(history.includes(secret)).toBe(false);
		expect(env.workerLogs.includes(secret)).toBe(false);
	}
	expect(history).not.toContain('Story number 1,'); // document text never travels through Temporal

	// Memory, part 1: report. The first download may still raise the peak a little (V8 grows its heap lazily).
	const downloadedMb = result.downloadedBytes / 1024 / 1024;
	process.stdout.write(
		`primer 50k: ${seconds.toFixed(1)} s; downloaded ${downloadedMb.toFixed(1)} MB; worker peak RSS ${beforeDownload.peak} MB before the download, ${afterDownload.peak} MB after; logins ${auth.logins}, 401s ${auth.invalid + auth.expired}\n`,
	);
	expect(downloadedMb).toBeGreaterThan(25);
	datasetId = result.datasetId;
	peakAfterFirstJob = afterDownload.peak;
	downloadMb = downloadedMb;
});

let datasetId = '';
let peakAfterFirstJob = 0;
let downloadMb = 0;

test('the same 50,000 predictions again, for the existing dataset, into JSON: the worker\'s peak memory does not move', async () => {
	expect(datasetId).not.toBe('');
	const outputPath = path.join(env.dir, 'predictions.json');
	const handle = await startJob(
		env.client,
		'primer.bulkPredictions',
		{ connection: 'default', modelId: NEWS_TOPICS_MODEL, datasetId, outputPath, pollIntervalMs: 200, maxPollIntervalMs: 500 },
		{ taskQueue: env.settings.taskQueue, jobId: 'primer-bulk-50k-again' },
	);
	const result = await handle.result();
	const peak = memoryMb(workerPid).peak;
	expect(result).toMatchObject({ rows: ROWS, uploaded: 0, missing: 0, datasetId });
	const documents = JSON.parse(fs.readFileSync(outputPath, 'utf8')) as Array<{ document_id: string; predicted_labels: string[]; labels: unknown[] }>;
	expect(documents).toHaveLength(ROWS);
	expect(documents[7]).toMatchObject({ document_id: 'doc-7', predicted_labels: ['Business'] });
	expect(documents[7].labels).toHaveLength(4);
	process.stdout.write(`primer 50k again: worker peak RSS ${peakAfterFirstJob} MB -> ${peak} MB for another ${downloadMb.toFixed(1)} MB download\n`);
	// Holding a download takes its bytes plus the parsed documents, several times its size; streaming takes a constant.
	expect(peak - peakAfterFirstJob).toBeLessThan(downloadMb / 2);
});
