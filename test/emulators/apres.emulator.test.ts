import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';

const KEY = 'emulator-recipe-key';
const OTHER = 'other-recipe-key';
const b64 = (text: string) => Buffer.from(text).toString('base64');

let emulator: ApresEmulator;
let receiver: { url: string; events: Array<Record<string, unknown>>; status: number; close(): Promise<void> };

async function startReceiver() {
	const events: Array<Record<string, unknown>> = [];
	const state = { status: 200 };
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			events.push({ ...JSON.parse(body), path: req.url, contentType: req.headers['content-type'] });
			res.writeHead(state.status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		events,
		get status() {
			return state.status;
		},
		set status(v: number) {
			state.status = v;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function api(path: string, init: { method?: string; body?: unknown; key?: string | null } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.key !== null) headers.authorization = init.key ?? KEY;
	const res = await fetch(`${emulator.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const until = async (check: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not reached in time');
		await new Promise((r) => setTimeout(r, 20));
	}
};

beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => receiver.close());
beforeEach(async () => {
	emulator = await startApresEmulator({ apiKeys: [KEY, OTHER], stepMs: 0 });
});
afterEach(async () => emulator.close());

describe('Apres emulator', () => {
	test('recipe with processing templates; 401 without the raw API key', async () => {
		const recipe = await api('/recipe');
		expect(recipe.status).toBe(200);
		expect(recipe.body).toMatchObject({ name: 'Image Classification Tester', status: 'Enabled', processing_templates: [{ type: 'CategorisationTemplate', choices: expect.any(Array) }] });
		expect(await api('/recipe', { key: null })).toEqual({ status: 401, body: { error: 'Unauthorized request for recipe' } });
		expect((await api('/recipe', { key: `Bearer ${KEY}` })).status).toBe(401);
		expect((await api('/task_batches', { key: 'nope' })).status).toBe(401);
	});

	test('a batch starts at size 0 with an estimated size, generates tasks asynchronously and announces three state changes', async () => {
		const created = await api('/task_batches', {
			method: 'POST',
			body: { files: [{ file: 'a.jpg', data: b64('A') }, { file: 'b.png', data: b64('B') }, { file: 'c.pdf', data: b64('C') }], delivery_timeframe: 1, delivery_units: 'days', webhook_url: `${receiver.url}/hook?x=1` },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ size: 0, estimated_size: 3, estimated_data_points: 3, state: 'confirmed', status: 'Pending', delivery_timeframe: 1, delivery_units: 'days', sandbox: false, mode: 'default' });
		const id = created.body.id as string;
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-11e9-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect((await api(`/task_batches/${id}/tasks`)).body).toEqual([]);

		emulator.apres.advance(id);
		const generated = await api(`/task_batches/${id}`);
		expect(generated.body).toMatchObject({ size: 3, state: 'in_progress' });
		const tasks = (await api(`/task_batches/${id}/tasks`)).body as Array<Record<string, unknown>>;
		expect(tasks.map((t) => [t.input, t.input_type, t.state])).toEqual([
			['a.jpg', 'image', 'pending'],
			['b.png', 'image', 'pending'],
			['c.pdf', 'document', 'pending'],
		]);
		expect((await api(`/task_batches/${id}/output`)).body.json).toEqual([]);

		emulator.apres.advance(id);
		expect((await api(`/task_batches/${id}`)).body).toMatchObject({ state: 'completed', status: 'Completed', price: 0.12 });
		await until(() => receiver.events.length === 3);
		expect(receiver.events.map((e) => [e.state, e.task_batch_id, e.recipe_id, e.path, e.contentType])).toEqual(
			['confirmed', 'in_progress', 'completed'].map((s) => [s, id, emulator.apres.recipe(KEY)!.id, '/hook?x=1', 'application/json']),
		);
		expect(receiver.events[0].message).toBe('Task Batch received: 3 task(s) estimated');

		const output = (await api(`/task_batches/${id}/output`)).body;
		expect(output.json).toHaveLength(3);
		expect(output.json[0]).toMatchObject({ task_id: tasks[0].id, status: 'Completed', output: [expect.any(String)] });
		expect(output.statistics.map((s: { name: string }) => s.name)).toEqual([
			'Successful Tasks', 'Failed Tasks', 'Elapsed Time', 'Elapsed Time (in words)', 'Time to Start Processing Tasks', 'Average Processing Time', 'Tasks with Expert Consensus', 'Tasks without Expert Consensus', 'Time to First Results',
		]);
		expect(output.statistics[0]).toEqual({ name: 'Successful Tasks', value: 3 });
		// The CSV is served by the emulator, without the API key (like Apres's S3 objects).
		const csv = await fetch(output.csv);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]).toBe('task_id,input,output,status,consensus_score');
		expect(lines).toHaveLength(4);
		expect(lines[1].startsWith(`${tasks[0].id},`)).toBe(true);
		receiver.events.length = 0;
	});

	test('batches move over time on their own', async () => {
		emulator.apres.setStepMs(30);
		const created = await api('/task_batches', { method: 'POST', body: { location: { type: 's3', bucket_name: 'task-test.apres.io', region: 'us-west-1', prefix: 'birds/' } } });
		expect(created.body.size).toBe(0);
		const estimated = created.body.estimated_size as number;
		expect(estimated).toBeGreaterThanOrEqual(3);
		await until(() => emulator.apres.batch(created.body.id).state === 'completed');
		const batch = (await api(`/task_batches/${created.body.id}`)).body;
		expect(batch).toMatchObject({ size: estimated, state: 'completed' });
		const tasks = (await api(`/task_batches/${created.body.id}/tasks`)).body as Array<{ input: string }>;
		expect(tasks[0].input.startsWith('birds/')).toBe(true);
	});

	test('all three payloads are validated; unknown batches are 404; batches are per recipe', async () => {
		const azure = { type: 'azure-blob', blob_endpoint: 'https://apresio.blob.core.windows.net', container: 'task-test', sas_token: '?sv=2017-11-09&sp=rl&sig=abc%3D' };
		emulator.apres.setLocationFiles(azure as never, ['x.jpg', 'y.jpg']);
		const created = await api('/task_batches', { method: 'POST', body: { location: azure, webhook_url: 'https://notify-me-of-batch-status.com' } });
		expect(created.status).toBe(201);
		expect(created.body.estimated_size).toBe(2);
		expect(emulator.apres.batch(created.body.id).location).toMatchObject({ sas_token: '***' });

		const bad = async (body: unknown) => (await api('/task_batches', { method: 'POST', body })) as { status: number; body: { error: string } };
		expect(await bad({ location: { type: 's3', bucket_name: 'b', region: 'mars-1' } })).toEqual({ status: 422, body: { error: 'location["region"] is not a valid AWS region: mars-1' } });
		expect((await bad({ location: { type: 's3', region: 'us-west-1' } })).body.error).toBe('location["bucket_name"] is required for type s3');
		expect((await bad({ location: { ...azure, sas_token: undefined } })).body.error).toBe('location["sas_token"] is required for type azure-blob');
		expect((await bad({ location: { type: 'gcs' } })).status).toBe(422);
		expect((await bad({ files: [{ file: 'a', data: 'not base64!' }] })).body.error).toBe('files[0]["data"] is not valid Base64');
		expect((await bad({ files: [], delivery_timeframe: 1 })).status).toBe(422);
		expect((await bad({ files: [{ file: 'a', data: b64('x') }], delivery_timeframe: 3 })).body.error).toBe('delivery_timeframe must be 1 or 7');
		expect((await bad({ files: [{ file: 'a', data: b64('x') }], webhook_url: 'not-a-url' })).status).toBe(422);
		expect((await bad({ files: [{ file: 'a', data: b64('x') }], colour: 'red' })).status).toBe(400);

		expect(await api('/task_batches/00000000-0000-11e9-8000-000000000000')).toEqual({ status: 404, body: { error: 'There is no Recipe or Task Batch with the provided ID' } });
		expect(await api('/task_batches/00000000-0000-11e9-8000-000000000000/tasks')).toEqual({ status: 404, body: { error: 'Task Batch not found' } });
		expect((await api(`/task_batches/${created.body.id}/output`, { key: OTHER })).status).toBe(404);
		expect((await api('/task_batches', { key: OTHER })).body).toEqual([]);
		expect((await api('/task_batches')).body.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
	});

	test('load_batch: a base64 CSV; a second golden set is 422; bad CSV is rejected', async () => {
		const csv = 'Input,Type,Output\r\nhttps://s3/a.jpg,image/jpeg,Heron\r\n"https://s3/b,1.jpg",image/jpeg,Bird\r\n';
		const first = await api('/recipe/load_batch', { method: 'POST', body: { file: 'set1.csv', data: b64(csv), golden_set: true } });
		expect(first).toEqual({ status: 200, body: { message: 'Your processed batch is being loaded' } });
		expect(emulator.apres.recipe(KEY)!.loaded_batches[0]).toMatchObject({ file: 'set1.csv', rows: 2, golden_set: true });
		expect(await api('/recipe/load_batch', { method: 'POST', body: { file: 'set2.csv', data: b64(csv), golden_set: true } })).toEqual({ status: 422, body: { error: 'A Golden Set already exists for this Recipe' } });
		expect((await api('/recipe/load_batch', { method: 'POST', body: { file: 'more.csv', data: b64(csv) } })).status).toBe(200);
		// Golden sets are per recipe.
		expect((await api('/recipe/load_batch', { method: 'POST', body: { file: 'g.csv', data: b64(csv), golden_set: true }, key: OTHER })).status).toBe(200);
		expect((await api('/recipe/load_batch', { method: 'POST', body: { file: 'x.csv', data: b64('a,b\n1,2\n') } })).body.error).toBe('data must be a Base64-encoded CSV with Input, Type and Output columns');
		expect((await api('/recipe/load_batch', { method: 'POST', body: { data: b64(csv) } })).status).toBe(422);
		expect((await api('/recipe/load_batch', { method: 'POST', body: { file: 'x.csv', data: b64(csv) }, key: null })).status).toBe(401);
	});

	test('webhooks: dropped on request, retried after a 5xx, re-delivered on demand; fault injection applies to the API', async () => {
		emulator.apres.setWebhookPolicy({ drop: true });
		const created = await api('/task_batches', { method: 'POST', body: { files: [{ file: 'a.jpg', data: b64('A') }], webhook_url: `${receiver.url}/lost` } });
		emulator.apres.complete(created.body.id);
		await emulator.apres.webhooksIdle();
		expect(receiver.events).toEqual([]);
		expect(emulator.apres.webhookDeliveries().map((d) => [d.state, d.dropped])).toEqual([
			['confirmed', true],
			['in_progress', true],
			['completed', true],
		]);

		emulator.apres.setWebhookPolicy({ drop: false, retryDelayMs: 10 });
		receiver.status = 503;
		emulator.apres.redeliver(created.body.id);
		await until(() => receiver.events.length === 2);
		receiver.status = 200;
		await until(() => receiver.events.length === 3);
		await emulator.apres.webhooksIdle();
		expect(receiver.events.map((e) => e.state)).toEqual(['completed', 'completed', 'completed']);
		expect(emulator.apres.webhookDeliveries().slice(3).map((d) => [d.attempt, d.status])).toEqual([
			[1, 503],
			[2, 503],
			[3, 200],
		]);
		receiver.events.length = 0;

		emulator.faults.set([{ path: '/api/v1/task_batches', kind: 'http429', retryAfter: 2 }]);
		const limited = await fetch(`${emulator.url}/api/v1/task_batches`, { headers: { authorization: KEY } });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(await limited.json()).toMatchObject({ error: expect.stringContaining('429') });
		emulator.faults.clear();
		expect(emulator.stats().faults.http429).toBe(1);
	});

	test('admin API: state, advance, fail', async () => {
		const created = await api('/task_batches', { method: 'POST', body: { files: [{ file: 'a.jpg', data: b64('A') }] } });
		const admin = (path: string, method = 'GET', body?: unknown) => fetch(`${emulator.url}/__emulator/apres${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
		expect((await admin(`/task_batches/${created.body.id}/advance`, 'POST')).body.task_batch).toMatchObject({ state: 'in_progress', size: 1 });
		expect((await admin(`/task_batches/${created.body.id}/fail`, 'POST', { message: 'no experts' })).body.task_batch).toMatchObject({ state: 'failed', status: 'Failed' });
		expect((await admin(`/task_batches/${created.body.id}/advance`, 'POST')).status).toBe(409);
		const state = (await (await fetch(`${emulator.url}/__emulator/state`)).json()) as { task_batches: unknown[]; recipes: unknown[] };
		expect(state.task_batches).toHaveLength(1);
		expect(state.recipes).toHaveLength(2);
		expect((await admin('/recipes', 'POST', { api_key: 'third', name: 'Docs' })).status).toBe(201);
		expect((await api('/recipe', { key: 'third' })).body.name).toBe('Docs');
		await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
		expect(emulator.apres.batches()).toEqual([]);
		expect((await api('/recipe', { key: 'third' })).status).toBe(401);
	});
});
