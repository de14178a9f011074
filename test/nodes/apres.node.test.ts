import { createHash } from 'node:crypto';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { byId, byList, credentialsFor, runApres, TriggerHost } from './apresHarness';

const KEY = 'node-test-recipe-key';
let emulator: ApresEmulator;
let credentials: ReturnType<typeof credentialsFor>;

beforeAll(async () => {
	emulator = await startApresEmulator({ apiKeys: [KEY], stepMs: 0 });
	credentials = credentialsFor(`${emulator.url}/api/v1`, KEY);
});
afterAll(async () => emulator.close());

const routeCount = (suffix: string, method = 'POST') =>
	Object.entries(emulator.stats().byRoute)
		.filter(([route]) => route === `${method} /api/v1${suffix}`)
		.reduce((n, [, s]) => n + s.count, 0);

/** A small fake JPEG-ish payload, different for every i. */
const fileBytes = (i: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`image number ${i} `.repeat(20 + i))]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binaryItem = (i: number, property = 'data', fileName = `bird-${String(i).padStart(2, '0')}.jpg`) => ({
	json: { i },
	binary: { [property]: { data: fileBytes(i).toString('base64'), mimeType: 'image/jpeg', fileName } },
});

const goldenRows = [
	{ input: 'https://s3.us-west-2.amazonaws.com/x/2161962975_128cb5ddbd_m.jpg', type: 'image/jpeg', output: 'Heron' },
	{ input: 'https://s3.us-west-2.amazonaws.com/x/2162765054_840fbf7acf_m.jpg', type: 'image/jpeg', output: 'Bird' },
	{ input: 'https://s3.us-west-2.amazonaws.com/x/with,comma "quoted".jpg', type: 'image/jpeg', output: ['Waterfowl', 'Bird'] },
];

describe('Apres node through n8n engine, against the emulator', () => {
	test('recipe: get returns the recipe of the API key with its processing templates', async () => {
		const result = await runApres(credentials, { resource: 'recipe', operation: 'get' });
		expect(result.status).toBe('success');
		expect(result.json).toEqual([expect.objectContaining({ id: emulator.apres.recipe(KEY)!.id, name: 'Image Classification Tester', processing_templates: [expect.objectContaining({ type: 'CategorisationTemplate' })] })]);
	});

	test('recipe: a golden set built from items is loaded; a second golden set fails with a clear 422; training data still loads', async () => {
		const params = { resource: 'recipe', operation: 'loadBatch', inputMode: 'items', fileName: 'golden.csv', goldenSet: true };
		const loaded = await runApres(credentials, params, goldenRows);
		expect(loaded.status).toBe('success');
		expect(loaded.json).toEqual([{ message: 'Your processed batch is being loaded', rows: 3, file: 'golden.csv', golden_set: true }]);
		expect(loaded.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const recipe = emulator.apres.recipe(KEY)!;
		expect(recipe.has_golden_set).toBe(true);
		expect(recipe.loaded_batches).toEqual([expect.objectContaining({ file: 'golden.csv', rows: 3, golden_set: true, columns: ['input', 'type', 'output'] })]);

		const again = await runApres(credentials, params, goldenRows);
		expect(again.status).toBe('error');
		expect(again.error?.message).toBe(
			'Apres already has a Golden Set for this recipe (HTTP 422: A Golden Set already exists for this Recipe). A recipe holds one Golden Set: turn off "Golden Set" to load these rows as additional training data, or remove the existing Golden Set in the Apres dashboard first.',
		);
		expect(again.error?.httpCode).toBe('422');

		const training = await runApres(credentials, { ...params, goldenSet: false, fileName: 'more.csv' }, goldenRows);
		expect(training.json[0]).toMatchObject({ rows: 3, golden_set: false });
		expect(emulator.apres.recipe(KEY)!.loaded_batches.map((b) => [b.file, b.golden_set])).toEqual([
			['golden.csv', true],
			['more.csv', false],
		]);
	});

	test('recipe: a CSV file from binary data is loaded as it is; bad rows are rejected before any request, naming item and field', async () => {
		const csv = 'Input,Type,Output\r\nhttps://x/a.jpg,image/jpeg,Heron\r\n';
		const fromFile = await runApres(credentials, { resource: 'recipe', operation: 'loadBatch', inputMode: 'binary', binaryPropertyName: 'file' }, [
			{ json: {}, binary: { file: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName: 'set-from-file.csv' } } },
		]);
		expect(fromFile.json).toEqual([{ message: 'Your processed batch is being loaded', file: 'set-from-file.csv', golden_set: false }]);
		expect(emulator.apres.recipe(KEY)!.loaded_batches.at(-1)).toMatchObject({ file: 'set-from-file.csv', rows: 1 });

		const notCsv = await runApres(credentials, { resource: 'recipe', operation: 'loadBatch', inputMode: 'binary', binaryPropertyName: 'file' }, [
			{ json: {}, binary: { file: { data: Buffer.from('name,colour\nx,y\n').toString('base64'), mimeType: 'text/csv', fileName: 'wrong.csv' } } },
		]);
		expect(notCsv.error?.message).toBe('Invalid input for Apres loadBatch: Item 0: field "file" must be a CSV file with Input, Type and Output columns (found: name, colour)');

		const before = routeCount('/recipe/load_batch');
		const bad = await runApres(credentials, { resource: 'recipe', operation: 'loadBatch', inputMode: 'items' }, [goldenRows[0], { ...goldenRows[1], output: '' }, { type: 'image/png', output: 'x' }]);
		expect(bad.status).toBe('error');
		expect(bad.error?.message).toBe(
			'Invalid input for Apres loadBatch: Item 1: field "output" is required: the expected answer (text, or a list of texts), got ""; Item 2: field "input" is required: the task input (e.g. a file URL), got ""',
		);
		expect(routeCount('/recipe/load_batch')).toBe(before);
	});

	test('task batch: 50 files from binary data become one base64 batch, byte for byte', async () => {
		const items = Array.from({ length: 50 }, (_, i) => binaryItem(i));
		const result = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: 'data', options: { deliveryTimeframe: 1 } }, items);
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ size: 0, estimated_size: 50, state: 'confirmed', delivery_timeframe: 1, delivery_units: 'days', file_count: 50 });
		expect(result.items[0].pairedItem).toHaveLength(50);
		const batch = emulator.apres.batch(result.json[0].id as string);
		expect(batch.files).toEqual(items.map((_, i) => ({ file: `bird-${String(i).padStart(2, '0')}.jpg`, bytes: fileBytes(i).length, sha256: sha256(fileBytes(i)) })));
		expect(batch.webhook_url).toBeUndefined();
	});

	test('task batch: every binary property with *, duplicate names made unique, one batch per item on request', async () => {
		const twoFiles = { json: {}, binary: { a: binaryItem(1, 'a', 'same.jpg').binary.a, b: binaryItem(2, 'b', 'same.jpg').binary.b } };
		const all = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: '*' }, [twoFiles]);
		expect(emulator.apres.batch(all.json[0].id as string).inputs).toEqual(['same.jpg', '0-b-same.jpg']);

		const perItem = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: 'data', combineItems: false }, [binaryItem(3), binaryItem(4)]);
		expect(perItem.json.map((b) => b.estimated_size)).toEqual([1, 1]);
		expect(perItem.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const before = routeCount('/task_batches');
		const missing = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: 'data' }, [binaryItem(5), { json: {} }]);
		expect(missing.error?.message).toBe('Invalid input for Apres createTaskBatch: Item 1: field "binary.data" is missing: the item has no binary data');
		expect(routeCount('/task_batches')).toBe(before);
	});

	test('task batch: S3 and Azure blob payloads, with delivery timeframe and webhook URL', async () => {
		const s3 = await runApres(
			credentials,
			{ resource: 'taskBatch', operation: 'create', source: 's3', bucketName: '={{ $json.bucket }}', region: 'us-west-1', prefix: 'birds/', options: { deliveryTimeframe: 7, webhookUrl: 'https://notify-me-of-batch-status.com/apres' } },
			[{ bucket: 'task-test.apres.io' }, { bucket: 'other-bucket' }],
		);
		expect(s3.status).toBe('success');
		expect(s3.json).toHaveLength(2);
		const first = emulator.apres.batch(s3.json[0].id as string);
		expect(first).toMatchObject({ source: 's3', location: { type: 's3', bucket_name: 'task-test.apres.io', region: 'us-west-1', prefix: 'birds/' }, webhook_url: 'https://notify-me-of-batch-status.com/apres', delivery_timeframe: 7 });
		expect(s3.json[0].estimated_size).toBe(first.inputs.length);
		expect(emulator.apres.batch(s3.json[1].id as string).location).toMatchObject({ bucket_name: 'other-bucket' });

		const azure = await runApres(credentials, {
			resource: 'taskBatch',
			operation: 'create',
			source: 'azureBlob',
			blobEndpoint: 'https://apresio.blob.core.windows.net',
			container: 'task-test',
			sasToken: '?sv=2017-11-09&ss=b&srt=co&sp=rl&sig=FQis5WBA8DmDYWnQspJd1j1Fmq%3D',
		});
		expect(azure.status).toBe('success');
		expect(emulator.apres.batch(azure.json[0].id as string)).toMatchObject({ source: 'azure-blob', location: { type: 'azure-blob', container: 'task-test', sas_token: '***' } });
	});

	test('task batch: location fields are required per type and checked before any request', async () => {
		const before = routeCount('/task_batches');
		const s3 = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: '={{ $json.bucket }}', region: '={{ $json.region }}' }, [
			{ bucket: 'ok-bucket', region: 'us-west-1' },
			{ bucket: 'Bad_Bucket', region: 'us-west-1' },
			{ bucket: 'ok-bucket', region: '' },
		]);
		expect(s3.status).toBe('error');
		expect(s3.error?.message).toBe(
			'Invalid input for Apres createTaskBatch: Item 1: field "location.bucket_name" must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), got "Bad_Bucket"; Item 2: field "location.region" is required for an s3 location (the bucket\'s AWS region, e.g. "us-west-1")',
		);
		const azure = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'azureBlob', blobEndpoint: 'http://insecure.example', container: 'c', sasToken: '={{ $json.sas ?? "" }}' });
		expect(azure.error?.message).toContain('Item 0: field "location.blob_endpoint" must be an https URL');
		expect(azure.error?.message).toContain('field "location.container" must be an Azure container name');
		expect(azure.error?.message).toContain('field "location.sas_token" is required for an azure-blob location');
		const url = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: 'b-1', region: 'us-west-1', options: { webhookUrl: 'notify-me' } });
		expect(url.error?.message).toBe('Invalid input for Apres createTaskBatch: Item 0: field "webhook_url" must be a fully qualified http(s) URL, got "notify-me"');
		const timeframe = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: 'b-1', region: 'us-west-1', options: { deliveryTimeframe: 3 } });
		expect(timeframe.error?.message).toBe('Invalid input for Apres createTaskBatch: Item 0: field "delivery_timeframe" must be 1 or 7 (days), got number 3');
		expect(routeCount('/task_batches')).toBe(before);

		// Continue On Fail: the bad item is reported, the good one is created.
		const partial = await runApres(
			credentials,
			{ resource: 'taskBatch', operation: 'create', source: 's3', bucketName: '={{ $json.bucket }}', region: 'us-west-1' },
			[{ bucket: 'Bad_Bucket' }, { bucket: 'good-bucket' }],
			{ extra: { continueOnFail: true } },
		);
		expect(partial.status).toBe('success');
		expect(partial.json[0].error).toContain('Item 0: field "location.bucket_name"');
		expect(partial.json[1]).toMatchObject({ state: 'confirmed' });
		expect(routeCount('/task_batches')).toBe(before + 1);
	});

	test('task batch: get many, get (from list and by id), output as one item or rows; tasks of a batch', async () => {
		const created = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: 'data' }, [binaryItem(1), binaryItem(2), binaryItem(3)]);
		const id = created.json[0].id as string;

		const many = await runApres(credentials, { resource: 'taskBatch', operation: 'getAll', returnAll: true });
		expect(many.json.map((b) => b.id)).toContain(id);
		const limited = await runApres(credentials, { resource: 'taskBatch', operation: 'getAll', returnAll: false, limit: 2 });
		expect(limited.json).toHaveLength(2);

		expect((await runApres(credentials, { resource: 'task', operation: 'getAll', taskBatch: byId(id), returnAll: true })).json).toEqual([]);
		emulator.apres.advance(id);
		const got = await runApres(credentials, { resource: 'taskBatch', operation: 'get', taskBatch: byList(id) });
		expect(got.json[0]).toMatchObject({ id, size: 3, state: 'in_progress' });
		emulator.apres.advance(id);
		const completed = await runApres(credentials, { resource: 'taskBatch', operation: 'getAll', returnAll: true, filters: { state: 'completed' } });
		expect(completed.json.map((b) => b.id)).toEqual([id]);

		const tasks = await runApres(credentials, { resource: 'task', operation: 'getAll', taskBatch: byId(id), returnAll: true });
		expect(tasks.json.map((t) => [t.task_batch_id, t.input, t.state])).toEqual([
			[id, 'bird-01.jpg', 'completed'],
			[id, 'bird-02.jpg', 'completed'],
			[id, 'bird-03.jpg', 'completed'],
		]);
		expect((await runApres(credentials, { resource: 'task', operation: 'getAll', taskBatch: byId(id), returnAll: false, limit: 1 })).json).toHaveLength(1);

		const output = await runApres(credentials, { resource: 'taskBatch', operation: 'getOutput', taskBatch: byId(id) });
		const one = output.json[0] as { json: Array<{ task_id: string }>; csv: string; statistics_by_name: Record<string, unknown>; task_batch_id: string };
		expect(one.task_batch_id).toBe(id);
		expect(one.json.map((r) => r.task_id)).toEqual(tasks.json.map((t) => t.id));
		expect(one.statistics_by_name).toMatchObject({ 'Successful Tasks': 3, 'Failed Tasks': 0 });
		const csv = await (await fetch(one.csv)).text();
		expect(csv.trim().split('\r\n')).toHaveLength(4);

		const rows = await runApres(credentials, { resource: 'taskBatch', operation: 'getOutput', taskBatch: byId(id), outputMode: 'rows' });
		expect(rows.json).toHaveLength(3);
		expect(rows.json[0]).toMatchObject({ task_batch_id: id, task_id: tasks.json[0].id, status: 'Completed' });

		const missing = await runApres(credentials, { resource: 'taskBatch', operation: 'get', taskBatch: byId('00000000-0000-11e9-8000-000000000000') });
		expect(missing.error?.message).toBe('Apres getTaskBatch failed with HTTP 404: There is no Recipe or Task Batch with the provided ID');
	});

	test('reads are retried through 429 and 5xx; a wrong API key is a clear 401', async () => {
		const faultsBefore = emulator.stats().faults;
		emulator.faults.set([
			{ method: 'GET', path: '^/api/v1/task_batches$', kind: 'http429', retryAfter: 0, rate: 0.5 },
			{ method: 'GET', path: '^/api/v1/recipe$', kind: 'http5xx', rate: 0.5 },
		]);
		emulator.faults.reseed(7);
		const results = await Promise.all([1, 2, 3].map(() => runApres(credentials, { resource: 'recipe', operation: 'get' })));
		const list = await runApres(credentials, { resource: 'taskBatch', operation: 'getAll', returnAll: true });
		emulator.faults.clear();
		expect([...results, list].map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
		expect(emulator.stats().faults.http5xx).toBeGreaterThan(faultsBefore.http5xx);

		const wrong = await runApres(credentialsFor(`${emulator.url}/api/v1`, 'not-the-key'), { resource: 'recipe', operation: 'get' });
		expect(wrong.error?.message).toBe('Apres getRecipe failed with HTTP 401: Unauthorized request for recipe');
		expect(JSON.stringify(wrong.error?.raw)).not.toContain('not-the-key');
	});
});

describe('Apres Trigger: webhook lifecycle and task-batch state changes', () => {
	let host: TriggerHost;
	beforeAll(async () => {
		host = await new TriggerHost({ states: '', verify: true, includeOutput: true }, credentials).start();
	});
	afterAll(async () => host.stop());

	test('activation publishes the URL; batches created in the workflow notify it; each state change is emitted; deactivation removes it', async () => {
		expect(await host.lifecycle('checkExists')).toBe(false);
		await host.activate();
		expect(await host.lifecycle('checkExists')).toBe(true);
		expect(host.staticData).toEqual({ global: { apresTriggerWebhookUrl: host.productionUrl } });

		// The Create operation of the same (active) workflow sends the trigger's URL.
		const created = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 'binary', binaryProperties: 'data' }, [binaryItem(7), binaryItem(8)], {
			staticData: host.staticData,
			nodes: [host.workflowNode],
		});
		const id = created.json[0].id as string;
		expect(emulator.apres.batch(id).webhook_url).toBe(host.productionUrl);
		emulator.apres.complete(id);
		await emulator.apres.webhooksIdle();

		const emitted = host.calls.filter((c) => c.emitted).map((c) => c.emitted![0][0].json);
		expect(emitted.map((e) => [e.state, e.task_batch_id, e.recipe_id])).toEqual(['confirmed', 'in_progress', 'completed'].map((s) => [s, id, emulator.apres.recipe(KEY)!.id]));
		expect(emitted[2]).toMatchObject({ task_batch: { id, state: 'completed', size: 2 }, output: { json: [expect.any(Object), expect.any(Object)], statistics: expect.any(Array) } });
		expect(emitted[0].output).toBeUndefined();

		// n8n runs the workflow from what the trigger emitted: fetch that batch's tasks.
		const run = await runApres(credentials, { resource: 'task', operation: 'getAll', taskBatch: byId('={{ $json.task_batch_id }}'), returnAll: true }, [emitted[2] as never]);
		expect(run.json.map((t) => t.input)).toEqual(['bird-07.jpg', 'bird-08.jpg']);

		// An explicit Webhook URL wins over the trigger's.
		const explicit = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: 'b-1', region: 'us-west-1', options: { webhookUrl: 'https://elsewhere.example/hook' } }, [{}], { staticData: host.staticData });
		expect(emulator.apres.batch(explicit.json[0].id as string).webhook_url).toBe('https://elsewhere.example/hook');

		await host.deactivate();
		expect(host.staticData).toEqual({ global: {} });
		const after = await runApres(credentials, { resource: 'taskBatch', operation: 'create', source: 's3', bucketName: 'b-1', region: 'us-west-1' }, [{}], { staticData: host.staticData });
		expect(emulator.apres.batch(after.json[0].id as string).webhook_url).toBeUndefined();
	});

	test('unknown batches and malformed calls are refused and emit nothing; states can be filtered', async () => {
		host.calls.length = 0;
		const post = (body: unknown) => fetch(host.productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const forged = await post({ state: 'completed', message: 'done', task_batch_id: '00000000-0000-11e9-8000-000000000000', recipe_id: 'x' });
		expect(forged.status).toBe(404);
		const malformed = await post({ hello: 'world' });
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toEqual({ error: 'not an Apres task batch notification: "state" is required; "task_batch_id" is required' });
		expect(host.calls.every((c) => !c.emitted)).toBe(true);

		const filtered = await new TriggerHost({ states: 'completed, failed', verify: false }, credentials).start();
		try {
			const ignored = await fetch(filtered.productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'in_progress', task_batch_id: 'abc', message: '' }) });
			expect(ignored.status).toBe(200);
			await fetch(filtered.productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'COMPLETED', task_batch_id: 'abc', message: 'ok' }) });
			expect(filtered.calls.map((c) => c.emitted?.[0][0].json.state)).toEqual([undefined, 'completed']);
		} finally {
			await filtered.stop();
		}
	});
});
