/**
 * Fault and crash suite for Primer Automate's long job (issue #8 part 3): primer.bulkPredictions
 * (upload in parts, request the job, poll, streamed download into a results file) on a real
 * Temporal dev server with worker processes, against the Primer emulator with 5xx, 429, dropped
 * connections and latency on every API route, JWTs that expire every few seconds and are revoked
 * after each restart. The worker is SIGKILLed at 3 random points (CRASH_SEED replays them), drawn
 * over the upload and the download; the job must end with exactly one dataset holding each
 * document once, one prediction job, one results row per document in order, within 1.3x the
 * minimum number of requests, and leak no password, token or document text into history or logs.
 * Two appends also answer 502 after taking effect (a lost answer): they are not sent twice.
 *
 * Primer has no webhook path: the job's status is polled (test/temporal/primer.jobs.test.ts covers
 * lost answers to single requests and a cut download without crashes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readRows } from '../../activities/files';
import { story, STORY_COLUMNS, writeStoriesCsv } from '../../bench/primer-data';
import type { StatsSnapshot } from '../../emulators/core/stats';
import { API_PREFIX, NEWS_TOPICS_MODEL, startPrimerEmulator, type PrimerEmulator } from '../../emulators/primer';
import { LocalStack } from '../../scripts/temporal/localStack';
import { startJob } from '../../temporal/jobs';
import { activityRetries, crashPoints, expectNoLeaks, killAtPoints } from './harness';

jest.setTimeout(180_000);

const USER = { username: 'crash@example.com', password: 'crash-suite-password-5be1f0' };
const DOCUMENTS = 10_000;
const PART_ROWS = 100;
const DISPLAY_NAME = 'crash-suite-stories';
const TOPICS = ['Sports', 'Politics', 'Health', 'Business'];
/** Requests of the job's own steps; status polls (time-driven) and logins (TTL-driven) are apart. */
const ROUTES = {
	create: `POST ${API_PREFIX}/datasets:upload`,
	append: `PATCH ${API_PREFIX}/datasets:upload`,
	list: `GET ${API_PREFIX}/datasets`,
	request: `POST ${API_PREFIX}/models/predictions`,
	download: `GET ${API_PREFIX}/predictions`,
};

let env: LocalStack;
let emu: PrimerEmulator;

beforeAll(async () => {
	emu = await startPrimerEmulator({
		users: [USER],
		// Tokens live 4 s: the job outlives many of them. Downloads come in small, paced chunks so a
		// kill can land in the middle of one.
		settings: { tokenTtlMs: 4_000, jobQueuedMs: 200, jobProcessingMs: 1_000, downloadChunkRows: 100, downloadChunkDelayMs: 15 },
	});
	env = await new LocalStack().start();
});
afterAll(async () => {
	await env?.stop();
	await emu?.close();
});

function count(stats: StatsSnapshot, route: string): number {
	return stats.byRoute[route]?.count ?? 0;
}

/** Data lines received so far in a download file (one document per line); restarts when the file is rewritten. */
function lineCounter(file: string): () => number {
	let offset = 0;
	let lines = 0;
	return () => {
		let size: number;
		try {
			size = fs.statSync(file).size;
		} catch {
			return lines;
		}
		if (size < offset) offset = lines = 0;
		if (size === offset) return lines;
		const fd = fs.openSync(file, 'r');
		try {
			const buffer = Buffer.alloc(size - offset);
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, i + 1)) lines++;
			offset = size;
		} finally {
			fs.closeSync(fd);
		}
		return lines;
	};
}

test(`bulkPredictions of ${DOCUMENTS.toLocaleString('en')} documents, SIGKILLed at 3 random points under faults with expiring tokens: exact dataset, exact results, requests <= 1.3x the minimum`, async () => {
	const file = path.join(env.dir, 'stories.csv');
	await writeStoriesCsv(file, DOCUMENTS);
	const outputPath = path.join(env.dir, 'predictions.csv');
	const workerEnv = {
		TEXTAI_PRIMER_DEFAULT_URL: emu.apiUrl,
		TEXTAI_PRIMER_DEFAULT_SSO_URL: emu.ssoUrl,
		TEXTAI_PRIMER_DEFAULT_USERNAME: USER.username,
		TEXTAI_PRIMER_DEFAULT_PASSWORD: USER.password,
	};
	emu.faults.set([
		{ path: `${API_PREFIX}/`, kind: 'latency', ms: 20 },
		{ path: `${API_PREFIX}/`, kind: 'latency', ms: 20, rate: 0.5 },
		{ path: `${API_PREFIX}/`, kind: 'http5xx', rate: 0.04 },
		{ path: `${API_PREFIX}/`, kind: 'http429', rate: 0.04, retryAfter: 0 },
		{ path: `${API_PREFIX}/`, kind: 'drop', rate: 0.02 },
	]);
	// And two appends whose answer is lost after they took effect: they must not be sent again.
	emu.primer.failAfterCommit({ method: 'PATCH', path: 'datasets:upload', count: 2 });

	// Progress: documents stored on the platform during the upload, then DOCUMENTS + documents
	// received by the download. A point at the very end of the upload is moved into the download,
	// so that each kill lands on a part or on the download stream, not between the steps.
	const total = 2 * DOCUMENTS;
	const points = crashPoints('primer.bulkPredictions', total).map((p) => (p > DOCUMENTS - 2 * PART_ROWS && p < DOCUMENTS + 500 ? DOCUMENTS + 500 : p));
	const downloaded = lineCounter(`${outputPath}.download`);
	const progress = () => {
		const uploaded = emu.primer.datasets().find((d) => d.display_name === DISPLAY_NAME)?.num_documents ?? 0;
		return uploaded < DOCUMENTS ? uploaded : DOCUMENTS + downloaded();
	};

	// Each restarted worker logs in afresh; once it has, every token is revoked: its next call
	// meets a 401 and it must log in again without the job noticing.
	const revocations: Array<Promise<number>> = [];
	const revokeAfterNextLogin = () => {
		const logins = emu.primer.auth.logins;
		revocations.push(
			(async () => {
				while (emu.primer.auth.logins === logins) await new Promise((r) => setTimeout(r, 20));
				return emu.primer.revokeTokens();
			})(),
		);
	};

	const worker = await env.startWorker(workerEnv);
	const handle = await startJob(
		env.client,
		'primer.bulkPredictions',
		{
			connection: 'default',
			modelId: NEWS_TOPICS_MODEL,
			file: { path: file },
			columns: STORY_COLUMNS,
			displayName: DISPLAY_NAME,
			documentType: 'News',
			outputPath,
			partRows: PART_ROWS,
			pollIntervalMs: 200,
			maxPollIntervalMs: 500,
			heartbeatTimeoutMs: 3_000,
		},
		{ taskQueue: env.settings.taskQueue, jobId: 'primer-crash' },
	);
	const { killedAt } = await killAtPoints(env, worker, points, { progress, workerEnv, afterRestart: revokeAfterNextLogin });
	const result = await handle.result();
	const stats = emu.stats();
	emu.faults.clear();
	const revoked = await Promise.all(revocations);

	// Every kill landed mid-job: in the upload or in the download stream.
	for (const seen of killedAt) expect(seen).toBeLessThan(total);
	expect(await activityRetries(env, 'primer-crash')).toBeGreaterThanOrEqual(points.length);
	expect(result).toMatchObject({ rows: DOCUMENTS, uploaded: DOCUMENTS, skipped: 0, missing: 0, modelType: 'CLF_MULTILABEL', outputPath });

	// Exactly one dataset, holding each document once, in file order (no part twice, none lost).
	const datasets = emu.primer.datasets().filter((d) => d.display_name === DISPLAY_NAME);
	expect(datasets.map((d) => [d.id, d.num_documents])).toEqual([[result.datasetId, DOCUMENTS]]);
	const ids = emu.primer.documents(result.datasetId).map((d) => d.id);
	const expectedIds = Array.from({ length: DOCUMENTS }, (_, i) => `doc-${i}`);
	expect(ids).toEqual(expectedIds);
	// One prediction job for it.
	expect(emu.primer.jobs().filter((j) => j.dataset_id === result.datasetId)).toHaveLength(1);

	// One results row per document, in order, with the model's label; no download file left.
	const results: string[] = [];
	for await (const { row, values } of readRows({ path: outputPath })) {
		if (values.top_label !== TOPICS[row % 4]) throw new Error(`row ${row}: top_label ${String(values.top_label)}`);
		results.push(String(values.document_id));
	}
	expect(results).toEqual(expectedIds);
	expect(fs.existsSync(`${outputPath}.download`)).toBe(false);

	// Tokens expired (4 s) and were revoked after each restart: the workers logged in again each
	// time (more logins than the 4 worker processes), met 401s, and no login failed.
	const auth = emu.primer.auth;
	expect(revoked.every((n) => n > 0)).toBe(true);
	expect(auth.logins).toBeGreaterThan(4);
	expect(auth.invalid + auth.expired).toBeGreaterThan(0);
	expect(auth.failedLogins).toBe(0);

	// Faults really fired; the job's requests, faulted and aborted ones included, stay within 1.3x
	// the minimum: one create, (parts - 1) appends, one job request, one download.
	expect(stats.faults.http5xx + stats.faults.http429 + stats.faults.drop).toBeGreaterThan(0);
	expect(stats.byRoute[ROUTES.append]?.byStatus['502']).toBe(2);
	const parts = DOCUMENTS / PART_ROWS;
	const minimum = parts + 2;
	const requests = Object.fromEntries(Object.entries(ROUTES).map(([name, route]) => [name, count(stats, route)]));
	const sent = Object.values(requests).reduce((a, b) => a + b, 0);
	process.stdout.write(
		`primer.bulkPredictions: killed at ${killedAt.join(', ')} of ${total}; ${sent} requests for a minimum of ${minimum} (${(sent / minimum).toFixed(2)}x) ${JSON.stringify(requests)}; logins ${auth.logins}, 401s ${auth.invalid + auth.expired}; faults ${JSON.stringify(stats.faults)}\n`,
	);
	expect(sent).toBeGreaterThan(minimum);
	expect(sent).toBeLessThanOrEqual(Math.floor(1.3 * minimum));

	await expectNoLeaks(env, 'primer-crash', {
		secrets: [USER.password, ...emu.primer.issuedTokens()],
		texts: [1, 4_444, 9_998].map((i) => story(i).text),
		visible: DISPLAY_NAME,
	});
});
