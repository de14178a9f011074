import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';
import { byName, credentialsFor, runReinfer } from './reinferWorkflow';

const TOKEN = 'bad-input-token';
let emulator: ReinferEmulator;
let credentials: ReturnType<typeof credentialsFor>;
let sourceId: string;

const syncParams = (extra: object = {}) => ({
	resource: 'comment',
	operation: 'sync',
	source: byName('acme/inbox'),
	inputMode: 'fields',
	commentId: '={{ $json.id }}',
	timestamp: '={{ $json.timestamp }}',
	text: '={{ $json.text }}',
	userProperties: { property: [{ type: 'number', name: 'age', value: '={{ $json.age }}' }] },
	...extra,
});
const good = (i: number) => ({ id: (0x1000 + i).toString(16), timestamp: '2024-01-01T00:00:00Z', text: `comment number ${i}`, age: 30 + (i % 40) });

beforeEach(async () => {
	emulator = await startReinferEmulator({ tokens: [TOKEN], owner: 'acme' });
	credentials = credentialsFor(emulator.url, TOKEN);
	sourceId = (await runReinfer(credentials, { resource: 'source', operation: 'create', owner: 'acme', name: 'inbox' })).json[0].id as string;
});
afterEach(async () => emulator.close());

function syncRequests(): number {
	const key = Object.keys(emulator.stats().byRoute).find((k) => k.endsWith('/sync'));
	return key ? emulator.stats().byRoute[key].count : 0;
}

describe('bad input is rejected before any write, naming the item and field', () => {
	test('non-hex comment id', async () => {
		const result = await runReinfer(credentials, syncParams(), [good(0), good(1), { ...good(2), id: 'INC-77' }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Invalid input for re:infer syncComments: Item 2: field "id" must be 1-256 lowercase hexadecimal characters ([0-9a-f]), got "INC-77"; enable "Hex-Encode IDs" to convert it and keep the original in user_properties',
		);
		expect(syncRequests()).toBe(0);
		expect(emulator.reinfer.commentCount(sourceId)).toBe(0);
	});

	test('wrong user-property type', async () => {
		const result = await runReinfer(credentials, syncParams(), [good(0), { ...good(1), age: 'forty' }]);
		expect(result.error?.message).toBe('Invalid input for re:infer syncComments: Item 1: field "user_properties["number:age"]" must be a number (key type "number:"), got "forty"');
		expect(syncRequests()).toBe(0);
	});

	test('missing message text', async () => {
		const result = await runReinfer(credentials, syncParams(), [{ ...good(0), text: '' }, good(1)]);
		expect(result.error?.message).toBe('Invalid input for re:infer syncComments: Item 0: field "messages[0].body.text" is required and must be non-empty text');
		expect(syncRequests()).toBe(0);
	});

	test('several bad items are all named', async () => {
		const result = await runReinfer(credentials, syncParams(), [{ ...good(0), timestamp: 'yesterday' }, good(1), { ...good(2), id: 'XYZ' }]);
		expect(result.error?.message).toContain('Item 0: field "timestamp" must be an ISO-8601 timestamp, got "yesterday"');
		expect(result.error?.message).toContain('Item 2: field "id"');
	});

	test('fetch size 2000', async () => {
		await runReinfer(credentials, { resource: 'dataset', operation: 'create', owner: 'acme', name: 'ds', datasetFields: { source_ids: sourceId } });
		emulator.reinfer.createTrigger({ owner: 'acme', dataset: 'ds', name: 't' });
		const result = await runReinfer(credentials, { resource: 'trigger', operation: 'fetch', dataset: byName('acme/ds'), trigger: 't', size: 2000 });
		expect(result.error?.message).toBe('Invalid input for re:infer fetchTrigger: field "size" must be an integer from 1 to 1024, got number 2000');
	});

	test('with Continue On Fail, bad items become error items and the good ones are synced', async () => {
		const result = await runReinfer(credentials, syncParams(), [good(0), { ...good(1), id: 'nothex' }, good(2)], { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toEqual({ error: expect.stringContaining('Item 1: field "id"') });
		expect(result.items[0].pairedItem).toEqual({ item: 1 });
		expect(result.items[1].json).toMatchObject({ synced: 2, new: 2 });
		expect(result.items[1].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(emulator.reinfer.commentCount(sourceId)).toBe(2);
	});
});

describe('large syncs', () => {
	test('5,000 items are split into 5 requests of at most 1024', async () => {
		const items = Array.from({ length: 5000 }, (_, i) => good(i));
		const result = await runReinfer(credentials, syncParams(), items);
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ synced: 5000, new: 5000, requests: 5 });
		expect(syncRequests()).toBe(5);
		expect(emulator.reinfer.commentCount(sourceId)).toBe(5000);
	});

	test('with 10% 5xx, 5% 429 and 5% dropped connections injected, syncing 5,000 comments ends with exactly 5,000', async () => {
		emulator.faults.set([
			{ path: '/sync', kind: 'http5xx', rate: 0.1, status: 503 },
			{ path: '/sync', kind: 'http429', rate: 0.05, retryAfter: 0 },
			{ path: '/sync', kind: 'drop', rate: 0.05 },
		]);
		const items = Array.from({ length: 5000 }, (_, i) => good(i));
		// Batches of 100 make 50 requests, enough for the injected rates to bite.
		const result = await runReinfer(credentials, syncParams({ options: { batchSize: 100 } }), items);
		expect(result.status).toBe('success');
		const faults = emulator.stats().faults;
		expect(faults.http5xx).toBeGreaterThan(0);
		expect(faults.http429 + faults.drop).toBeGreaterThan(0);
		expect(emulator.reinfer.commentCount(sourceId)).toBe(5000);
		expect(syncRequests()).toBe(50 + faults.http5xx + faults.http429 + faults.drop);
		expect(result.json[0]).toMatchObject({ synced: 5000, requests: 50 });
	});
});
