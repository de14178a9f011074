import { startLuminosoEmulator, type LuminosoEmulator } from '../../emulators/luminoso';

const ADMIN = { username: 'admin@example.com', password: 'admin-password' };
let emu: LuminosoEmulator;
let adminToken: string;

interface ApiResponse {
	status: number;
	headers: Headers;
	body: any;
}

async function call(method: string, path: string, body?: unknown, token: string | null = adminToken, headers: Record<string, string> = {}): Promise<ApiResponse> {
	const h: Record<string, string> = { ...headers };
	if (token !== null) h.Authorization = `Token ${token}`;
	if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/json';
	const res = await fetch(`${emu.apiUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function login(username: string, password: string): Promise<string> {
	const res = await call('POST', '/login/', { username, password }, null);
	expect(res.status).toBe(200);
	return res.body.token as string;
}

async function setup(): Promise<{ account: string; project: string }> {
	const account = (await call('POST', '/accounts/', { name: 'Acme' })).body.id as string;
	const project = await call('POST', '/projects/', { name: 'Reviews', account, language: 'en' });
	expect(project.status).toBe(201);
	return { account, project: project.body.url.split('/').filter(Boolean).pop() };
}

beforeAll(async () => {
	emu = await startLuminosoEmulator({ trainingMs: 150, seed: 3 });
});
afterAll(async () => emu.close());
beforeEach(async () => {
	emu.reset();
	adminToken = await login(ADMIN.username, ADMIN.password);
});

describe('requests, authentication and errors', () => {
	test('login answers token, user and expiration two weeks ahead; the same token while it is valid', async () => {
		const res = await call('POST', '/login/', ADMIN, null);
		expect(res.body).toMatchObject({ token: adminToken, user: { email: ADMIN.username, admin: true, must_reset_password: false } });
		expect(Date.parse(res.body.expiration) - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);
		expect(res.body.token).toMatch(/^[0-9a-f]{40}$/);
		const form = await call('POST', '/login/', `username=${encodeURIComponent(ADMIN.username)}&password=${ADMIN.password}`, null, { 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(form.body.token).toBe(adminToken);
		expect((await call('POST', '/login/', { username: ADMIN.username, password: 'nope' }, null)).body).toEqual({ non_field_errors: ['Unable to log in with provided credentials.'] });
		expect((await call('POST', '/login/', {}, null)).body).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });
	});

	test('DRF 401 details: missing, invalid, expired; expiry after N requests', async () => {
		expect(await call('GET', '/projects/', undefined, null)).toMatchObject({ status: 401, body: { detail: 'Authentication credentials were not provided.' } });
		expect(await call('GET', '/projects/', undefined, 'f'.repeat(40))).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } });
		emu.luminoso.expireTokens({ afterRequests: 2 });
		expect((await call('GET', '/projects/')).status).toBe(200);
		expect((await call('GET', '/projects/')).status).toBe(200);
		expect(await call('GET', '/projects/')).toMatchObject({ status: 401, body: { detail: 'Token has expired.' } });
		const renewed = await login(ADMIN.username, ADMIN.password);
		expect(renewed).not.toBe(adminToken);
		expect((await call('GET', '/projects/', undefined, renewed)).status).toBe(200);
	});

	test('every path needs its trailing slash; unknown methods are 405; unknown routes 404', async () => {
		const get = await call('GET', '/projects');
		expect(get.status).toBe(301);
		expect(get.headers.get('location')).toBe('/api/projects/');
		const post = await call('POST', '/accounts', { name: 'x' });
		expect(post).toMatchObject({ status: 404, body: { detail: 'Not found. Compass API URLs end with a slash: POST /api/accounts/' } });
		expect((await call('GET', '/accounts/')).body.count).toBe(0);
		expect(await call('PATCH', '/projects/')).toMatchObject({ status: 405, body: { detail: 'Method "PATCH" not allowed.' } });
		expect(await call('GET', '/nothing-here/')).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
	});

	test('per-field 400s name every field; a list post gets one error object per item', async () => {
		const res = await call('POST', '/projects/', { account: 'xxx' });
		expect(res).toMatchObject({ status: 400, body: { name: ['This field is required.'], account: ["Invalid pk 'xxx' - object does not exist."], language: ['This field is required.'] } });
		const { project } = await setup();
		const list = await call('POST', `/projects/${project}/p/messages/`, [{ text: 'ok', timestamp: 1 }, { timestamp: 'yesterday' }]);
		expect(list).toMatchObject({ status: 400, body: [{}, { text: ['This field is required.'], timestamp: ['Time has wrong format. Use ISO 8601 or seconds since the epoch.'] }] });
		expect(emu.luminoso.messages(project)).toHaveLength(0);
	});

	test('fault injection answers in the DRF shape', async () => {
		emu.faults.set([{ path: '/api/accounts/', kind: 'http5xx', status: 503 }]);
		expect(await call('GET', '/accounts/')).toMatchObject({ status: 503, body: { detail: 'A server error occurred.' } });
		emu.faults.set([{ path: '/api/accounts/', kind: 'http429', retryAfter: 3 }]);
		const limited = await call('GET', '/accounts/');
		expect(limited).toMatchObject({ status: 429, body: { detail: 'Request was throttled.' } });
		expect(limited.headers.get('retry-after')).toBe('3');
	});
});

describe('permissions', () => {
	test('read / readwrite / manage and site admin', async () => {
		const { account, project } = await setup();
		for (const email of ['reader@acme.test', 'writer@acme.test', 'boss@acme.test', 'stranger@acme.test']) emu.luminoso.addUser({ email, password: 'password-1' });
		for (const [user, level] of [['reader@acme.test', 'read'], ['writer@acme.test', 'readwrite'], ['boss@acme.test', 'manage']]) {
			expect((await call('POST', '/permissions/', { user, account, level })).status).toBe(201);
		}
		expect((await call('POST', '/permissions/', { user: 'reader@acme.test', account, level: 'manage' })).body).toEqual({ non_field_errors: ['The fields user, account must make a unique set.'] });
		const [reader, writer, boss, stranger] = await Promise.all(['reader', 'writer', 'boss', 'stranger'].map((n) => login(`${n}@acme.test`, 'password-1')));

		expect((await call('GET', `/projects/${project}/`, undefined, reader)).status).toBe(200);
		expect(await call('PUT', `/projects/${project}/`, { name: 'x' }, reader)).toMatchObject({ status: 403, body: { detail: 'You do not have permission to perform this action.' } });
		expect((await call('PUT', `/projects/${project}/`, { description: 'notes' }, writer)).body.description).toBe('notes');
		expect((await call('GET', `/projects/${project}/`, undefined, stranger)).status).toBe(404);
		expect((await call('GET', '/projects/', undefined, stranger)).body.count).toBe(0);
		expect((await call('PUT', `/accounts/${account}/`, { name: 'Acme Inc' }, writer)).status).toBe(403);
		expect((await call('PUT', `/accounts/${account}/`, { name: 'Acme Inc' }, boss)).body.name).toBe('Acme Inc');
		expect((await call('POST', '/accounts/', { name: 'Mine' }, boss)).status).toBe(403);
		expect((await call('POST', '/users/', { name: 'N', email: 'n@acme.test' }, boss)).status).toBe(403);
		// manage sees the account's permissions and users; readers see themselves only
		expect((await call('GET', '/permissions/', undefined, boss)).body.count).toBe(3);
		expect((await call('GET', '/permissions/', undefined, reader)).body.count).toBe(0);
		expect((await call('GET', '/users/', undefined, boss)).body.results.map((u: any) => u.email).sort()).toEqual(['boss@acme.test', 'reader@acme.test', 'writer@acme.test']);
		expect((await call('GET', '/users/', undefined, reader)).body.results.map((u: any) => u.email)).toEqual(['reader@acme.test']);
	});

	test('password reset locks the user until the password is changed; a change resets the token', async () => {
		await call('POST', '/users/', { name: 'Dana', email: 'dana@acme.test' });
		const reset = await call('POST', '/users/dana@acme.test/password/reset/', undefined);
		expect(reset.body.password).toEqual(expect.any(String));
		const temp = await login('dana@acme.test', reset.body.password);
		expect(await call('GET', '/projects/', undefined, temp)).toMatchObject({ status: 403, body: { detail: 'You must change your password before doing anything else.' } });
		expect((await call('GET', '/users/dana@acme.test/', undefined, temp)).body.must_reset_password).toBe(true);
		expect((await call('PUT', '/users/dana@acme.test/password/', { password: 'new-password', old_password: 'wrong' }, temp)).body).toEqual({ old_password: ['Wrong password.'] });
		const changed = await call('PUT', '/users/dana@acme.test/password/', { password: 'new-password', old_password: reset.body.password }, temp);
		expect(changed.body).toMatchObject({ user: { email: 'dana@acme.test', must_reset_password: false } });
		expect(changed.body.token).not.toBe(temp);
		expect((await call('GET', '/projects/', undefined, temp)).status).toBe(401);
		expect((await call('GET', '/projects/', undefined, changed.body.token)).status).toBe(200);
	});
});

describe('pagination', () => {
	test('20 per page with absolute next/previous links that keep the filters', async () => {
		const { project } = await setup();
		const messages = Array.from({ length: 45 }, (_, i) => ({ text: `message ${i}`, timestamp: 1_700_000_000 + i }));
		expect((await call('POST', `/projects/${project}/p/messages/`, messages)).status).toBe(201);
		const first = await call('GET', `/projects/${project}/p/messages/?newer_than_id=0`);
		expect(first.body).toMatchObject({ count: 45, previous: null });
		expect(first.body.results).toHaveLength(20);
		expect(first.body.next).toBe(`${emu.apiUrl}/projects/${project}/p/messages/?newer_than_id=0&page=2`);
		const third = await call('GET', first.body.next.replace(emu.apiUrl, '').replace('page=2', 'page=3'));
		expect(third.body.results).toHaveLength(5);
		expect(third.body.next).toBeNull();
		expect(third.body.previous).toBe(`${emu.apiUrl}/projects/${project}/p/messages/?newer_than_id=0&page=2`);
		expect((await call('GET', `/projects/${project}/p/messages/?page=9`)).body).toEqual({ detail: 'Invalid page.' });
		// Newest first; id filters
		const ids = first.body.results.map((m: any) => Number(m.url.split('/').filter(Boolean).pop()));
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		const older = await call('GET', `/projects/${project}/p/messages/?older_than_id=${ids[0]}&newer_than_id=${ids[5]}`);
		expect(older.body.count).toBe(4);
	});
});

describe('classifiers and classification', () => {
	const reviews = [
		['The pasta was delicious and the pizza crust perfect', 'food'],
		['Great burger, tasty fries', 'food'],
		['Fresh salad and delicious soup', 'food'],
		['Our waiter was rude and slow', 'service'],
		['The staff were friendly and the waiter helpful', 'service'],
		['Service was slow, we waited an hour for the waiter', 'service'],
		['Parking was impossible', null],
	] as const;

	test('voting: in_training/inactive, then ready/active; topics from labels; UNCLASSIFIED below threshold', async () => {
		const { project } = await setup();
		const docs = await call('POST', `/projects/${project}/p/documents/`, reviews.map(([text, label]) => ({ text, ...(label ? { label } : {}), dataset: 'train' })));
		expect(docs.status).toBe(201);
		expect(docs.body).toHaveLength(7);
		expect((await call('GET', `/projects/${project}/p/documents/?label=food`)).body.count).toBe(3);

		const created = await call('POST', `/projects/${project}/p/classifiers/`, { name: 'votes', type: 'voting', status: 'active', info: { dataset: 'train', threshold: 0.6 } });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ name: 'votes', type: 'voting', training_state: 'in_training', status: 'inactive', info: { dataset: 'train', threshold: 0.6, num_topics: 1 } });
		const id = created.body.url.split('/').filter(Boolean).pop();
		const early = await call('POST', `/projects/${project}/p/classify/`, { text: 'delicious pizza' });
		expect(early.body.topics).toEqual([]);
		await new Promise((r) => setTimeout(r, 200));
		const ready = await call('GET', `/projects/${project}/p/classifiers/${id}/`);
		expect(ready.body).toMatchObject({ training_state: 'ready', status: 'active' });
		expect(ready.body.topics.map((t: any) => t.title)).toEqual(['food', 'service']);

		const food = await call('POST', `/projects/${project}/p/classify/`, { text: 'Delicious pizza and pasta!', source_id: 'r1' });
		expect(food.body).toMatchObject({ text: 'Delicious pizza and pasta!', source_id: 'r1' });
		expect(food.body.topics).toEqual([{ id: expect.any(Number), source: 'votes', name: 'food', score: 1 }]);
		const vague = await call('POST', `/projects/${project}/p/classify/`, { text: 'Nothing to say' });
		expect(vague.body.topics).toEqual([{ id: null, source: 'votes', name: 'UNCLASSIFIED', score: 0 }]);
		// Classify saves nothing; messages do
		expect(emu.luminoso.messages(project)).toHaveLength(0);
		const saved = await call('POST', `/projects/${project}/p/messages/`, { text: 'The waiter was rude', timestamp: '2024-05-01T10:00:00Z' });
		expect(saved.status).toBe(201);
		expect(saved.body.topics).toEqual([{ id: expect.any(Number), source: 'votes', name: 'service', score: 1 }]);
		expect(saved.body.sentiment).toBeLessThan(0);
		expect(saved.body.timestamp).toBe('2024-05-01T10:00:00.000000+00:00');
		// The topic's messages
		const topicId = saved.body.topics[0].id;
		const inTopic = await call('GET', `/projects/${project}/p/topics/${topicId}/messages/`);
		expect(inTopic.body.results).toEqual([expect.objectContaining({ text: 'The waiter was rude', centrality: 1 })]);
	});

	test('voting without labeled documents ends in error with the reason in info', async () => {
		const { project } = await setup();
		await call('POST', `/projects/${project}/p/documents/`, { text: 'unlabeled' });
		const created = await call('POST', `/projects/${project}/p/classifiers/`, { name: 'v', type: 'voting', status: 'active' });
		emu.luminoso.finishTraining();
		const got = await call('GET', `/projects/${project}/p/classifiers/${created.body.url.split('/').filter(Boolean).pop()}/`);
		expect(got.body).toMatchObject({ training_state: 'error', status: 'inactive', info: { error: 'No labeled documents to train on.' } });
	});

	test('topic-based: clauses validated, evaluated, num_topics ALL; classifier topics added, changed, deleted', async () => {
		const { project } = await setup();
		await call('POST', `/projects/${project}/p/documents/`, [{ text: 'space' }]);
		const bad = await call('POST', `/projects/${project}/p/classifiers/`, {
			name: 'food and drink',
			type: 'topic_based',
			status: 'active',
			info: { topics: [{ title: 'beer', clause: 'ale OR beer AND NOT porter' }, { title: 'tea', clause: 'tea, please' }] },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.info.topics[0].clause[0]).toMatch(/^Ambiguous topic specification/);
		expect(bad.body.info.topics[1].clause[0]).toMatch(/^Punctuation is not allowed/);
		const created = await call('POST', `/projects/${project}/p/classifiers/`, {
			name: 'food and drink',
			type: 'topic_based',
			status: 'active',
			info: {
				num_topics: 'ALL',
				threshold: 0.76,
				topics: [
					{ title: 'breakfast', clause: 'bagel AND (schmear OR cream cheese)' },
					{ title: 'coffee', clause: 'drink AND coffee AND NOT latte' },
					{ title: 'dessert', clause: 'cake OR pie OR ice cream' },
				],
			},
		});
		expect(created.status).toBe(201);
		const cid = created.body.url.split('/').filter(Boolean).pop();
		emu.luminoso.finishTraining();
		const classify = async (text: string) => (await call('POST', `/projects/${project}/p/classify/`, { text })).body.topics.map((t: any) => `${t.name}:${t.score}`);
		expect(await classify('A bagel with cream cheese and a slice of cake')).toEqual(['breakfast:0.9', 'dessert:0.8']);
		expect(await classify('I drink coffee every day')).toEqual(['coffee:1']);
		expect(await classify('I drink coffee, a latte')).toEqual(['UNCLASSIFIED:0']);

		const topic = await call('POST', `/projects/${project}/p/classifiers/${cid}/topics/`, { name: 'tea', info: 'tea OR chai' });
		expect(topic.status).toBe(201);
		expect(topic.body).toMatchObject({ title: 'tea', info: 'tea OR chai', status: 'active' });
		expect(await classify('chai please')).toEqual(['tea:0.85']);
		const tid = topic.body.url.split('/').filter(Boolean).pop();
		expect((await call('PUT', `/projects/${project}/p/topics/${tid}/`, { info: 'green tea AND NOT', title: 'green' })).status).toBe(400);
		expect((await call('PUT', `/projects/${project}/p/topics/${tid}/`, { info: 'green tea', title: 'green tea' })).body).toMatchObject({ title: 'green tea', info: 'green tea' });
		expect(await classify('chai please')).toEqual(['UNCLASSIFIED:0']);
		expect((await call('GET', `/projects/${project}/p/classifiers/${cid}/`)).body.info.topics.map((t: any) => t.title)).toEqual(['breakfast', 'coffee', 'dessert', 'green tea']);
		expect((await call('DELETE', `/projects/${project}/p/topics/${tid}/`)).status).toBe(204);
		expect((await call('GET', `/projects/${project}/p/classifiers/${cid}/`)).body.topics).toHaveLength(3);
		const history = await call('GET', `/projects/${project}/p/topics_history/`);
		expect(history.body.results[0]).toMatchObject({ title: 'green tea', ended: expect.any(String) });
	});

	test('sentiment classifiers: combined, split and wordlist bands', async () => {
		const { project } = await setup();
		const make = async (name: string, type: string, info: object) => (await call('POST', `/projects/${project}/p/classifiers/`, { name, type, status: 'active', info })).body;
		const combined = await make('combined', 'sentiment_combined', { combined_threshold: 0.5 });
		expect(combined).toMatchObject({ training_state: 'ready', status: 'active', topics: [{ title: 'positive' }, { title: 'negative' }] });
		expect((await call('POST', `/projects/${project}/p/classifiers/`, { name: 'x', type: 'sentiment_split', status: 'active', info: { negative_threshold: 0.5 } })).body).toEqual({
			info: { negative_threshold: ['Ensure this value is a number between -1 and 0.'] },
		});
		await make('split', 'sentiment_split', { negative_threshold: -0.3, positive_threshold: 0.5 });
		await make('my list', 'sentiment_wordlist', { topics: { bad: { min: -1, max: 0 }, good: { min: 0, max: 1 } }, wordlist: { superb: 5, 'mighty fine': 3, meh: 1, execrable: -5 } });
		const topics = async (text: string) => (await call('POST', `/projects/${project}/p/classify/`, { text })).body.topics.map((t: any) => `${t.source}/${t.name}:${t.score}`);
		expect(await topics('Superb, just excellent')).toEqual(['combined/positive:0.9', 'split/positive:0.9', 'my list/good:0.5']);
		expect(await topics('It was bad and slow')).toEqual(['combined/negative:0.5', 'split/negative:0.5', 'my list/UNCLASSIFIED:0']);
		expect(await topics('mighty fine, not execrable')).toEqual(['combined/UNCLASSIFIED:0', 'split/UNCLASSIFIED:0', 'my list/bad:0.7']);
	});
});

describe('messages, topics, stats, usage, configuration', () => {
	test('replace swaps the messages matching the filters', async () => {
		const { project } = await setup();
		await call('POST', `/projects/${project}/p/messages/`, [
			{ text: 'old a', timestamp: '2024-01-01T00:00:00Z' },
			{ text: 'old b', timestamp: '2024-02-01T00:00:00Z' },
		]);
		const replaced = await call('POST', `/projects/${project}/p/messages/?replace=True&earliest=2024-01-15T00:00:00Z`, [{ text: 'new b', timestamp: '2024-02-01T00:00:00Z' }]);
		expect(replaced.status).toBe(201);
		expect(emu.luminoso.messages(project).map((m) => m.text)).toEqual(['old a', 'new b']);
		const one = replaced.body[0];
		const id = one.url.split('/').filter(Boolean).pop();
		expect((await call('GET', `/projects/${project}/p/messages/${id}/`)).body.text).toBe('new b');
		expect((await call('DELETE', `/projects/${project}/p/messages/${id}/`)).status).toBe(204);
		expect((await call('GET', `/projects/${project}/p/messages/${id}/`)).status).toBe(404);
		expect((await call('GET', `/projects/${project}/p/messages/?earliest=2023-12-31T00:00:00Z&latest=2024-01-02T00:00:00Z`)).body.count).toBe(1);
		await call('PUT', `/projects/${project}/`, { status: 'inactive' });
		expect((await call('POST', `/projects/${project}/p/messages/`, { text: 'x', timestamp: 1 })).status).toBe(400);
	});

	test('project topics by terms, with stats, outliers, blocking', async () => {
		const { project } = await setup();
		const now = Math.floor(Date.now() / 1000);
		await call('POST', `/projects/${project}/p/messages/`, [
			{ text: 'Terrible delivery, the parcel came late', timestamp: now - 60 },
			{ text: 'Delivery was fast, great', timestamp: now - 120 },
			{ text: 'The parcel box was nice', timestamp: now - 4000 },
			{ text: 'Buy cheap watches', timestamp: now - 30 },
		]);
		const topic = await call('POST', `/projects/${project}/p/topics/`, { title: 'Delivery', info: { terms: { delivery: 1, 'late parcel': 0.5, parcel: 0.2 } } });
		expect(topic.status).toBe(201);
		const tid = topic.body.url.split('/').filter(Boolean).pop();
		expect(topic.body.measurements).toEqual({ count: 2, velocity: 2, acceleration: 2 });
		const central = await call('GET', `/projects/${project}/p/topics/${tid}/messages/`);
		expect(central.body.results.map((m: any) => [m.text, m.centrality])).toEqual([
			['Delivery was fast, great', 0.5882],
			['Terrible delivery, the parcel came late', 0.7059],
		]);
		const withOutliers = await call('GET', `/projects/${project}/p/topics/${tid}/messages/?outliers=true`);
		expect(withOutliers.body.results.map((m: any) => m.centrality)).toEqual([-0.1324, 0.5882, 0.7059]);
		const spam = await call('POST', `/projects/${project}/p/topics/`, { title: 'Spam', blocking: true, info: { terms: { watch: 1 } } });
		expect((await call('GET', `/projects/${project}/p/messages/`)).body.results[0]).toMatchObject({ text: 'Buy cheap watches', blocked: true });
		expect((await call('GET', `/projects/${project}/p/topics/?blocking=True`)).body.results.map((t: any) => t.title)).toEqual(['Spam']);
		const stats = await call('GET', `/projects/${project}/p/topics/${tid}/?stats=true&interval=3600&num_buckets=3`);
		expect(stats.body.time_buckets).toMatchObject({ interval: 3600, counts: [null, 0, 2] });
		await call('PUT', `/projects/${project}/p/topics/${spam.body.url.split('/').filter(Boolean).pop()}/`, { status: 'inactive' });
		expect((await call('GET', `/projects/${project}/p/topics/?status=inactive`)).body.count).toBe(1);
	});

	test('stats buckets, usage per month and day, configuration defaults', async () => {
		const { project } = await setup();
		const at = Date.parse('2024-06-01T12:00:00Z') / 1000;
		await call('POST', `/projects/${project}/p/messages/`, [
			{ text: 'great', timestamp: at - 100 },
			{ text: 'terrible', timestamp: at - 200 },
			{ text: 'so so', timestamp: at - 400 },
			{ text: 'fine', timestamp: at - 5000 },
		]);
		const stats = await call('GET', `/projects/${project}/p/stats/?interval=300&num_buckets=3&at_time=${at}`);
		expect(stats.body).toEqual({
			measurements: { count: 4, velocity: 3, acceleration: 2 },
			time_buckets: {
				start_time: '2024-06-01T11:45:00.000000+00:00',
				end_time: '2024-06-01T12:00:00.000000+00:00',
				interval: 300,
				counts: [0, 1, 2],
				sentiment_counts: [
					{ negative: 0, neutral: 0, positive: 0 },
					{ negative: 0, neutral: 1, positive: 0 },
					{ negative: 1, neutral: 0, positive: 1 },
				],
			},
		});
		const usage = await call('GET', `/projects/${project}/p/usage/`);
		expect(usage.body).toHaveLength(1);
		expect(usage.body[0]).toMatchObject({ total_counts: { api: 4 }, days: [{ source: 'api', count: 4 }] });
		const day = await call('GET', usage.body[0].days[0].url.replace(emu.apiUrl, ''));
		expect(day.body.count).toBe(4);
		expect((await call('GET', `/projects/${project}/p/usage/?source=gnip`)).body).toEqual([]);

		const config = await call('GET', `/projects/${project}/p/config/`);
		expect(config.body.default).toHaveLength(15);
		expect(config.body.overridden).toEqual([]);
		expect((await call('PUT', `/projects/${project}/p/config/sentiment_threshold/`, { value: 2 })).body).toEqual({ value: ['Ensure this value is a number between 0 and 1.'] });
		expect((await call('PUT', `/projects/${project}/p/config/sentiment_threshold/`, { value: 0.1 })).body).toEqual({ key: 'sentiment_threshold', value: 0.1 });
		expect((await call('GET', `/projects/${project}/p/config/`)).body.overridden).toEqual([{ key: 'sentiment_threshold', value: 0.1 }]);
		expect((await call('DELETE', `/projects/${project}/p/config/sentiment_threshold/`)).status).toBe(204);
		expect((await call('GET', `/projects/${project}/p/config/sentiment_threshold/`)).body).toEqual({ key: 'sentiment_threshold', value: 0.3 });
		expect((await call('GET', `/projects/${project}/p/config/nope/`)).status).toBe(404);
	});
});
