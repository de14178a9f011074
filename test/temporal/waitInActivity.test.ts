import type { WorkflowHandle } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRecord } from '../../activities/files';
import { axiosTransport, timerSleep } from '../../activities/shared/axiosTransport';
import { newestMessageId } from '../../activities/luminoso/classify';
import { LuminosoClient, LuminosoTokenAuth } from '../../clients/luminoso';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';

/**
 * Short status polls run inside one activity (a workflow timer fires about a second late at best),
 * long ones between durable timers; and finding a Compass project's newest message takes a few
 * requests, not one per page of messages.
 */
jest.setTimeout(120_000);

const ADMIN = { username: 'admin@example.com', password: 'admin-password' };
const TRAINING_MS = 1500;
let env: LocalStack;
let luminoso: LuminosoEmulator;
let deepopinion: DeepOpinionEmulator;
let client: LuminosoClient;

beforeAll(async () => {
	luminoso = await startLuminosoEmulator({ trainingMs: TRAINING_MS });
	deepopinion = await startDeepOpinionEmulator({ timing: { analysisMinMs: 1500, analysisMsPerDocument: 0 } });
	env = await new LocalStack().start();
	await env.startWorker({
		TEXTAI_LUMINOSO_DEFAULT_URL: luminoso.apiUrl,
		TEXTAI_LUMINOSO_DEFAULT_USERNAME: ADMIN.username,
		TEXTAI_LUMINOSO_DEFAULT_PASSWORD: ADMIN.password,
		TEXTAI_DEEPOPINION_DEFAULT_URL: deepopinion.url,
		TEXTAI_DEEPOPINION_DEFAULT_EMAIL: 'dev@deepopinion.test',
		TEXTAI_DEEPOPINION_DEFAULT_PASSWORD: 'dev-password',
	});
	const transport = axiosTransport();
	client = new LuminosoClient({ baseUrl: luminoso.apiUrl, transport, sleep: timerSleep, auth: new LuminosoTokenAuth(luminoso.apiUrl, transport, timerSleep, ADMIN) });
});
afterAll(async () => {
	await env?.stop();
	await luminoso?.close();
	await deepopinion?.close();
});

async function newProject(name: string): Promise<string> {
	const account = await client.createAccount(`${name} account`);
	return String((await client.createProject({ name, account: account.id, language: 'en' })).id);
}

/** Activity types scheduled, and timers started, in a job's history. */
async function commands(handle: WorkflowHandle): Promise<{ activities: string[]; timers: number }> {
	const events = (await handle.fetchHistory()).events ?? [];
	return {
		activities: events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter((name): name is string => Boolean(name)),
		timers: events.filter((e) => e.timerStartedEventAttributes).length,
	};
}

const start = <N extends Parameters<typeof startJob>[1]>(name: N, input: Parameters<typeof startJob<N>>[2], jobId: string) => startJob(env.client, name, input, { taskQueue: env.settings.taskQueue, jobId });

describe('waiting for training and analyses', () => {
	test('Compass training polled every 200 ms: one waiting activity checks until ready, no workflow timer', async () => {
		const project = await newProject('short polls');
		await client.addDocumentBatch(project, Array.from({ length: 40 }, (_, i) => ({ text: i % 2 ? `refund invoice ${i}` : `parcel courier ${i}`, label: i % 2 ? 'billing' : 'delivery' })));
		const handle = await start('luminoso.buildClassifier', { connection: 'default', project, classifier: { name: 'fast', type: 'voting', status: 'active' }, pollIntervalMs: 200 }, 'wait-luminoso-short');
		const result = await handle.result();
		expect(result.classifier).toMatchObject({ training_state: 'ready', status: 'active', created: true });
		// Training takes 1.5 s: checked about every 200 ms inside the activity.
		expect(result.checks).toBeGreaterThanOrEqual(5);
		expect(await commands(handle)).toEqual({ activities: ['luminosoEnsureClassifier', 'luminosoAwaitClassifier'], timers: 0 });
	});

	test('Compass training polled every 10 s: single checks between durable timers', async () => {
		const project = await newProject('long polls');
		await client.addDocumentBatch(project, Array.from({ length: 40 }, (_, i) => ({ text: `screen battery ${i}`, label: i % 2 ? 'product' : 'support' })));
		const handle = await start('luminoso.buildClassifier', { connection: 'default', project, classifier: { name: 'slow', type: 'voting', status: 'active' }, pollIntervalMs: 10_000 }, 'wait-luminoso-long');
		const result = await handle.result();
		expect(result.classifier).toMatchObject({ training_state: 'ready', status: 'active' });
		expect(result.checks).toBe(2);
		expect(await commands(handle)).toEqual({ activities: ['luminosoEnsureClassifier', 'luminosoAwaitClassifier', 'luminosoAwaitClassifier'], timers: 1 });
	});

	test('a DeepOpinion analysis polled every 100 ms: one waiting activity until FINISHED, no workflow timer', async () => {
		const file = path.join(env.dir, 'reviews.csv');
		fs.writeFileSync(file, [formatCsvRecord(['id', 'review']), ...Array.from({ length: 50 }, (_, i) => formatCsvRecord([i, `The room was clean. Visit ${i}.`]))].join(''));
		const handle = await start('deepopinion.batchAnalysis', { connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath: path.join(env.dir, 'reviews.jsonl'), pollIntervalMs: 100 }, 'wait-deepopinion-short');
		const result = await handle.result();
		expect(result).toMatchObject({ status: 'FINISHED', documents: 50 });
		// The analysis takes 1.5 s: checked about every 100 ms inside the activity.
		expect(result.polls).toBeGreaterThanOrEqual(8);
		expect(await commands(handle)).toEqual({ activities: ['deepopinionStartAnalysis', 'deepopinionAwaitAnalysis', 'deepopinionExportAnalysis'], timers: 0 });
		expect(fs.readFileSync(path.join(env.dir, 'reviews.jsonl'), 'utf8').trim().split('\n')).toHaveLength(50);
	});
});

describe('the newest message of a Compass project', () => {
	const listRequests = () => luminoso.stats().byRoute['GET /api/projects/:projectId/p/messages/']?.count ?? 0;

	test('found in a few requests among thousands of messages, with gaps in the IDs; 0 for a project without messages', async () => {
		const empty = await newProject('no messages');
		expect(await newestMessageId(client, empty)).toBe(0);

		const project = await newProject('many messages');
		const other = await newProject('other messages');
		const now = new Date().toISOString();
		let newest = 0;
		for (let batch = 0; batch < 6; batch++) {
			// Messages of another project in between leave gaps in this project's IDs.
			await client.addMessageBatch(other, Array.from({ length: 300 }, (_, i) => ({ text: `elsewhere ${batch}-${i}`, timestamp: now })));
			const saved = await client.addMessageBatch(project, Array.from({ length: 500 }, (_, i) => ({ text: `my parcel ${batch}-${i}`, source_id: `s-${batch}-${i}`, timestamp: now })));
			newest = Math.max(newest, ...saved.map((m) => Number(m.id)));
		}
		const before = listRequests();
		expect(await newestMessageId(client, project)).toBe(newest);
		// 3,000 messages are 150 pages of 20; the bound search needs a few dozen requests at most.
		expect(listRequests() - before).toBeLessThanOrEqual(40);

		await client.deleteMessage(project, newest);
		expect(await newestMessageId(client, project)).toBe(newest - 1);
	});
});
