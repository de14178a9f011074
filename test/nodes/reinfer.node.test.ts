import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { runPoll, type WorkflowJson } from '../harness/n8n';
import { byId, byList, byName, credentialsFor, runReinfer } from './reinferWorkflow';

const TOKEN = 'node-test-token';
let emulator: ReinferEmulator;
let credentials: ReturnType<typeof credentialsFor>;

beforeAll(async () => {
	emulator = await startReinferEmulator({ tokens: [TOKEN], owner: 'acme' });
	credentials = credentialsFor(emulator.url, TOKEN);
});
afterAll(async () => emulator.close());

const syncParams = (source: object, extra: object = {}) => ({
	resource: 'comment',
	operation: 'sync',
	source,
	inputMode: 'fields',
	commentId: '={{ $json.id }}',
	timestamp: '={{ $json.timestamp }}',
	text: '={{ $json.text }}',
	subject: '={{ $json.subject }}',
	userProperties: { property: [{ type: 'string', name: 'channel', value: '={{ $json.channel }}' }] },
	...extra,
});

const ticket = (i: number, text = `Please refund order ${i}, it arrived late`) => ({
	id: (0xa000 + i).toString(16),
	timestamp: `2024-03-0${(i % 9) + 1}T10:00:00Z`,
	text,
	subject: `Ticket ${i}`,
	channel: i % 2 ? 'email' : 'chat',
});

describe('re:infer node through n8n engine, against the emulator', () => {
	let sourceId = '';

	test('source: create, get by name and by id, update, get many (all and by owner)', async () => {
		const created = await runReinfer(credentials, { resource: 'source', operation: 'create', owner: 'acme', name: 'support', sourceFields: { title: 'Support inbox', language: 'en', sensitive_properties: 'string:email' } });
		expect(created.status).toBe('success');
		expect(created.json[0]).toMatchObject({ owner: 'acme', name: 'support', title: 'Support inbox', sensitive_properties: ['string:email'] });
		sourceId = created.json[0].id as string;
		expect(sourceId).toMatch(/^[0-9a-f]{16}$/);

		const byNameResult = await runReinfer(credentials, { resource: 'source', operation: 'get', source: byName('acme/support') });
		expect(byNameResult.json[0]).toMatchObject({ id: sourceId, title: 'Support inbox' });
		const byIdResult = await runReinfer(credentials, { resource: 'source', operation: 'get', source: byId(sourceId) });
		expect(byIdResult.json[0]).toMatchObject({ owner: 'acme', name: 'support' });

		const updated = await runReinfer(credentials, { resource: 'source', operation: 'update', source: byList('acme/support'), sourceFields: { description: 'All support email' } });
		expect(updated.json[0]).toMatchObject({ id: sourceId, description: 'All support email', title: 'Support inbox' });

		await runReinfer(credentials, { resource: 'source', operation: 'create', owner: 'other-org', name: 'surveys' });
		const all = await runReinfer(credentials, { resource: 'source', operation: 'getAll', returnAll: true });
		expect(all.json.map((s) => `${s.owner}/${s.name}`).sort()).toEqual(['acme/support', 'other-org/surveys']);
		const mine = await runReinfer(credentials, { resource: 'source', operation: 'getAll', owner: 'other-org', returnAll: true });
		expect(mine.json.map((s) => s.name)).toEqual(['surveys']);
		const limited = await runReinfer(credentials, { resource: 'source', operation: 'getAll', returnAll: false, limit: 1 });
		expect(limited.json).toHaveLength(1);
	});

	test('dataset: create, get, update, get many (all and by owner)', async () => {
		const created = await runReinfer(credentials, {
			resource: 'dataset',
			operation: 'create',
			owner: 'acme',
			name: 'triage',
			datasetFields: { title: 'Triage', source_ids: sourceId, model_family: 'english', has_sentiment: true },
		});
		expect(created.json[0]).toMatchObject({ owner: 'acme', name: 'triage', source_ids: [sourceId], has_sentiment: true });
		const got = await runReinfer(credentials, { resource: 'dataset', operation: 'get', dataset: byName('acme/triage') });
		expect(got.json[0]).toMatchObject({ title: 'Triage' });
		const updated = await runReinfer(credentials, { resource: 'dataset', operation: 'update', dataset: byList('acme/triage'), datasetFields: { title: 'Ticket triage' } });
		expect(updated.json[0]).toMatchObject({ title: 'Ticket triage', source_ids: [sourceId] });
		const all = await runReinfer(credentials, { resource: 'dataset', operation: 'getAll', returnAll: true });
		expect(all.json.map((d) => d.name)).toEqual(['triage']);
		const byOwner = await runReinfer(credentials, { resource: 'dataset', operation: 'getAll', owner: 'acme', returnAll: true });
		expect(byOwner.json).toHaveLength(1);
	});

	test('comment: sync items in batches, then get one back', async () => {
		emulator.reinfer.createTrigger({ owner: 'acme', dataset: 'triage', name: 'urgent' });
		const items = Array.from({ length: 30 }, (_, i) => ticket(i));
		const synced = await runReinfer(credentials, syncParams(byName('acme/support'), { options: { batchSize: 8 } }), items);
		expect(synced.status).toBe('success');
		expect(synced.json).toEqual([{ source: 'acme/support', synced: 30, new: 30, updated: 0, unchanged: 0, requests: 4 }]);
		expect(synced.items[0].pairedItem).toHaveLength(30);
		expect(emulator.reinfer.commentCount(sourceId)).toBe(30);

		const again = await runReinfer(credentials, syncParams(byId(sourceId)), [ticket(0), ticket(1, 'Changed text: refund please')]);
		expect(again.json[0]).toMatchObject({ new: 0, updated: 1, unchanged: 1, requests: 1 });

		const got = await runReinfer(credentials, { resource: 'comment', operation: 'get', source: byName('acme/support'), commentId: ticket(3).id });
		expect(got.json[0]).toMatchObject({ id: ticket(3).id, uid: `${sourceId}.${ticket(3).id}`, user_properties: { 'string:channel': 'email' } });
		expect((got.json[0].messages as Array<{ body: { text: string } }>)[0].body.text).toBe(ticket(3).text);
	});

	test('comment sync: hex-encodes non-hex ids on request and keeps the original', async () => {
		const result = await runReinfer(credentials, syncParams(byName('acme/support'), { options: { hexEncodeIds: true } }), [{ ...ticket(99), id: 'CASE-0099' }]);
		expect(result.status).toBe('success');
		const hex = Buffer.from('CASE-0099').toString('hex');
		expect(emulator.reinfer.comment(sourceId, hex)?.user_properties).toMatchObject({ 'string:original_id': 'CASE-0099' });
	});

	test('prediction: predict documents from items and predict stored comments by uid', async () => {
		const docs = [{ text: 'I want a refund, the parcel is late' }, { text: 'Thank you, great service' }, { text: 'nothing relevant here' }];
		const predicted = await runReinfer(
			credentials,
			{ resource: 'prediction', operation: 'predict', dataset: byName('acme/triage'), modelVersion: '3', inputMode: 'fields', text: '={{ $json.text }}', timestamp: '', options: { threshold: 0.5 } },
			docs,
		);
		expect(predicted.status).toBe('success');
		const names = predicted.json.map((j) => (j.labels as Array<{ name: string[] }>).map((l) => l.name.join('>')).sort());
		expect(names).toEqual([['Billing>Refund', 'Delivery>Delay'], ['Praise'], []]);
		expect(predicted.json[0].model).toMatchObject({ version: '3' });
		expect(predicted.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const uids = [0, 1, 2].map((i) => ({ uid: `${sourceId}.${ticket(i).id}` }));
		const byUid = await runReinfer(credentials, { resource: 'prediction', operation: 'predictComments', dataset: byList('acme/triage'), modelVersion: '1', uid: '={{ $json.uid }}', options: { threshold: 0.5 } }, uids);
		expect(byUid.json.map((j) => j.uid)).toEqual(uids.map((u) => u.uid));
		expect((byUid.json[0].labels as Array<{ name: string[] }>).map((l) => l.name.join('>'))).toContain('Billing>Refund');
	});

	test('trigger: fetch without moving, advance once per sequence id', async () => {
		const fetched = await runReinfer(credentials, { resource: 'trigger', operation: 'fetch', dataset: byName('acme/triage'), trigger: 'urgent', size: 10, split: true });
		expect(fetched.json).toHaveLength(10);
		const sequenceId = fetched.json[0].sequence_id as string;
		expect(fetched.json.every((j) => j.sequence_id === sequenceId)).toBe(true);
		const refetched = await runReinfer(credentials, { resource: 'trigger', operation: 'fetch', dataset: byName('acme/triage'), trigger: 'urgent', size: 10, split: false });
		expect(refetched.json[0]).toMatchObject({ sequence_id: sequenceId, count: 10 });

		const before = emulator.stats().byRoute;
		const advanced = await runReinfer(credentials, { resource: 'trigger', operation: 'advance', dataset: byName('acme/triage'), trigger: 'urgent', sequenceId: '={{ $json.sequence_id }}' }, fetched.json);
		expect(advanced.json).toEqual([{ advanced: true, dataset: 'acme/triage', trigger: 'urgent', sequence_id: sequenceId }]);
		const advanceKey = Object.keys(emulator.stats().byRoute).find((k) => k.endsWith('/advance'))!;
		expect(emulator.stats().byRoute[advanceKey].count - (before[advanceKey]?.count ?? 0)).toBe(1);
		const next = await runReinfer(credentials, { resource: 'trigger', operation: 'fetch', dataset: byName('acme/triage'), trigger: 'urgent', size: 5, split: true });
		expect(next.json[0].comment).not.toEqual(fetched.json[0].comment);
	});

	test('delete: dataset by name, source by list value and by id', async () => {
		const dataset = await runReinfer(credentials, { resource: 'dataset', operation: 'delete', dataset: byName('acme/triage') });
		expect(dataset.json[0]).toEqual({ deleted: true, owner: 'acme', name: 'triage' });
		const other = emulator.reinfer.source('other-org', 'surveys')!;
		const byNameDelete = await runReinfer(credentials, { resource: 'source', operation: 'delete', source: byList('other-org/surveys') });
		expect(byNameDelete.json[0]).toEqual({ deleted: true, id: other.id });
		const byIdDelete = await runReinfer(credentials, { resource: 'source', operation: 'delete', source: byId(sourceId) });
		expect(byIdDelete.json[0]).toEqual({ deleted: true, id: sourceId });
		const all = await runReinfer(credentials, { resource: 'source', operation: 'getAll', returnAll: true });
		expect(all.json).toEqual([]);
	});
});

describe('re:infer trigger node (polling) through n8n engine', () => {
	test('fetches, emits and advances; a second poll emits nothing new', async () => {
		const client = emulator.reinfer;
		emulator.reset();
		const seed = await runReinfer(credentials, { resource: 'source', operation: 'create', owner: 'acme', name: 'inbox' });
		const sourceId = seed.json[0].id as string;
		await runReinfer(credentials, { resource: 'dataset', operation: 'create', owner: 'acme', name: 'stream', datasetFields: { source_ids: sourceId } });
		client.createTrigger({ owner: 'acme', dataset: 'stream', name: 'all' });
		await runReinfer(credentials, syncParams(byName('acme/inbox')), Array.from({ length: 7 }, (_, i) => ticket(i)));

		const workflow: WorkflowJson = {
			nodes: [
				{
					name: 'Trigger',
					type: 'n8n-nodes-textai.reinferTrigger',
					typeVersion: 1,
					parameters: { dataset: byName('acme/stream'), trigger: 'all', size: 5 },
					credentials: { reinferApi: { id: '1', name: 're:infer emulator' } },
				},
			],
			connections: {},
		};
		const first = await runPoll({ workflow, nodeName: 'Trigger', credentials });
		expect(first.items?.[0].map((i) => (i.json.comment as { id: string }).id)).toEqual([0, 1, 2, 3, 4].map((i) => ticket(i).id));
		const second = await runPoll({ workflow, nodeName: 'Trigger', credentials, staticData: first.staticData });
		expect(second.items?.[0].map((i) => (i.json.comment as { id: string }).id)).toEqual([5, 6].map((i) => ticket(i).id));
		const third = await runPoll({ workflow, nodeName: 'Trigger', credentials, staticData: second.staticData });
		expect(third.items).toBeNull();
		// Everything emitted has been committed: the trigger's position is at its end.
		const position = client.triggerPosition('acme', 'stream', 'all');
		expect(position.committed_sequence_id).toBe(second.items?.[0][0].json.sequence_id);
		expect(position.pending).toBe(0);
		const fourth = await runPoll({ workflow, nodeName: 'Trigger', credentials, staticData: third.staticData });
		expect(fourth.items).toBeNull();
	});
});
