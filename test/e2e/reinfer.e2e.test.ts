import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { RealN8n } from '../../scripts/e2e/realN8n';

jest.setTimeout(600_000);

const TOKEN = 'e2e-reinfer-token';
let n8n: RealN8n;
let emulator: ReinferEmulator;

beforeAll(async () => {
	emulator = await startReinferEmulator({ tokens: [TOKEN], owner: 'acme' });
	n8n = new RealN8n();
	await n8n.importCredentials([{ id: 'reinfer1', name: 're:infer emulator', type: 'reinferApi', data: { token: TOKEN, baseUrl: emulator.url } }]);
});
afterAll(async () => {
	await n8n?.cleanup();
	await emulator?.close();
});

const credentials = { reinferApi: { id: 'reinfer1', name: 're:infer emulator' } };
const comments = Array.from({ length: 25 }, (_, i) => ({ id: (0xe000 + i).toString(16), timestamp: '2024-02-01T09:00:00Z', text: i % 2 ? 'Please refund my order' : 'Thank you, great service' }));

function node(name: string, type: string, parameters: Record<string, unknown>, position: number, extra: Record<string, unknown> = {}) {
	return { id: name, name, type, typeVersion: 1, position: [position * 220, 0], parameters, ...extra };
}

function linear(nodes: Array<{ name: string }>) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return connections;
}

test('real n8n loads the installed package and runs a re:infer workflow against the emulator', async () => {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
		node('Create Source', 'n8n-nodes-textai.reinfer', { resource: 'source', operation: 'create', owner: 'acme', name: 'e2e-inbox', sourceFields: { title: 'E2E inbox' } }, 1, { credentials }),
		node('Create Dataset', 'n8n-nodes-textai.reinfer', { resource: 'dataset', operation: 'create', owner: 'acme', name: 'e2e-triage', datasetFields: { source_ids: '={{ $json.id }}' } }, 2, { credentials }),
		{ ...node('Comments', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ comments }) }, 3), typeVersion: 3.4 },
		node('Split', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'comments' }, 4),
		node('Sync', 'n8n-nodes-textai.reinfer', { resource: 'comment', operation: 'sync', source: { __rl: true, mode: 'name', value: 'acme/e2e-inbox' }, inputMode: 'fields', commentId: '={{ $json.id }}', timestamp: '={{ $json.timestamp }}', text: '={{ $json.text }}', options: { batchSize: 10 } }, 5, { credentials }),
		node('Predict', 'n8n-nodes-textai.reinfer', { resource: 'prediction', operation: 'predict', dataset: { __rl: true, mode: 'name', value: 'acme/e2e-triage' }, modelVersion: '1', inputMode: 'fields', text: 'I want a refund', timestamp: '', options: { threshold: 0.5 } }, 6, { credentials }),
	];
	const id = await n8n.importWorkflow({ id: 'reinferE2e01', name: 're:infer e2e', nodes, connections: linear(nodes) });
	const run = await n8n.execute(id);
	expect(run.status).toBe('success');
	expect(RealN8n.output(run, 'Sync')).toEqual([{ source: 'acme/e2e-inbox', synced: 25, new: 25, updated: 0, unchanged: 0, requests: 3 }]);
	const labels = (RealN8n.output(run, 'Predict')[0].labels as Array<{ name: string[] }>).map((l) => l.name.join(' > '));
	expect(labels).toContain('Billing > Refund');
	const source = emulator.reinfer.source('acme', 'e2e-inbox')!;
	expect(emulator.reinfer.commentCount(source.id)).toBe(25);
});

test('real n8n reports a node error with the item and field', async () => {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
		{ ...node('Comments', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ comments: [comments[0], { ...comments[1], id: 'NOT-HEX' }] }) }, 1), typeVersion: 3.4 },
		node('Split', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'comments' }, 2),
		node('Sync', 'n8n-nodes-textai.reinfer', { resource: 'comment', operation: 'sync', source: { __rl: true, mode: 'name', value: 'acme/e2e-inbox' }, inputMode: 'fields', commentId: '={{ $json.id }}', timestamp: '={{ $json.timestamp }}', text: '={{ $json.text }}' }, 3, { credentials }),
	];
	const id = await n8n.importWorkflow({ id: 'reinferE2e02', name: 're:infer e2e bad input', nodes, connections: linear(nodes) });
	const run = await n8n.execute(id);
	expect(run.status).toBe('error');
	expect(JSON.stringify(run.raw)).toContain('Item 1: field \\"id\\" must be 1-256 lowercase hexadecimal characters');
});
