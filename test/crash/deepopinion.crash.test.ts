/**
 * Fault and crash suite for DeepOpinion Studio (issue #8): a 20,000-document batch analysis on a
 * real Temporal dev server while the API injects latency, 5xx, 429 and dropped connections, the
 * worker is SIGKILLed three times (after the upload, before the analysis is created; then at two
 * random points of the analysis and the export) and the login token is revoked mid-job. Studio must
 * end with one uploaded file and one analysis of exactly the file's documents, the results file
 * with each document once, in order, and the requests within 1.3x the minimum.
 *
 * The batch analysis job has no webhook (Studio's webhooks are HITL's: see
 * test/temporal/deepopinion.jobs.test.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StatsSnapshot } from '../../emulators/core/stats';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { formatCsvRecord } from '../../activities/files';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import type { DeepOpinionBatchAnalysisResult } from '../../workflows/deepopinion/batchAnalysis';
import { crashPoints, expectNoLeaks, killAtPoints, startHoldingProxy, type HoldingProxy } from './harness';

jest.setTimeout(180_000);

const USER = { email: 'crash-suite@deepopinion.test', password: `studio-${randomBytes(9).toString('base64url')}` };
/** Every Studio token starts with this (its JWT header): none may reach history or logs. */
const TOKEN_PREFIX = `${Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url')}.`;
const DOCUMENTS = 20_000;
const PAGE_SIZE = 250;
const PHRASES = ['The staff was friendly.', 'The room was dirty.', 'Breakfast was great! The beach is near.', 'Reception was slow and rude.', 'Quiet room, comfortable bed.'];
const review = (i: number) => `${PHRASES[i % PHRASES.length]} Visit ${i}.`;

let env: LocalStack;
let emu: DeepOpinionEmulator;
/**
 * Between the worker and Studio: holds the request creating the analysis for 500 ms (and drops it
 * if the worker dies meanwhile). The first kill lands there: the file is uploaded, the analysis not
 * yet created, and the retry must use the uploaded file rather than upload it again.
 */
let proxy: HoldingProxy;
const workerEnv = () => ({ TEXTAI_DEEPOPINION_DEFAULT_URL: proxy.url, TEXTAI_DEEPOPINION_DEFAULT_EMAIL: USER.email, TEXTAI_DEEPOPINION_DEFAULT_PASSWORD: USER.password });

const routeCount = (before: StatsSnapshot, after: StatsSnapshot, key: string) => (after.byRoute[key]?.count ?? 0) - (before.byRoute[key]?.count ?? 0);
/** Requests to this route the faults refused (429, 5xx) or cut (dropped) since `before`: Studio did nothing with them. */
const refused = (before: StatsSnapshot, after: StatsSnapshot, key: string) => {
	const statuses = (s: StatsSnapshot) => s.byRoute[key]?.byStatus ?? {};
	return Object.entries(statuses(after))
		.filter(([status]) => status === '429' || status === 'aborted' || status.startsWith('5'))
		.reduce((sum, [status, n]) => sum + n - (statuses(before)[status] ?? 0), 0);
};

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
	for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 10))) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
	}
}

beforeAll(async () => {
	env = await new LocalStack().start();
	emu = await startDeepOpinionEmulator({ users: [USER], seed: 12, timing: { analysisMinMs: 500, analysisMsPerDocument: 0.15 } });
	proxy = await startHoldingProxy(emu.url, { holdRequest: (req) => (req.method === 'POST' && new URL(req.url ?? '/', emu.url).pathname === '/analyses' ? 500 : 0) });
});
afterAll(async () => {
	await proxy?.close();
	await env?.stop();
	await emu?.close();
});

test('deepopinion.batchAnalysis: 20,000 documents through upload, analysis and export, each exactly once, despite three kills and a revoked token', async () => {
	let worker = await env.startWorker(workerEnv());
	const file = path.join(env.dir, 'reviews.csv');
	fs.writeFileSync(file, [formatCsvRecord(['ticket', 'review']), ...Array.from({ length: DOCUMENTS }, (_, i) => formatCsvRecord([`T-${i}`, review(i)]))].join(''));
	const outputPath = path.join(env.dir, 'analysis.jsonl');
	const documentsRoute = 'GET /analyses/:analysis_id/documents';
	// Every analyses route: 20-40 ms; 3% 5xx, 3% 429 (Retry-After 0), 2% dropped connections.
	emu.faults.set([
		{ path: '/analyses', kind: 'latency', ms: 20 },
		{ path: '/analyses', kind: 'latency', ms: 20, rate: 0.5 },
		{ path: '/analyses', kind: 'http5xx', rate: 0.03 },
		{ path: '/analyses', kind: 'http429', rate: 0.03, retryAfter: 0 },
		{ path: '/analyses', kind: 'drop', rate: 0.02 },
	]);
	const before = emu.stats();
	const handle = await startJob(
		env.client,
		'deepopinion.batchAnalysis',
		{ connection: 'default', file: { path: file }, modelId: 1, columnName: 'review', outputPath, pageSize: PAGE_SIZE, pollIntervalMs: 200, heartbeatTimeout: '2 seconds' },
		{ taskQueue: env.settings.taskQueue, jobId: 'deepopinion-crash' },
	);

	// Progress: 0 until the worker asked to create the analysis, then 1 + the analysis's progress
	// (in documents) + the documents exported so far.
	const analysis = () => [...emu.deepopinion.store.analyses.values()][0];
	const progress = () => {
		if (!proxy.received.includes('POST /analyses')) return 0;
		const current = analysis();
		if (!current) return 1;
		const analysed = (emu.deepopinion.store.analysisState(current).progress / 100) * DOCUMENTS;
		const exported = (emu.stats().byRoute[documentsRoute]?.byStatus['200'] ?? 0) * PAGE_SIZE;
		return 1 + analysed + exported;
	};
	const later = crashPoints('deepopinion.batchAnalysis', 2 * DOCUMENTS, 2).map((p) => 1 + p);
	let loginsBeforeRevoke = 0;
	const killed = await killAtPoints(env, worker, [1, ...later], {
		progress,
		workerEnv: workerEnv(),
		afterRestart: async (index) => {
			if (index !== 1) return;
			// Once the new worker has logged in and is at work, every token issued so far is revoked.
			const start = emu.stats().total;
			await until('the restarted worker at work', () => emu.stats().total >= start + 3);
			loginsBeforeRevoke = emu.stats().byRoute['POST /auth/login']?.count ?? 0;
			emu.deepopinion.expireTokens();
		},
	});
	worker = killed.worker;
	const result = (await handle.result()) as DeepOpinionBatchAnalysisResult;
	const after = emu.stats();
	emu.faults.clear();

	expect(killed.killedAt[0]).toBe(1);
	for (const at of killed.killedAt) expect(at).toBeLessThan(1 + 2 * DOCUMENTS);
	const faults = Object.fromEntries(Object.entries(after.faults).map(([k, n]) => [k, n - before.faults[k as keyof StatsSnapshot['faults']]]));
	expect(faults.http5xx).toBeGreaterThan(0);
	expect(faults.http429).toBeGreaterThan(0);
	expect(faults.drop).toBeGreaterThan(0);
	// The revoked token was refused, and the worker logged in again.
	expect(after.byStatus['401'] ?? 0).toBeGreaterThan(before.byStatus['401'] ?? 0);
	expect(after.byRoute['POST /auth/login'].count).toBeGreaterThan(loginsBeforeRevoke);

	// Studio: one uploaded file, one analysis of exactly the file's documents, in order.
	expect(emu.deepopinion.store.files.size).toBe(1);
	const analyses = [...emu.deepopinion.store.analyses.values()];
	expect(analyses.map((a) => a.name)).toEqual(['textai-deepopinion-crash']);
	expect(analyses[0].documents.map((d) => d.text)).toEqual(Array.from({ length: DOCUMENTS }, (_, i) => review(i)));
	expect(result).toMatchObject({ analysisId: analyses[0].id, status: 'FINISHED', documents: DOCUMENTS, outputPath });

	// The results: every document once, in order, with its segments and tags.
	const lines = fs.readFileSync(outputPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { document_id: number; text: string; segments: unknown[]; tags: string[] });
	expect(lines.map((l) => l.document_id)).toEqual(analyses[0].documents.map((d) => d.id));
	expect(lines.map((l) => l.text)).toEqual(analyses[0].documents.map((d) => d.text));
	expect(lines.every((l) => l.segments.length > 0 && l.tags.length > 0)).toBe(true);
	expect(result.segments).toBe(lines.reduce((n, l) => n + l.segments.length, 0));
	expect(fs.readdirSync(env.dir).filter((f) => f.startsWith('analysis.jsonl.'))).toEqual([]);

	// Requests: the minimum is the look for an analysis of that name, the upload, the creation and
	// one page per 250 documents; status checks follow the clock (every 200 ms while it analyses).
	const minimum = 1 + 1 + 1 + Math.ceil(DOCUMENTS / PAGE_SIZE);
	const count = (key: string) => routeCount(before, after, key);
	const work = count('GET /analyses') + count('POST /analyses/upload') + count('POST /analyses') + count(documentsRoute);
	process.stdout.write(`deepopinion.batchAnalysis: ${work} requests for a minimum of ${minimum}; ${JSON.stringify(after.byRoute)}; faults ${JSON.stringify(faults)}; kills at ${killed.killedAt.map(Math.round).join(', ')}; polls ${result.polls}\n`);
	// The file went up once (a request the faults refused is sent again; the kill did not cause a second upload).
	expect(count('POST /analyses/upload') - refused(before, after, 'POST /analyses/upload')).toBe(1);
	expect(work).toBeLessThanOrEqual(Math.floor(1.3 * minimum));
	expect(count('GET /analyses/:analysis_id')).toBeLessThanOrEqual(2 * result.polls + 10);

	await expectNoLeaks(env, 'deepopinion-crash', { secrets: [USER.password, TOKEN_PREFIX], texts: [review(4242), review(19_999)], visible: outputPath });
});
