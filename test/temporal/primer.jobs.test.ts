/**
 * primer.bulkPredictions and primer.deployAndWait on a real dev server with a worker process,
 * against the Primer emulator: bad input fails at once with errors naming what is wrong (nothing
 * uploaded), a failed platform job fails the Temporal job, answers lost after an upload took
 * effect do not duplicate documents, a dropped download is retried, XLSX/JSONL in and out,
 * deployments, and both jobs started from the Textai Jobs node through n8n's engine.
 */
import * as XLSX from '@e965/xlsx';
import { WorkflowFailedError } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { readRows } from '../../activities/files';
import { story, STORY_COLUMNS, writeStoriesCsv } from '../../bench/primer-data';
import { ENTITIES_MODEL, NEWS_TOPICS_MODEL, startPrimerEmulator, UNDEPLOYED_MODEL, type PrimerEmulator } from '../../emulators/primer';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob, type JobInputs } from '../../temporal/jobs';
import { runJobs, temporalCredentials } from '../bridge/helpers';

jest.setTimeout(120_000);

const USER = { username: 'jobs@example.com', password: 'jobs-password-31d9' };
let env: LocalStack;
let emu: PrimerEmulator;
let seq = 0;

beforeAll(async () => {
	emu = await startPrimerEmulator({ users: [USER], settings: { jobQueuedMs: 100, jobProcessingMs: 400, deployMs: 1_200 } });
	env = await new LocalStack().start();
	await env.startWorker({
		TEXTAI_PRIMER_DEFAULT_URL: emu.apiUrl,
		TEXTAI_PRIMER_DEFAULT_SSO_URL: emu.ssoUrl,
		TEXTAI_PRIMER_DEFAULT_USERNAME: USER.username,
		TEXTAI_PRIMER_DEFAULT_PASSWORD: USER.password,
	});
});
afterAll(async () => {
	await env?.stop();
	await emu?.close();
});

type BulkInput = JobInputs['primer.bulkPredictions'];

async function run(input: Partial<BulkInput>) {
	const handle = await startJob(
		env.client,
		'primer.bulkPredictions',
		{ connection: 'default', modelId: NEWS_TOPICS_MODEL, outputPath: path.join(env.dir, `out-${++seq}.csv`), pollIntervalMs: 100, maxPollIntervalMs: 300, ...input } as BulkInput,
		{ taskQueue: env.settings.taskQueue, jobId: `primer-job-${seq}-${Date.now()}` },
	);
	return handle.result();
}

/** The failure a job ended with: the activity's (or workflow's) message and type. */
async function failure(input: Partial<BulkInput>): Promise<{ message: string; type?: string }> {
	const error = await run(input).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(WorkflowFailedError);
	const cause = (error as WorkflowFailedError).cause as (Error & { cause?: Error & { type?: string }; type?: string }) | undefined;
	const inner = cause?.cause ?? cause;
	return { message: inner?.message ?? '', type: inner?.type };
}

async function csvFile(name: string, rows: number, bad?: Set<number>): Promise<string> {
	const file = path.join(env.dir, name);
	await writeStoriesCsv(file, rows, bad);
	return file;
}

describe('bad input fails at once, naming what is wrong; nothing is uploaded', () => {
	test('unknown file type, missing display name, non-UUID ids, malformed CSV row', async () => {
		const before = emu.primer.datasets().length;
		const txt = path.join(env.dir, 'stories.txt');
		fs.writeFileSync(txt, 'doc_id,headline,body\n1,a,b\n');
		expect(await failure({ file: { path: txt }, columns: STORY_COLUMNS, displayName: 'x' })).toEqual({
			message: `Cannot tell the format of "${txt}" from its extension ".txt": set format to csv, json, jsonl or xlsx`,
			type: 'FileError',
		});

		const file = await csvFile('ten.csv', 10);
		expect(await failure({ file: { path: file }, columns: STORY_COLUMNS })).toEqual({
			message: 'Invalid input for Primer Automate bulkPredictions: field "displayName" is required and must be non-empty text, got nothing (the name of the dataset created from the file)',
			type: 'ValidationError',
		});

		expect(await failure({ modelId: 'news-topics', datasetId: '1234' })).toEqual({
			message:
				'Invalid input for Primer Automate bulkPredictions: field "modelId" must be a UUID like 3a437e2e-99fb-480c-a112-db9e82ae6ec7, got "news-topics"; field "datasetId" must be a UUID like 3a437e2e-99fb-480c-a112-db9e82ae6ec7, got "1234"',
			type: 'ValidationError',
		});

		expect(await failure({ file: { path: file }, columns: { ...STORY_COLUMNS, text: 'content' }, displayName: 'x' })).toEqual({
			message: `Invalid input for Primer Automate bulkPredictions: field "columns.text" names the column "content", which ${file} does not have (columns: doc_id, headline, body)`,
			type: 'ValidationError',
		});

		const bad = await csvFile('bad-rows.csv', 30, new Set([2, 17]));
		expect(await failure({ file: { path: bad }, columns: STORY_COLUMNS, displayName: 'x' })).toEqual({
			message: `Invalid rows in ${bad}: row 2: expected 3 fields (as in the header), got 4; row 17: expected 3 fields (as in the header), got 4 (2 of 30 rows are invalid; rows count data rows from 0, header excluded). Nothing was uploaded: fix the file, or set onInvalidRow to "skip".`,
			type: 'ValidationError',
		});

		const nowhere = path.join(env.dir, 'no-such-folder', 'results.csv');
		expect(await failure({ file: { path: file }, columns: STORY_COLUMNS, displayName: 'x', outputPath: nowhere })).toEqual({
			message: `Invalid input for Primer Automate bulkPredictions: field "outputPath" cannot be written: no such directory ${path.dirname(nowhere)}`,
			type: 'ValidationError',
		});
		expect(emu.primer.datasets()).toHaveLength(before);
		// The upload parts the check cut on the way are gone with it.
		expect(fs.readdirSync(env.dir).filter((f) => f.includes('.upload-parts.'))).toEqual([]);
	});

	test('with onInvalidRow "skip", bad rows go to the errors file and the rest are predicted', async () => {
		const bad = await csvFile('skip-rows.csv', 30, new Set([2, 17]));
		const result = await run({ file: { path: bad }, columns: STORY_COLUMNS, displayName: 'skipping', onInvalidRow: 'skip' });
		expect(result).toMatchObject({ rows: 28, uploaded: 28, skipped: 2, missing: 0, errorsFile: `${bad}.errors.jsonl` });
		const errors = fs.readFileSync(`${bad}.errors.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(errors.map((e) => e.row)).toEqual([2, 17]);
		expect(errors[0].issues[0]).toMatchObject({ itemIndex: 2, field: 'row', problem: 'expected 3 fields (as in the header), got 4' });
		// The parts spooled by the check were uploaded and removed.
		expect(fs.readdirSync(env.dir).filter((f) => f.includes('.upload-parts.'))).toEqual([]);
	});

	test('a bulk prediction job that fails on the platform fails the Temporal job with its reason', async () => {
		emu.primer.failNextJobs(1, 'model server out of memory');
		const file = await csvFile('fails.csv', 20);
		const { message, type } = await failure({ file: { path: file }, columns: STORY_COLUMNS, displayName: 'failing' });
		const dataset = emu.primer.datasets().find((d) => d.display_name === 'failing')!;
		const job = emu.primer.jobs().find((j) => j.dataset_id === dataset.id)!;
		expect({ message, type }).toEqual({
			message: `Primer Automate bulk prediction job ${job.request_predictions_id} (dataset ${dataset.id}, model ${NEWS_TOPICS_MODEL}) ended with status FAILED: model server out of memory`,
			type: 'PredictionJobFailed',
		});
	});
});

describe('robustness', () => {
	test('an upload answered with 502 after it took effect is not sent twice (create and append); a dropped download is fetched again', async () => {
		const file = await csvFile('lost-answers.csv', 250);
		const count = (key: string, status: string) => emu.stats().byRoute[key]?.byStatus[status] ?? 0;
		const before = { post: count('POST /api/v1alpha/automate/datasets:upload', '502'), patch: count('PATCH /api/v1alpha/automate/datasets:upload', '502'), aborted: count('GET /api/v1alpha/automate/predictions', 'aborted'), ok: count('GET /api/v1alpha/automate/predictions', '200') };
		emu.primer.failAfterCommit({ method: 'POST', path: 'datasets:upload', count: 1 });
		emu.primer.failAfterCommit({ method: 'PATCH', path: 'datasets:upload', count: 1 });
		emu.primer.dropNextDownloadAfter(100);
		emu.primer.configure({ downloadChunkRows: 50 });
		const result = await run({ file: { path: file }, columns: STORY_COLUMNS, displayName: 'lost-answers', partRows: 60 });
		emu.primer.configure({ downloadChunkRows: 500 });
		expect(result).toMatchObject({ rows: 250, uploaded: 250, missing: 0 });
		const docs = emu.primer.documents(result.datasetId);
		expect(docs).toHaveLength(250);
		expect(new Set(docs.map((d) => d.id)).size).toBe(250);
		expect(emu.primer.datasets().filter((d) => d.display_name === 'lost-answers')).toHaveLength(1);
		// Each fault fired once: the create and one append answered 502 after taking effect, and the
		// first download was cut after 100 rows; the retries adopted / skipped / fetched again.
		expect({
			post: count('POST /api/v1alpha/automate/datasets:upload', '502') - before.post,
			patch: count('PATCH /api/v1alpha/automate/datasets:upload', '502') - before.patch,
			aborted: count('GET /api/v1alpha/automate/predictions', 'aborted') - before.aborted,
			ok: count('GET /api/v1alpha/automate/predictions', '200') - before.ok,
		}).toEqual({ post: 1, patch: 1, aborted: 1, ok: 1 });
	});

	test('XLSX in, XLSX out; JSONL in with labels, JSONL out', async () => {
		const rows = Array.from({ length: 40 }, (_, i) => story(i));
		const xlsxIn = path.join(env.dir, 'stories.xlsx');
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['doc_id', 'headline', 'body'], ...rows.map((s) => [s.id, s.title, s.text])]), 'News');
		XLSX.writeFile(book, xlsxIn);
		const xlsxOut = path.join(env.dir, 'predictions.xlsx');
		const fromXlsx = await run({ file: { path: xlsxIn }, columns: STORY_COLUMNS, displayName: 'from-xlsx', outputPath: xlsxOut });
		expect(fromXlsx.rows).toBe(40);
		const out: Array<Record<string, unknown>> = [];
		for await (const { values } of readRows({ path: xlsxOut })) out.push(values);
		expect(out).toHaveLength(40);
		expect(out[5]).toMatchObject({ document_id: 'doc-5', predicted_labels: 'Politics', top_label: 'Politics', model_type: 'CLF_MULTILABEL' });

		const jsonlIn = path.join(env.dir, 'labelled.jsonl');
		fs.writeFileSync(jsonlIn, rows.map((s) => JSON.stringify({ key: s.id, story: s.text, topic: s.topic })).join('\n'));
		const jsonlOut = path.join(env.dir, 'entities.jsonl');
		const ner = await run({ modelId: ENTITIES_MODEL, file: { path: jsonlIn }, columns: { id: 'key', text: 'story', label: 'topic' }, displayName: 'labelled', outputPath: jsonlOut, includeText: true });
		expect(ner).toMatchObject({ rows: 40, modelType: 'NER' });
		const lines = fs.readFileSync(jsonlOut, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(lines[0]).toMatchObject({ document_id: 'doc-0', model_type: 'NER', document_text: rows[0].text });
		expect(emu.primer.documents(ner.datasetId)[0].labels).toEqual(['Sports']);
	});
});

describe('primer.deployAndWait', () => {
	test('deploys and returns once the model serves; a failing deployment fails the job', async () => {
		const handle = await startJob(env.client, 'primer.deployAndWait', { connection: 'default', modelId: UNDEPLOYED_MODEL, pollIntervalMs: 200, maxPollIntervalMs: 400 }, { taskQueue: env.settings.taskQueue, jobId: 'primer-deploy-1' });
		const result = await handle.result();
		expect(result).toMatchObject({ modelId: UNDEPLOYED_MODEL, statusMessage: 'Model deployment requested', modelType: 'CLF_MULTILABEL' });
		expect(result.probes).toBeGreaterThan(1);
		expect(emu.primer.model(UNDEPLOYED_MODEL)?.deployment.state).toBe('deployed');

		const doomed = '22222222-3333-4444-8555-666666666666';
		emu.primer.putModel({ id: doomed, name: 'Doomed', deployment: 'not_deployed', labels: [{ label: 'X' }] });
		emu.primer.failNextDeployments(1, 'no GPU capacity');
		const failing = await startJob(env.client, 'primer.deployAndWait', { connection: 'default', modelId: doomed, pollIntervalMs: 200 }, { taskQueue: env.settings.taskQueue, jobId: 'primer-deploy-2' });
		const error = await failing.result().then(
			() => undefined,
			(e: unknown) => e as WorkflowFailedError,
		);
		const cause = error?.cause?.cause as (Error & { type?: string }) | undefined;
		expect([cause?.message, cause?.type]).toEqual([`Primer Automate could not deploy model ${doomed}: The deployment of model ${doomed} failed: no GPU capacity`, 'DeploymentFailed']);
	});
});

describe('from n8n: the Textai Jobs node starts both jobs', () => {
	test('primer.deployAndWait and primer.bulkPredictions with Wait For Completion', async () => {
		const credentials = temporalCredentials(env);
		const model = '33333333-4444-4555-8666-777777777777';
		emu.primer.putModel({ id: model, name: 'Fresh', deployment: 'not_deployed', labels: [{ label: 'Sports', keywords: ['goal'] }] });
		const deployed = await runJobs(
			credentials,
			{ resource: 'job', operation: 'start', job: 'primer.deployAndWait', input: JSON.stringify({ connection: 'default', modelId: model, pollIntervalMs: 200 }), jobId: 'n8n-primer-deploy', waitForCompletion: true, pollInterval: 0.2, timeout: 30 },
			{ timeoutMs: 40_000 },
		);
		expect(deployed.error).toBeUndefined();
		expect(deployed.json[0]).toMatchObject({ job: 'primer.deployAndWait', status: 'COMPLETED', result: { modelId: model, statusMessage: 'Model deployment requested' } });

		const file = await csvFile('from-n8n.csv', 25);
		const outputPath = path.join(env.dir, 'from-n8n.json');
		const input = { connection: 'default', modelId: NEWS_TOPICS_MODEL, file: { path: file }, columns: STORY_COLUMNS, displayName: 'from-n8n', outputPath, pollIntervalMs: 100 };
		const bulk = await runJobs(
			credentials,
			{ resource: 'job', operation: 'start', job: 'primer.bulkPredictions', input: JSON.stringify(input), jobId: 'n8n-primer-bulk', waitForCompletion: true, pollInterval: 0.2, timeout: 30 },
			{ timeoutMs: 40_000 },
		);
		expect(bulk.error).toBeUndefined();
		expect(bulk.json[0]).toMatchObject({ job: 'primer.bulkPredictions', status: 'COMPLETED', result: { rows: 25, uploaded: 25, outputPath } });
		expect(JSON.parse(fs.readFileSync(outputPath, 'utf8'))).toHaveLength(25);
		const status = await runJobs(credentials, { resource: 'job', operation: 'getStatus', jobId: { __rl: true, mode: 'id', value: 'n8n-primer-bulk' }, includeProgress: true });
		expect(status.json[0]).toMatchObject({ searchAttributes: { TextaiPlatform: 'primer', TextaiJobKind: 'bulk-predictions', TextaiJobState: 'completed' }, progress: { stage: 'completed', uploaded: 25 } });
	});
});
