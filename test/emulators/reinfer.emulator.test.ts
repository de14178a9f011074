import { startReinferEmulator, type ReinferEmulator } from '../../emulators/reinfer';

const TOKEN = 'test-token';
const SERVER_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const HEX16 = /^[0-9a-f]{16}$/;

let emu: ReinferEmulator;

interface ApiResponse {
	status: number;
	headers: Headers;
	body: any;
}

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<ApiResponse> {
	const headers: Record<string, string> = {};
	if (token !== null) headers['X-Auth-Token'] = token;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${emu.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const admin = (method: string, path: string, body?: unknown) => call(method, `/__emulator${path}`, body, null);

function email(id: string, text: string, extra: Record<string, unknown> = {}) {
	return { id, timestamp: '2011-12-11T01:02:03.000000+00:00', messages: [{ from: 'alice@company.com', to: ['bob@organisation.org'], body: { text } }], ...extra };
}

async function createSource(name = 'example', owner = 'user'): Promise<string> {
	const res = await call('PUT', `/api/v1/sources/${owner}/${name}`, { source: { title: `Title ${name}` } });
	expect(res.status).toBe(200);
	return res.body.source.id as string;
}

async function createDataset(sourceIds: string[], name = 'my-dataset', extra: Record<string, unknown> = {}): Promise<string> {
	const res = await call('PUT', `/api/v1/datasets/user/${name}`, { dataset: { title: 'DS', source_ids: sourceIds, ...extra } });
	expect(res.status).toBe(200);
	return res.body.dataset.id as string;
}

async function sync(comments: unknown[], source = 'example') {
	return call('POST', `/api/v1/sources/user/${source}/sync`, { comments });
}

beforeAll(async () => {
	emu = await startReinferEmulator({ tokens: [TOKEN, 'second-token'], seed: 7 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => emu.reset());

describe('auth and errors', () => {
	it('rejects a missing or wrong X-Auth-Token with 401 in the error shape', async () => {
		const missing = await call('GET', '/api/v1/sources', undefined, null);
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ status: 'error', message: '401 Unauthorized: missing X-Auth-Token header' });
		const wrong = await call('GET', '/api/v1/sources', undefined, 'nope');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ status: 'error', message: '401 Unauthorized: invalid access token' });
		expect((await call('GET', '/api/v1/sources', undefined, 'second-token')).status).toBe(200);
	});

	it('answers unknown routes and objects with 404 in the error shape', async () => {
		const page = await call('GET', '/api/v1/nonexistent_page');
		expect(page.status).toBe(404);
		expect(page.body).toEqual({ status: 'error', message: '404 Not Found' });
		const source = await call('GET', '/api/v1/sources/user/missing');
		expect(source.status).toBe(404);
		expect(source.body.status).toBe('error');
		expect(source.body.message).toMatch(/^404 Not Found/);
		expect((await call('DELETE', '/api/v1/sources/user/example')).status).toBe(404); // delete is by id only
	});

	it('rejects invalid JSON with 400', async () => {
		const res = await fetch(`${emu.url}/api/v1/sources/user/x`, { method: 'PUT', headers: { 'X-Auth-Token': TOKEN }, body: '{nope' });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/^invalid JSON body/);
	});
});

describe('sources', () => {
	it('creates a source in the doc shape, with defaults', async () => {
		const res = await call('PUT', '/api/v1/sources/user/example', { source: { title: 'An Example Source', description: 'An optional long form description.' } });
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('ok');
		expect(Object.keys(res.body.source)).toEqual([
			'id', 'owner', 'name', 'language', 'title', 'description', 'should_translate', 'sensitive_properties', 'created_at', 'updated_at', 'last_modified',
		]);
		expect(res.body.source).toMatchObject({
			owner: 'user', name: 'example', language: 'en', title: 'An Example Source', description: 'An optional long form description.',
			should_translate: false, sensitive_properties: [],
		});
		expect(res.body.source.id).toMatch(HEX16);
		expect(res.body.source.created_at).toMatch(SERVER_TIME);
	});

	it('returns 409 when the name exists and 400 for invalid names and fields', async () => {
		await createSource();
		const dup = await call('PUT', '/api/v1/sources/user/example', { source: {} });
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual({ status: 'error', message: 'source user/example already exists' });
		const badName = await call('PUT', '/api/v1/sources/user/bad.name', { source: {} });
		expect(badName.status).toBe(400);
		expect(badName.body.message).toBe('invalid source name "bad.name": only alphanumeric characters, hyphens and underscores are allowed');
		const badLanguage = await call('PUT', '/api/v1/sources/user/other', { source: { language: 'fr' } });
		expect(badLanguage.body.message).toBe('source.language: must be one of en, de, got "fr"');
		const unknown = await call('PUT', '/api/v1/sources/user/other', { source: { colour: 'red' } });
		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toMatch(/^source\.colour: unknown field/);
		const noWrapper = await call('PUT', '/api/v1/sources/user/other', {});
		expect(noWrapper.body.message).toBe('source: required field is missing');
	});

	it('lists all, lists by owner (key "sources"), gets by name and by id', async () => {
		const mine = await createSource('example', 'user');
		const org = await createSource('example', 'org');
		const all = await call('GET', '/api/v1/sources');
		expect(all.body.sources.map((s: { id: string }) => s.id)).toEqual([mine, org]);
		const byOwner = await call('GET', '/api/v1/sources/org');
		expect(byOwner.body).toEqual({ status: 'ok', sources: [expect.objectContaining({ id: org, owner: 'org' })] });
		const byName = await call('GET', '/api/v1/sources/user/example');
		expect(byName.body.source.id).toBe(mine);
		const byId = await call('GET', `/api/v1/sources/id:${org}`);
		expect(byId.body.source).toMatchObject({ id: org, owner: 'org', name: 'example' });
	});

	it('updates, refusing the create-only language field', async () => {
		await createSource();
		const res = await call('POST', '/api/v1/sources/user/example', { source: { description: 'An alternative description.', should_translate: true } });
		expect(res.status).toBe(200);
		expect(res.body.source).toMatchObject({ description: 'An alternative description.', should_translate: true, title: 'Title example' });
		expect(res.body.source.updated_at >= res.body.source.created_at).toBe(true);
		const lang = await call('POST', '/api/v1/sources/user/example', { source: { language: 'de' } });
		expect(lang.status).toBe(400);
		expect(lang.body.message).toMatch(/^source\.language: unknown field/);
		expect((await call('POST', '/api/v1/sources/user/missing', { source: {} })).status).toBe(404);
	});

	it('deletes by id', async () => {
		const id = await createSource();
		expect((await call('DELETE', `/api/v1/sources/id:${id}`)).body).toEqual({ status: 'ok' });
		expect((await call('GET', `/api/v1/sources/id:${id}`)).status).toBe(404);
		expect((await call('DELETE', `/api/v1/sources/id:${id}`)).status).toBe(404);
		expect((await call('GET', '/api/v1/sources')).body.sources).toEqual([]);
	});
});

describe('datasets', () => {
	it('creates with defaults and lists, gets, updates and deletes', async () => {
		const sourceId = await createSource();
		const created = await call('PUT', '/api/v1/datasets/user/my-dataset', { dataset: { title: 'An Example Dataset', description: 'd', source_ids: [sourceId] } });
		expect(created.status).toBe(200);
		expect(Object.keys(created.body.dataset)).toEqual([
			'id', 'owner', 'name', 'title', 'description', 'created', 'last_modified', 'model_family', 'source_ids', 'has_sentiment',
		]);
		expect(created.body.dataset).toMatchObject({ owner: 'user', name: 'my-dataset', model_family: 'english', source_ids: [sourceId], has_sentiment: true });
		const id = created.body.dataset.id;
		await call('PUT', '/api/v1/datasets/org/other', { dataset: {} });

		expect((await call('GET', '/api/v1/datasets')).body.datasets).toHaveLength(2);
		expect((await call('GET', '/api/v1/datasets/user')).body.datasets.map((d: { id: string }) => d.id)).toEqual([id]);
		expect((await call('GET', '/api/v1/datasets/user/my-dataset')).body.dataset.id).toBe(id);

		const updated = await call('POST', '/api/v1/datasets/user/my-dataset', { dataset: { title: 'An Alternative Title', has_sentiment: true } });
		expect(updated.body.dataset).toMatchObject({ id, title: 'An Alternative Title', description: 'd' });

		expect((await call('DELETE', '/api/v1/datasets/user/my-dataset')).body).toEqual({ status: 'ok' });
		expect((await call('GET', '/api/v1/datasets/user/my-dataset')).status).toBe(404);
	});

	it('validates: unknown source id, immutable has_sentiment, duplicate name, model family', async () => {
		const unknown = await call('PUT', '/api/v1/datasets/user/ds', { dataset: { source_ids: ['0000000000000000'] } });
		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toBe('dataset.source_ids[0]: no source with id "0000000000000000"');
		await createDataset([], 'ds');
		expect((await call('PUT', '/api/v1/datasets/user/ds', { dataset: {} })).status).toBe(409);
		const sentiment = await call('POST', '/api/v1/datasets/user/ds', { dataset: { has_sentiment: false } });
		expect(sentiment.status).toBe(400);
		expect(sentiment.body.message).toBe('dataset.has_sentiment: cannot be changed after the dataset is created');
		const family = await call('PUT', '/api/v1/datasets/user/ds2', { dataset: { model_family: 'klingon' } });
		expect(family.body.message).toBe('dataset.model_family: must be one of english, german, got "klingon"');
	});

	it('drops a deleted source from datasets using it', async () => {
		const a = await createSource('a');
		const b = await createSource('b');
		await createDataset([a, b]);
		await call('DELETE', `/api/v1/sources/id:${a}`);
		expect((await call('GET', '/api/v1/datasets/user/my-dataset')).body.dataset.source_ids).toEqual([b]);
	});
});

describe('comments', () => {
	it('syncs with new / updated / unchanged counts', async () => {
		const sourceId = await createSource();
		const first = await sync([email('0123456789abcdef', 'Hi Bob'), email('abcdef0123456789', 'All,', { user_properties: { 'string:Sender Domain': 'organisation.org', 'number:severity': 3 } })]);
		expect(first.body).toEqual({ status: 'ok', new: 2, unchanged: 0, updated: 0 });
		const second = await sync([
			email('0123456789abcdef', 'Hi Bob'), // identical
			email('abcdef0123456789', 'All,', { user_properties: { 'number:severity': 3, 'string:Sender Domain': 'organisation.org' } }), // same, keys reordered
			email('fedcba098765', 'New one'),
		]);
		expect(second.body).toEqual({ status: 'ok', new: 1, unchanged: 2, updated: 0 });
		const third = await sync([email('0123456789abcdef', 'Hi Bob, changed')]);
		expect(third.body).toEqual({ status: 'ok', new: 0, unchanged: 0, updated: 1 });
		expect(emu.reinfer.commentCount(sourceId)).toBe(3);
		expect(emu.reinfer.listComments(sourceId).map((c) => c.id)).toEqual(['0123456789abcdef', 'abcdef0123456789', 'fedcba098765']);
	});

	it('gets a comment by id in the doc shape, timestamp normalised to UTC', async () => {
		const sourceId = await createSource();
		await sync([
			{
				id: 'fedcba098765',
				timestamp: '2011-12-12T22:00:00+02:00',
				messages: [{ language: 'fr', sent_at: '2011-12-12T20:00:00Z', body: { text: 'I was impressed', translated_from: "J'ai été impressionné" } }],
				user_properties: { 'string:City': 'Paris', 'number:Orders': 4 },
			},
		]);
		const res = await call('GET', '/api/v1/sources/user/example/comments/fedcba098765');
		expect(res.status).toBe(200);
		expect(res.body.comment).toEqual({
			uid: `${sourceId}.fedcba098765`,
			id: 'fedcba098765',
			source_id: sourceId,
			timestamp: '2011-12-12T20:00:00.000000+00:00',
			user_properties: { 'number:Orders': 4, 'string:City': 'Paris' },
			messages: [{ sent_at: '2011-12-12T20:00:00Z', language: 'fr', body: { text: 'I was impressed', translated_from: "J'ai été impressionné" } }],
			last_modified: expect.stringMatching(SERVER_TIME),
			context: '0',
		});
		expect((await call('GET', '/api/v1/sources/user/example/comments/abc')).status).toBe(404);
		expect((await call('GET', '/api/v1/sources/user/nope/comments/abc')).status).toBe(404);
	});

	it.each([
		[{ comments: [email('XYZ', 'x')] }, 'comments[0].id: must be a lowercase hexadecimal string matching ^[0-9a-f]{1,256}$, got "XYZ"'],
		[{ comments: [email('a'.repeat(257), 'x')] }, /^comments\[0\]\.id: must be a lowercase hexadecimal string/],
		[{ comments: [{ ...email('ab', 'x'), timestamp: 'yesterday' }] }, 'comments[0].timestamp: must be an ISO-8601 timestamp (e.g. 2011-12-11T01:02:03.000000+00:00), got "yesterday"'],
		[{ comments: [{ ...email('ab', 'x'), timestamp: '2011-02-30T00:00:00Z' }] }, /^comments\[0\]\.timestamp: must be an ISO-8601 timestamp/],
		[{ comments: [{ id: 'ab', messages: [{ body: { text: 'x' } }] }] }, 'comments[0].timestamp: required field is missing'],
		[{ comments: [{ ...email('ab', 'x'), messages: [] }] }, 'comments[0].messages: must contain at least one message'],
		[{ comments: [{ ...email('ab', 'x'), messages: [{ body: {} }] }] }, 'comments[0].messages[0].body.text: required field is missing'],
		[{ comments: [{ ...email('ab', 'x'), messages: [{ subject: { text: 's' } }] }] }, 'comments[0].messages[0].body: required field is missing'],
		[{ comments: [{ ...email('ab', 'x'), messages: [{ body: { text: 'x', translated_from: 'y' } }] }] }, 'comments[0].messages[0].body.translated_from: requires the message to have a language'],
		[{ comments: [email('ab', 'x', { user_properties: { City: 'x' } })] }, 'comments[0].user_properties.City: key must have the form "string:<name>" or "number:<name>"'],
		[{ comments: [email('ab', 'x', { user_properties: { 'number:n': '3' } })] }, 'comments[0].user_properties["number:n"]: value must be a number, got string'],
		[{ comments: [email('ab', 'x', { user_properties: { 'string:s': 3 } })] }, 'comments[0].user_properties["string:s"]: value must be a string, got number'],
		[{ comments: [{ ...email('ab', 'x'), thread: 'x' }] }, /^comments\[0\]\.thread: unknown field/],
		[{}, 'comments: required field is missing'],
		[{ comments: Array.from({ length: 1025 }, (_, i) => email(i.toString(16), 'x')) }, 'comments: at most 1024 comments per request, got 1025'],
	])('rejects invalid sync input with a precise 400 (%#)', async (body, message) => {
		const sourceId = await createSource();
		const res = await call('POST', '/api/v1/sources/user/example/sync', body);
		expect(res.status).toBe(400);
		expect(res.body.status).toBe('error');
		if (typeof message === 'string') expect(res.body.message).toBe(message);
		else expect(res.body.message).toMatch(message);
		expect(emu.reinfer.commentCount(sourceId)).toBe(0);
	});

	it('writes nothing when any comment in the batch is invalid', async () => {
		const sourceId = await createSource();
		const res = await sync([email('aa', 'fine'), email('bb', 'fine', { user_properties: { bad: 1 } })]);
		expect(res.status).toBe(400);
		expect(emu.reinfer.commentCount(sourceId)).toBe(0);
	});
});

describe('predictions', () => {
	const LABELS = [
		{ name: ['Billing', 'Refund'], keywords: ['refund'], probability: 0.9, sentiment: -0.5 },
		{ name: ['Urgent'], keywords: ['asap'], probability: 0.6, sentiment: -0.2 },
		{ name: ['Praise'], keywords: ['thanks'], probability: 0.8, sentiment: 0.7 },
	];
	const doc = (text: string, subject?: string) => ({ messages: [{ body: { text }, ...(subject ? { subject: { text: subject } } : {}) }], timestamp: '2013-09-12T20:01:20.000000+00:00' });

	beforeEach(async () => {
		await createSource();
		await createDataset([]);
		const res = await admin('PUT', '/reinfer/datasets/user/my-dataset/labels', LABELS);
		expect(res.status).toBe(200);
	});

	it('applies keyword labels (body and subject, case-insensitive), filtered by threshold', async () => {
		const res = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/1/predict', {
			documents: [doc('I want a REFUND asap'), doc('nothing relevant', 'Many thanks'), doc('nothing at all')],
			threshold: 0.25,
		});
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('ok');
		expect(res.body.model).toEqual({ version: '1', time: expect.stringMatching(SERVER_TIME) });
		expect(res.body.predictions).toEqual([
			[
				{ name: ['Billing', 'Refund'], probability: 0.9, sentiment: -0.5 },
				{ name: ['Urgent'], probability: 0.6, sentiment: -0.2 },
			],
			[{ name: ['Praise'], probability: 0.8, sentiment: 0.7 }],
			[],
		]);
		expect(res.body.entities).toEqual([[], [], []]);
	});

	it('includes deterministic baseline probabilities below 0.2 when the threshold is 0', async () => {
		const body = { documents: [doc('I want a refund')] };
		const first = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/2/predict', body);
		const second = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/2/predict', body);
		expect(first.body.predictions).toEqual(second.body.predictions);
		const [labels] = first.body.predictions;
		expect(labels).toHaveLength(3);
		expect(labels[0]).toEqual({ name: ['Billing', 'Refund'], probability: 0.9, sentiment: -0.5 });
		for (const baseline of labels.slice(1)) {
			expect(baseline.probability).toBeGreaterThanOrEqual(0.01);
			expect(baseline.probability).toBeLessThan(0.2);
			expect(baseline.sentiment).toBe(0);
		}
		expect(labels[1].probability).toBeGreaterThanOrEqual(labels[2].probability);
	});

	it('extracts entities with spans into the message text', async () => {
		const text = 'Please pay $1,200.50 to jane.doe@example.com by 2019-01-01, or 300 EUR later.';
		const res = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/1/predict', { documents: [doc(text, 'Due 2020-02-29T10:30:00Z')], threshold: 1 });
		expect(res.body.predictions).toEqual([[]]);
		const entities = res.body.entities[0];
		expect(entities.map((e: { kind: string; formatted_value: string }) => [e.kind, e.formatted_value])).toEqual([
			['date', '2020-02-29 10:30 UTC'],
			['money', 'USD 1200.50'],
			['email', 'jane.doe@example.com'],
			['date', '2019-01-01 00:00 UTC'],
			['money', 'EUR 300.00'],
		]);
		const money = entities[1];
		expect(money.span).toEqual({ content_part: 'body', message_index: 0, utf16_byte_start: text.indexOf('$'), utf16_byte_end: text.indexOf(' to') });
		expect(text.slice(money.span.utf16_byte_start, money.span.utf16_byte_end)).toBe('$1,200.50');
		expect(entities[0].span.content_part).toBe('subject');
	});

	it('omits entities when disabled and sentiment when the dataset has none', async () => {
		await admin('PUT', '/reinfer/datasets/user/my-dataset/entities', { enabled: false });
		const res = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/1/predict', { documents: [doc('refund')], threshold: 0.5 });
		expect(res.body).not.toHaveProperty('entities');
		await createDataset([], 'no-sentiment', { has_sentiment: false });
		const plain = await call('POST', '/api/v1/datasets/user/no-sentiment/labellers/1/predict', { documents: [doc('refund please')], threshold: 0.5 });
		expect(plain.body.predictions[0]).toEqual([{ name: ['Billing', 'Refund'], probability: 0.92 }]); // default labels
	});

	it('validates the predict request', async () => {
		const predict = (body: unknown, version = '1') => call('POST', `/api/v1/datasets/user/my-dataset/labellers/${version}/predict`, body);
		expect((await predict({ documents: [doc('x')], threshold: 1.5 })).body.message).toBe('threshold: must be between 0 and 1, got 1.5');
		expect((await predict({ documents: Array.from({ length: 4097 }, () => doc('x')) })).body.message).toBe('documents: at most 4096 documents per request, got 4097');
		expect((await predict({ documents: [{ messages: [] }] })).body.message).toBe('documents[0].messages: must contain at least one message');
		expect((await predict({})).body.message).toBe('documents: required field is missing');
		expect((await predict({ documents: [doc('x')] }, 'latest')).body.message).toBe('invalid model version "latest": must be a non-negative integer');
		expect((await call('POST', '/api/v1/datasets/user/missing/labellers/1/predict', { documents: [] })).status).toBe(404);
		const ok = await predict({ documents: [{ messages: [{ body: { text: 'no timestamp is fine' } }] }] });
		expect(ok.status).toBe(200);
	});

	it('predicts stored comments by uid across sources, 400 naming an unknown uid', async () => {
		const sourceId = emu.reinfer.source('user', 'example')!.id;
		const otherId = await createSource('other', 'org');
		await sync([email('0001', 'refund now'), email('0002', 'thanks a lot')]);
		await call('POST', '/api/v1/sources/org/other/sync', { comments: [email('abc001', 'plain text')] });
		const uids = [`${sourceId}.0001`, `${sourceId}.0002`, `${otherId}.abc001`];
		const res = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/0/predict-comments', { uids, threshold: 0.25 });
		expect(res.status).toBe(200);
		expect(res.body.model.version).toBe('0');
		expect(res.body.predictions).toEqual([
			{ uid: uids[0], labels: [{ name: ['Billing', 'Refund'], probability: 0.9, sentiment: -0.5 }], entities: [] },
			{ uid: uids[1], labels: [{ name: ['Praise'], probability: 0.8, sentiment: 0.7 }], entities: [] },
			{ uid: uids[2], labels: [], entities: [] },
		]);
		const unknown = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/0/predict-comments', { uids: [uids[0], `${sourceId}.ffff`] });
		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toBe(`uids[1]: comment "${sourceId}.ffff" not found`);
		const malformed = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/0/predict-comments', { uids: ['nodot'] });
		expect(malformed.body.message).toBe('uids[0]: "nodot" is not of the form <source_id>.<comment_id>');
		const tooMany = await call('POST', '/api/v1/datasets/user/my-dataset/labellers/0/predict-comments', { uids: Array(4097).fill(uids[0]) });
		expect(tooMany.body.message).toBe('uids: at most 4096 uids per request, got 4097');
	});

	it('rejects invalid label configurations on the admin API', async () => {
		const res = await admin('PUT', '/reinfer/datasets/user/my-dataset/labels', [{ name: [], keywords: ['x'] }]);
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('labels[0].name: must be a non-empty list of non-empty strings');
		expect((await admin('GET', '/reinfer/datasets/user/my-dataset/labels')).body.labels).toHaveLength(3);
	});
});

describe('triggers', () => {
	const fetchT = (size: unknown = 2, trigger = 'dispute') => call('POST', `/api/v1/datasets/user/my-dataset/triggers/${trigger}/fetch`, { size });
	const advanceT = (sequence_id: unknown) => call('POST', '/api/v1/datasets/user/my-dataset/triggers/dispute/advance', { sequence_id });
	const ids = (res: ApiResponse) => res.body.results.map((r: { comment: { id: string } }) => r.comment.id);
	let sourceA: string;

	beforeEach(async () => {
		sourceA = await createSource('a');
		const sourceB = await createSource('b');
		await createSource('unrelated');
		await createDataset([sourceA, sourceB]);
		await sync([email('a1', 'refund please'), email('a2', 'x')], 'a');
		await sync([email('b1', 'y')], 'b');
		await sync([email('c1', 'z')], 'unrelated');
		const res = await admin('POST', '/reinfer/triggers', { dataset: 'my-dataset', name: 'dispute' });
		expect(res.status).toBe(201);
		expect(res.body.trigger).toMatchObject({ owner: 'user', dataset: 'my-dataset', name: 'dispute', committed_sequence_id: '0', pending: 3 });
	});

	it('fetches in sync order, refetches the same until advanced, then moves on', async () => {
		const first = await fetchT(2);
		expect(first.status).toBe(200);
		expect(first.body.status).toBe('ok');
		expect(ids(first)).toEqual(['a1', 'a2']);
		expect(first.body.sequence_id).toBe('2');
		expect(first.body.results[0].comment).toMatchObject({ uid: `${sourceA}.a1`, source_id: sourceA, context: '0' });
		expect(first.body.results[0].labels[0]).toEqual({ name: ['Billing', 'Refund'], probability: 0.92, sentiment: -0.6 });
		expect(first.body.results[0].entities).toEqual([]);

		const again = await fetchT(2);
		expect(ids(again)).toEqual(['a1', 'a2']);
		expect(again.body.sequence_id).toBe('2');

		expect((await advanceT(first.body.sequence_id)).body).toEqual({ status: 'ok', sequence_id: '2' });
		const next = await fetchT(10);
		expect(ids(next)).toEqual(['b1']);
		expect(next.body.sequence_id).toBe('3');
		await advanceT(3); // the doc's example sends a number
		const empty = await fetchT(10);
		expect(empty.body).toEqual({ status: 'ok', results: [], sequence_id: '3' });
		expect(emu.reinfer.triggerPosition('user', 'my-dataset', 'dispute')).toMatchObject({ committed_sequence_id: '3', pending: 0 });
	});

	it('delivers comments synced later and re-queues updated ones', async () => {
		await advanceT((await fetchT(3)).body.sequence_id);
		await sync([email('a1', 'refund please')], 'a'); // unchanged: not re-queued
		await sync([email('a2', 'x, edited'), email('a3', 'new')], 'a');
		const res = await fetchT(10);
		expect(ids(res)).toEqual(['a2', 'a3']);
		expect(res.body.results[0].comment.messages[0].body.text).toBe('x, edited');
	});

	it('delivers an updated comment once, at its new position', async () => {
		await sync([email('a1', 'changed before delivery')], 'a');
		expect(ids(await fetchT(10))).toEqual(['a2', 'b1', 'a1']);
	});

	it('validates size and sequence_id', async () => {
		expect((await fetchT(0)).body.message).toBe('size: must be between 1 and 1024, got 0');
		expect((await fetchT(1025)).body.message).toBe('size: must be between 1 and 1024, got 1025');
		expect((await fetchT(1.5)).body.message).toBe('size: must be an integer, got 1.5');
		expect((await call('POST', '/api/v1/datasets/user/my-dataset/triggers/dispute/fetch', {})).body.message).toBe('size: required field is missing');
		await fetchT(1);
		const beyond = await advanceT('2');
		expect(beyond.status).toBe(400);
		expect(beyond.body.message).toBe('sequence_id: 2 is beyond the last fetched position 1');
		const nonNumeric = await advanceT('abc');
		expect(nonNumeric.status).toBe(400);
		expect(nonNumeric.body.message).toBe('sequence_id: must be a non-negative integer sequence id as returned by fetch, got "abc"');
		expect((await fetchT(1, 'unknown')).status).toBe(404);
	});

	it('rejects a duplicate trigger and a trigger on an unknown dataset', async () => {
		expect((await admin('POST', '/reinfer/triggers', { dataset: 'my-dataset', name: 'dispute' })).status).toBe(409);
		expect((await admin('POST', '/reinfer/triggers', { dataset: 'nope', name: 't' })).status).toBe(404);
		expect((await admin('GET', '/reinfer/triggers')).body.triggers).toHaveLength(1);
	});
});

describe('state inspection', () => {
	it('dumps the platform state on GET /__emulator/state and resets it', async () => {
		const sourceId = await createSource();
		await sync([email('aa', 'x')]);
		const state = await admin('GET', '/state');
		expect(state.status).toBe(200);
		expect(state.body).toMatchObject({ owner: 'user', last_sequence_id: '1', sources: [{ id: sourceId, comment_count: 1 }], datasets: [], triggers: [] });
		expect(emu.reinfer.comment(sourceId, 'aa')?.messages[0].body.text).toBe('x');
		expect((await admin('POST', '/reset')).status).toBe(200);
		expect((await admin('GET', '/state')).body.sources).toEqual([]);
	});

	it('counts requests per route pattern and status', async () => {
		await createSource();
		await call('GET', '/api/v1/sources/user/example');
		await call('GET', '/api/v1/sources/user/missing');
		await call('GET', '/api/v1/nowhere');
		const stats = (await admin('GET', '/stats')).body;
		expect(stats.total).toBe(4);
		expect(stats.byRoute['GET /api/v1/sources/:owner/:name']).toEqual({ count: 2, byStatus: { 200: 1, 404: 1 } });
		expect(stats.byRoute['GET (unmatched)']).toEqual({ count: 1, byStatus: { 404: 1 } });
		expect(stats.byStatus).toEqual({ 200: 2, 404: 2 });
	});
});

describe('fault injection', () => {
	it('a 100% http429 rule answers 429 with Retry-After (seconds or HTTP-date)', async () => {
		emu.faults.set([{ kind: 'http429', path: '/api/v1/sources', retryAfter: 3 }]);
		const res = await call('GET', '/api/v1/sources');
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('3');
		expect(res.body).toEqual({ status: 'error', message: '429 Too Many Requests' });
		expect((await call('GET', '/api/v1/datasets')).status).toBe(200); // other paths unaffected

		emu.faults.set([{ kind: 'http429', retryAfter: 120, retryAfterFormat: 'http-date' }]);
		const dated = await call('GET', '/api/v1/sources');
		const retryAt = Date.parse(dated.headers.get('retry-after') ?? '');
		expect(retryAt - Date.now()).toBeGreaterThan(100_000);
		expect(retryAt - Date.now()).toBeLessThanOrEqual(121_000);
	});

	it('http5xx uses the configured status; rules can match by method and regex', async () => {
		emu.faults.set([{ kind: 'http5xx', status: 502, method: 'POST', path: '/sync$' }]);
		await createSource();
		const res = await sync([email('aa', 'x')]);
		expect(res.status).toBe(502);
		expect(res.body).toEqual({ status: 'error', message: '502 Bad Gateway' });
		expect((await call('GET', '/api/v1/sources/user/example')).status).toBe(200);
		expect(emu.stats().faults).toMatchObject({ http5xx: 1, total: 1 });
	});

	it('drop destroys the socket without a response', async () => {
		emu.faults.set([{ kind: 'drop', path: '/api/v1/datasets' }]);
		await expect(fetch(`${emu.url}/api/v1/datasets`, { headers: { 'X-Auth-Token': TOKEN } })).rejects.toThrow(/fetch failed/);
		expect((await call('GET', '/api/v1/sources')).status).toBe(200);
		expect(emu.stats().faults.drop).toBe(1);
	});

	it('latency delays the response', async () => {
		emu.faults.set([{ kind: 'latency', ms: 150 }]);
		const started = Date.now();
		expect((await call('GET', '/api/v1/sources')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('honours rates approximately and reproducibly for a seed', async () => {
		const run = async () => {
			emu.faults.reseed(1234);
			emu.faults.set([{ kind: 'http5xx', rate: 0.3 }]);
			const statuses: number[] = [];
			for (let i = 0; i < 200; i++) statuses.push((await call('GET', '/api/v1/sources')).status);
			return statuses;
		};
		const first = await run();
		const failures = first.filter((s) => s === 503).length;
		expect(failures).toBeGreaterThan(35);
		expect(failures).toBeLessThan(85);
		expect(await run()).toEqual(first);
	});

	it('changes faults at run time through the admin API, which faults never touch', async () => {
		const put = await admin('PUT', '/faults', { rules: [{ kind: 'http5xx', rate: 1 }], seed: 5 });
		expect(put.body).toEqual({ seed: 5, rules: [{ kind: 'http5xx', rate: 1 }] });
		expect((await call('GET', '/api/v1/sources')).status).toBe(503);
		expect((await admin('GET', '/faults')).status).toBe(200); // admin unaffected
		expect((await admin('POST', '/faults', { kind: 'latency', ms: 1 })).body.rules).toHaveLength(2);
		expect((await admin('DELETE', '/faults')).body.rules).toEqual([]);
		expect((await call('GET', '/api/v1/sources')).status).toBe(200);
		const bad = await admin('PUT', '/faults', [{ kind: 'explode' }]);
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe('rules[0].kind: must be one of latency, http429, http5xx, drop, got "explode"');
	});
});

describe('emulator options', () => {
	it('applies start-time faults, rate limits per token, limits body size and restores faults on reset', async () => {
		const other = await startReinferEmulator({
			tokens: ['a', 'b'],
			faults: [{ kind: 'http429', path: '/api/v1/datasets', retryAfter: 9 }],
			rateLimit: { requestsPerSecond: 1, burst: 2 },
			bodyLimitBytes: 1024,
		});
		try {
			const get = (path: string, token: string) => fetch(`${other.url}${path}`, { headers: { 'X-Auth-Token': token } });
			expect((await get('/api/v1/datasets', 'a')).headers.get('retry-after')).toBe('9');
			other.faults.clear();
			expect((await get('/api/v1/sources', 'a')).status).toBe(200);
			expect((await get('/api/v1/sources', 'a')).status).toBe(200); // burst of 2
			const limited = await get('/api/v1/sources', 'a');
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect((await get('/api/v1/sources', 'b')).status).toBe(200); // buckets are per token
			expect(other.stats().rateLimited).toBe(1);

			other.setRateLimit(undefined);
			const big = await fetch(`${other.url}/api/v1/sources/user/x`, {
				method: 'PUT',
				headers: { 'X-Auth-Token': 'a', 'Content-Type': 'application/json' },
				body: JSON.stringify({ source: { description: 'x'.repeat(2000) } }),
			});
			expect(big.status).toBe(413);

			other.reset();
			expect(other.faults.list()).toEqual([{ kind: 'http429', path: '/api/v1/datasets', retryAfter: 9 }]);
		} finally {
			await other.close();
		}
	});
});
