import { randomUUID } from 'node:crypto';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { startDeepOpinionEmulator, type DeepOpinionEmulator } from '../../emulators/deepopinion';
import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';
import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { RealN8n, waitUntil, type N8nServer } from '../../scripts/e2e/realN8n';
import { EXTRACTION_FILES, loginClient } from '../clients/deepopinionFixtures';
import { HttpSink, reportNodes } from './sink';

jest.setTimeout(600_000);

/**
 * The four trigger nodes in real n8n, served by `n8n start` with their workflows active, as users
 * run them. The polling triggers (re:infer, Luminoso Compass) poll once when n8n activates the
 * workflow, then on their schedule; `n8n execute` cannot run them (the CLI starts workflows only
 * from manual-type trigger nodes, and runs no poll in its "cli" mode). The webhook triggers
 * (DeepOpinion, Apres) register their URL on activation and start the workflow when the
 * emulator calls it. Every workflow ends by posting what reached it to an HTTP sink: one request
 * per execution.
 */

const REINFER_TOKEN = 'e2e-trigger-token';
const APRES_KEY = 'e2e-trigger-recipe';
const DEEPOPINION_WEBHOOK_ID = randomUUID();
const APRES_WEBHOOK_ID = randomUUID();
const CREATE_BATCH_PATH = `textai-e2e-create-batch-${APRES_WEBHOOK_ID.slice(0, 8)}`;
// Only the activation poll: the schedule fires on January 1st (n8n refuses intervals under a minute).
const POLL_YEARLY = { item: [{ mode: 'custom', cronExpression: '0 0 0 1 1 *' }] };

let n8n: RealN8n;
let server: N8nServer;
let sink: HttpSink;
let reinfer: ReinferEmulator;
let luminoso: LuminosoEmulator;
let deepopinion: DeepOpinionEmulator;
let apres: ApresEmulator;
let luminosoToken = '';
let luminosoProject = '';
let projectId = 0;
let hitlId = 0;

const commentId = (i: number) => (0xc000 + i).toString(16);

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any> {
	const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

const reinferApi = (method: string, path: string, body?: unknown) => call(method, `${reinfer.url}/api/v1${path}`, { 'X-Auth-Token': REINFER_TOKEN }, body);
const luminosoApi = (method: string, path: string, body?: unknown) => call(method, `${luminoso.apiUrl}${path}`, { Authorization: `Token ${luminosoToken}` }, body);

async function syncComments(from: number, count: number): Promise<void> {
	const comments = Array.from({ length: count }, (_, k) => ({
		id: commentId(from + k),
		timestamp: `2024-03-0${1 + ((from + k) % 9)}T10:00:00Z`,
		messages: [{ body: { text: (from + k) % 2 ? `Refund for order ${from + k}, please` : `Thanks for delivery ${from + k}` } }],
	}));
	await reinferApi('POST', '/sources/acme/e2e-feed/sync', { comments });
}

async function postMessages(texts: string[]): Promise<number[]> {
	const created = (await luminosoApi('POST', `/projects/${luminosoProject}/p/messages/`, texts.map((text, i) => ({ text, timestamp: 1_714_000_000 + i })))) as Array<{ url: string }>;
	return created.map((m) => Number(m.url.split('/').filter(Boolean).pop()));
}

async function submitDocumentForReview(): Promise<number> {
	const extracted = await loginClient(deepopinion.url).extract(1, projectId, 1, EXTRACTION_FILES.png());
	return extracted.documents[0].document_id!;
}

function node(name: string, type: string, parameters: Record<string, unknown>, column: number, extra: Record<string, unknown> = {}) {
	return { id: `${name.replace(/\W+/g, '-')}-${column}`, name, type, typeVersion: 1, position: [column * 220, 0], parameters, ...extra };
}

function triggerWorkflow(id: string, trigger: ReturnType<typeof node>, sinkPath: string) {
	const report = reportNodes(id, sink.url, sinkPath, 1);
	return { id, name: id, nodes: [trigger, ...report.nodes], connections: { [trigger.name]: { main: [[{ node: report.first, type: 'main', index: 0 }]] }, ...report.connections } };
}

const describeState = () => `sink: ${JSON.stringify(sink.requests).slice(0, 2000)}\nn8n log tail:\n${server?.logs().slice(-3000)}`;

beforeAll(async () => {
	[reinfer, luminoso, deepopinion, apres, sink] = await Promise.all([
		startReinferEmulator({ tokens: [REINFER_TOKEN], owner: 'acme' }),
		startLuminosoEmulator({ seed: 11 }),
		startDeepOpinionEmulator(),
		startApresEmulator({ apiKeys: [APRES_KEY], stepMs: 0 }),
		new HttpSink().start(),
	]);

	// re:infer: a source in a dataset with a trigger, and 12 comments waiting.
	const source = await reinferApi('PUT', '/sources/acme/e2e-feed', { source: { title: 'E2E feed' } });
	await reinferApi('PUT', '/datasets/acme/e2e-stream', { dataset: { title: 'E2E stream', source_ids: [source.source.id] } });
	reinfer.reinfer.createTrigger({ dataset: 'e2e-stream', name: 'e2e' });
	await syncComments(0, 12);

	// Luminoso Compass: a project with 4 messages.
	luminosoToken = (await call('POST', `${luminoso.apiUrl}/login/`, {}, { username: 'admin@example.com', password: 'admin-password' })).token;
	const account = (await luminosoApi('POST', '/accounts/', { name: 'E2E' })).id;
	luminosoProject = String((await luminosoApi('POST', '/projects/', { name: 'E2E stream', account, language: 'en' })).url.split('/').filter(Boolean).pop());
	await postMessages(['The delivery was late', 'Great support team', 'App crashes on login', 'Invoice amount is wrong']);

	// DeepOpinion: a live HITL whose webhook URL is someone else's until n8n takes it over.
	const client = loginClient(deepopinion.url);
	projectId = (await client.createProject({ name: 'E2E invoices', type: 'LABEL' })).id;
	hitlId = (await client.createHitl(projectId, { name: 'E2E desk', model_id: 1, is_live: true, webhook_url: 'https://example.com/previous-hook' })).id;
	deepopinion.deepopinion.store.hitls.get(hitlId)!.labels = { 'Invoice number': 100, Total: 100 };

	n8n = new RealN8n();
	await n8n.importCredentials([
		{ id: 'reinferTrig1', name: 're:infer', type: 'reinferApi', data: { token: REINFER_TOKEN, baseUrl: reinfer.url } },
		{ id: 'luminosoTrig1', name: 'Compass', type: 'luminosoCompassApi', data: { url: luminoso.apiUrl, authentication: 'login', username: 'admin@example.com', password: 'admin-password' } },
		{ id: 'deepopTrig1', name: 'DeepOpinion', type: 'deepOpinionApi', data: { authMethod: 'login', email: 'dev@deepopinion.test', password: 'dev-password', baseUrl: deepopinion.url } },
		{ id: 'apresTrig1', name: 'Apres', type: 'apresApi', data: { apiKey: APRES_KEY, baseUrl: `${apres.url}/api/v1` } },
	]);

	const workflows = [
		triggerWorkflow(
			'e2eTrigReinfer',
			node('re:infer Trigger', 'n8n-nodes-textai.reinferTrigger', { dataset: { __rl: true, mode: 'name', value: 'acme/e2e-stream' }, trigger: 'e2e', size: 100, pollTimes: POLL_YEARLY }, 0, { credentials: { reinferApi: { id: 'reinferTrig1', name: 're:infer' } } }),
			'/reinfer',
		),
		triggerWorkflow(
			'e2eTrigLuminos',
			node('Compass Trigger', 'n8n-nodes-textai.luminosoCompassTrigger', { project: { __rl: true, mode: 'id', value: luminosoProject }, scope: 'project', options: { startFrom: 'beginning' }, pollTimes: POLL_YEARLY }, 0, { credentials: { luminosoCompassApi: { id: 'luminosoTrig1', name: 'Compass' } } }),
			'/luminoso',
		),
		triggerWorkflow(
			'e2eTrigDeepOp',
			node('DeepOpinion Trigger', 'n8n-nodes-textai.deepOpinionTrigger', { project: { __rl: true, mode: 'id', value: String(projectId) }, hitl: { __rl: true, mode: 'list', value: String(hitlId) }, includeReviews: true }, 0, {
				webhookId: DEEPOPINION_WEBHOOK_ID,
				credentials: { deepOpinionApi: { id: 'deepopTrig1', name: 'DeepOpinion' } },
			}),
			'/deepopinion',
		),
	];
	// Apres: the trigger, plus a Webhook -> Create Task Batch branch in the same workflow (the
	// Create operation sends the active trigger's URL as the batch's webhook_url by itself).
	const apresFlow = triggerWorkflow(
		'e2eTrigApres01',
		node('Apres Trigger', 'n8n-nodes-textai.apresTrigger', { states: 'in_progress, completed', verify: true, includeOutput: true }, 0, { webhookId: APRES_WEBHOOK_ID, credentials: { apresApi: { id: 'apresTrig1', name: 'Apres' } } }),
		'/apres',
	);
	const createHook = { ...node('Create Batch Hook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: CREATE_BATCH_PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, 0, { webhookId: randomUUID() }), typeVersion: 2, position: [0, 300] };
	const createBatch = { ...node('Create Task Batch', 'n8n-nodes-textai.apres', { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: 'e2e-birds', region: 'us-west-1' }, 1, { credentials: { apresApi: { id: 'apresTrig1', name: 'Apres' } } }), position: [220, 300] };
	apresFlow.nodes.push(createHook, createBatch);
	Object.assign(apresFlow.connections, { [createHook.name]: { main: [[{ node: createBatch.name, type: 'main', index: 0 }]] } });
	workflows.push(apresFlow);

	await n8n.activate(await n8n.importWorkflows(workflows));
	server = await n8n.serve();
});

afterAll(async () => {
	await n8n?.cleanup();
	await sink?.close();
	await Promise.all([reinfer, luminoso, deepopinion, apres].map((e) => e?.close()));
});

type ReinferItem = { comment: { id: string; uid: string }; sequence_id: string };
const reinferBatches = () => (sink.bodies('/reinfer') as Array<{ items: ReinferItem[] }>).map((b) => b.items);
const luminosoBatches = () => (sink.bodies('/luminoso') as Array<{ items: Array<{ id: number; text: string }> }>).map((b) => b.items);

test('re:infer Trigger: the activation poll emits the waiting comments in one execution, and commits nothing yet', async () => {
	await sink.waitFor('/reinfer', 1, 60_000, describeState);
	const [batch] = reinferBatches();
	expect(batch.map((item) => item.comment.id)).toEqual(Array.from({ length: 12 }, (_, i) => commentId(i)));
	expect(new Set(batch.map((item) => item.sequence_id)).size).toBe(1);
	// At least once: the position is committed at the start of the next poll, not before.
	const position = reinfer.reinfer.triggerPosition('acme', 'e2e-stream', 'e2e');
	expect(position).toMatchObject({ committed_sequence_id: '0', fetched_sequence_id: batch[0].sequence_id, pending: 12 });
});

test('Luminoso Compass Trigger: starting from the beginning, the activation poll emits every message, oldest first', async () => {
	await sink.waitFor('/luminoso', 1, 60_000, describeState);
	const [batch] = luminosoBatches();
	expect(batch.map((m) => m.text)).toEqual(['The delivery was late', 'Great support team', 'App crashes on login', 'Invoice amount is wrong']);
	expect(batch.map((m) => m.id)).toEqual([...batch.map((m) => m.id)].sort((a, b) => a - b));
});

test('DeepOpinion Trigger: activation points the HITL at n8n; a completed review runs the workflow with the review data', async () => {
	const hitlUrl = () => deepopinion.deepopinion.store.hitls.get(hitlId)!.webhook_url ?? '';
	expect(hitlUrl()).toMatch(new RegExp(`^${server.webhookUrl(DEEPOPINION_WEBHOOK_ID, 'webhook').replace(/[.?]/g, '\\$&')}\\?token=[0-9a-f]{48}$`));
	const documentId = await submitDocumentForReview();
	deepopinion.deepopinion.completeReviews({ document_id: documentId, values: { Total: '42.00' } });
	const [body] = (await sink.waitFor('/deepopinion', 1, 60_000, describeState)) as Array<{ items: Array<Record<string, any>> }>;
	expect(body.items).toHaveLength(1);
	expect(body.items[0]).toMatchObject({ event: 'hitl.review.completed', hitl_id: hitlId, document_id: documentId, status: 'COMPLETED' });
	expect(body.items[0].reviews.find((r: { label: string }) => r.label === 'Total')).toMatchObject({ status: 'COMPLETED', data: { reviewed_value: '42.00' } });
	expect(deepopinion.deepopinion.deliveries().map((d) => [d.url, d.status])).toEqual([[hitlUrl(), 200]]);
});

test('Apres Trigger: Create Task Batch in the active workflow sends the trigger URL; the chosen state changes run the workflow', async () => {
	// A loaded machine can take a while to answer: no retry should muddle the deliveries.
	apres.apres.setWebhookPolicy({ timeoutMs: 60_000 });
	const created = await call('POST', `${server.url}/webhook/${CREATE_BATCH_PATH}`, {}, {});
	const batchId = created.id as string;
	expect(apres.apres.batch(batchId).webhook_url).toBe(server.webhookUrl(APRES_WEBHOOK_ID, 'apres'));
	apres.apres.complete(batchId);
	const bodies = (await sink.waitFor('/apres', 2, 60_000, describeState)) as Array<{ items: Array<Record<string, any>> }>;
	await apres.apres.webhooksIdle();
	// Every state change was accepted; "confirmed" is filtered out by the trigger (no execution).
	expect(apres.apres.webhookDeliveries().map((d) => [d.state, d.status])).toEqual([
		['confirmed', 200],
		['in_progress', 200],
		['completed', 200],
	]);
	const events = bodies.map((b) => b.items[0]).sort((a, b) => String(a.state).localeCompare(String(b.state)));
	expect(events.map((e) => [e.state, e.task_batch_id])).toEqual([
		['completed', batchId],
		['in_progress', batchId],
	]);
	expect(events[0]).toMatchObject({ task_batch: { id: batchId, state: 'completed' }, output: { json: expect.any(Array) } });
	expect(events[0].output.json).toHaveLength(events[0].task_batch.size);
	expect(events[1].output).toBeUndefined();
});

test('after n8n restarts, the polling triggers go on where they stopped (nothing lost, nothing twice) and the webhooks stay registered', async () => {
	const hitlUrlBefore = deepopinion.deepopinion.store.hitls.get(hitlId)!.webhook_url;
	const firstBatch = reinferBatches()[0];
	await server.stop();
	await syncComments(12, 3);
	await postMessages(['Second wave: refund please', 'Second wave: thank you']);
	server = await n8n.serve();

	await sink.waitFor('/reinfer', 2, 60_000, describeState);
	await sink.waitFor('/luminoso', 2, 60_000, describeState);
	const [, second] = reinferBatches();
	expect(second.map((item) => item.comment.id)).toEqual([12, 13, 14].map(commentId));
	// The first poll after the restart committed what the first one had emitted.
	expect(reinfer.reinfer.triggerPosition('acme', 'e2e-stream', 'e2e')).toMatchObject({ committed_sequence_id: firstBatch[0].sequence_id, fetched_sequence_id: second[0].sequence_id, pending: 3 });
	const allIds = reinferBatches().flat().map((item) => item.comment.id);
	expect(new Set(allIds).size).toBe(15);
	expect(allIds).toHaveLength(15);
	expect(luminosoBatches()[1].map((m) => m.text)).toEqual(['Second wave: refund please', 'Second wave: thank you']);

	// The DeepOpinion registration (and its secret) survived the restart: a new review still arrives.
	expect(deepopinion.deepopinion.store.hitls.get(hitlId)!.webhook_url).toBe(hitlUrlBefore);
	const documentId = await submitDocumentForReview();
	deepopinion.deepopinion.completeReviews({ document_id: documentId });
	const bodies = (await sink.waitFor('/deepopinion', 2, 60_000, describeState)) as Array<{ items: Array<{ document_id: number }> }>;
	expect(bodies.map((b) => b.items[0].document_id)).toContain(documentId);
	await waitUntil('the second delivery to be answered', () => deepopinion.deepopinion.deliveries()[1]?.status === 200, 10_000);
});
