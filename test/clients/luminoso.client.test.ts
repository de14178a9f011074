import { ApiError, ValidationError, type HttpRequest, type HttpResponse, type Transport } from '../../clients/core';
import { drfErrorMessage, idFromUrl, LUMINOSO_ROUTES, LuminosoClient, LuminosoTokenAuth, projectIdOf } from '../../clients/luminoso';

const BASE = 'https://compass.example.com/api';

function fakeTransport(answer: (req: HttpRequest) => { status: number; body?: unknown }) {
	const requests: HttpRequest[] = [];
	const transport = (async (req: HttpRequest) => {
		requests.push(req);
		const { status, body } = answer(req);
		return { status, headers: {}, body } as HttpResponse;
	}) as Transport;
	return { transport, requests };
}

const client = (transport: Transport, extra: object = {}) => new LuminosoClient({ baseUrl: BASE, transport, sleep: async () => {}, ...extra });

describe('Luminoso Compass client', () => {
	test('every route ends with a trailing slash', () => {
		for (const [name, route] of Object.entries(LUMINOSO_ROUTES)) expect(`${name} ${route.path}`).toMatch(/\/$/);
		expect(Object.keys(LUMINOSO_ROUTES).length).toBeGreaterThanOrEqual(54);
	});

	test('the Compass URL is required', () => {
		expect(() => client((async () => ({ status: 200, headers: {}, body: {} })) as Transport, { baseUrl: '' })).toThrow('field "url" must be your Compass URL, e.g. https://compass.example.com/api, got ""');
	});

	test('Return All follows next until null; next links on another origin are rebased onto the Compass URL', async () => {
		const { transport, requests } = fakeTransport((req) => {
			const page = Number(new URL(req.url).searchParams.get('page') ?? 1);
			return {
				status: 200,
				body: {
					count: 45,
					next: page < 3 ? `http://compass.example.com/api/projects/p1/p/messages/?newer_than_id=0&page=${page + 1}` : null,
					previous: null,
					results: Array.from({ length: page < 3 ? 20 : 5 }, (_, i) => ({ url: `${BASE}/projects/p1/p/messages/${(page - 1) * 20 + i + 1}/`, text: 'x' })),
				},
			};
		});
		const messages = await client(transport).listMessages('p1', { newer_than_id: 0 });
		expect(messages).toHaveLength(45);
		expect(messages.map((m) => m.id)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
		expect(requests.map((r) => r.url)).toEqual([
			`${BASE}/projects/p1/p/messages/?newer_than_id=0`,
			`${BASE}/projects/p1/p/messages/?newer_than_id=0&page=2`,
			`${BASE}/projects/p1/p/messages/?newer_than_id=0&page=3`,
		]);
		// A limit stops early.
		requests.length = 0;
		expect(await client(transport).listMessages('p1', {}, 25)).toHaveLength(25);
		expect(requests).toHaveLength(2);
	});

	test('booleans go as True/False in query strings; project URLs are accepted as IDs', async () => {
		const { transport, requests } = fakeTransport(() => ({ status: 200, body: { count: 0, next: null, previous: null, results: [] } }));
		await client(transport).listTopics(`${BASE}/projects/pr42/`, { blocking: false, stats: true, num_buckets: 3 });
		expect(requests[0].url).toBe(`${BASE}/projects/pr42/p/topics/?blocking=False&stats=True&num_buckets=3`);
		expect(projectIdOf(' https://x/api/projects/abc/p/messages/ ')).toBe('abc');
		expect(idFromUrl(`${BASE}/users/a%40b.c/`)).toBe('a@b.c');
	});

	test('DRF errors become readable messages', () => {
		expect(drfErrorMessage({ detail: 'Not found.' })).toBe('Not found.');
		expect(drfErrorMessage({ name: ['This field is required.'], account: ["Invalid pk 'xxx' - object does not exist."] })).toBe("name: This field is required.; account: Invalid pk 'xxx' - object does not exist.");
		expect(drfErrorMessage([{}, { text: ['This field is required.'] }])).toBe('[1].text: This field is required.');
		expect(drfErrorMessage({ info: { topics: [{}, { clause: ['Ambiguous.'] }] } })).toBe('info.topics[1].clause: Ambiguous.');
		expect(drfErrorMessage({ non_field_errors: ['Unable to log in with provided credentials.'] })).toBe('Unable to log in with provided credentials.');
	});

	test('messages are validated before anything is sent, naming every bad item', async () => {
		const { transport, requests } = fakeTransport(() => ({ status: 201, body: [] }));
		await expect(
			client(transport).addMessages('p1', [
				{ text: 'ok', timestamp: '2024-01-01T00:00:00Z' },
				{ text: ' ', timestamp: 'yesterday' },
				{ text: 'ok', timestamp: 1_700_000_000, info: [] as never },
			]),
		).rejects.toThrow(
			'Invalid input for Luminoso Compass addMessages: Item 1: field "text" must not be blank; Item 1: field "timestamp" must be an ISO-8601 time (e.g. 2014-08-17T12:45:01Z) or seconds since the epoch, got "yesterday"; Item 2: field "info" must be a JSON object, got an array',
		);
		expect(requests).toHaveLength(0);
	});

	test('batched posts: replace only on the first request, so later batches add to it', async () => {
		const { transport, requests } = fakeTransport((req) => ({ status: 201, body: (req.body as unknown[]).map((_, i) => ({ url: `${BASE}/projects/p1/p/messages/${i}/` })) }));
		const messages = Array.from({ length: 5 }, (_, i) => ({ text: `m${i}`, timestamp: i }));
		const saved = await client(transport).addMessages('p1', messages, { batchSize: 2, replace: true, filters: { earliest: '2024-01-01' }, concurrency: 3 });
		expect(saved).toHaveLength(5);
		expect(requests.map((r) => r.url)).toEqual([`${BASE}/projects/p1/p/messages/?replace=True&earliest=2024-01-01`, `${BASE}/projects/p1/p/messages/`, `${BASE}/projects/p1/p/messages/`]);
		expect(requests.map((r) => (r.body as unknown[]).length)).toEqual([2, 2, 1]);
	});

	test('classifier info is checked per type, with every topic clause', async () => {
		const { transport, requests } = fakeTransport(() => ({ status: 201, body: {} }));
		const c = client(transport);
		const error = await c
			.createClassifier('p1', {
				name: 'x',
				type: 'topic_based',
				status: 'active',
				info: { num_topics: 0, threshold: 2, combined_threshold: 0.3, topics: [{ title: 'a', clause: 'coffee OR tea' }, { title: 'a', clause: 'ale OR beer AND porter' }] },
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['info.combined_threshold', 'info.num_topics', 'info.threshold', 'info.topics[1].title', 'info.topics[1].clause']);
		await expect(c.createClassifier('p1', { name: 'w', type: 'sentiment_wordlist', status: 'active', info: { topics: { bad: { min: 0.5, max: -0.5 } }, wordlist: { meh: 9 } } })).rejects.toThrow(
			/info.topics\["bad"\]" must be a band within \[-1, 1\] with min <= max, got \[0.5, -0.5\]; field "info.wordlist\["meh"\]" must be a number from -5 to 5, got number 9/,
		);
		await expect(c.createClassifier('p1', { name: 'v', type: 'nope' as never, status: 'on' as never })).rejects.toThrow(/field "type" must be one of voting, topic_based, sentiment_combined, sentiment_split, sentiment_wordlist, got "nope"; field "status" must be one of active, inactive, got "on"/);
		expect(requests).toHaveLength(0);
	});

	test('errors carry the platform text and never a secret', async () => {
		const { transport } = fakeTransport(() => ({ status: 400, body: { detail: 'token s3cr3t-token-value is wrong' } }));
		const error = (await client(transport, { secrets: ['s3cr3t-token-value'] })
			.getProject('p1')
			.catch((e: unknown) => e)) as ApiError;
		expect(error.message).toBe('Luminoso Compass getProject failed with HTTP 400: token [redacted] is wrong');
	});
});

describe('LuminosoTokenAuth (activities)', () => {
	test('logs in once for concurrent 401s, then repeats each request with the new token', async () => {
		let valid = 'token-1';
		let logins = 0;
		const { transport, requests } = fakeTransport((req) => {
			if (req.url.endsWith('/login/')) {
				logins++;
				valid = `token-${logins + 1}`;
				return { status: 200, body: { token: valid, user: { email: 'a@b.c' }, expiration: '' } };
			}
			return req.headers?.Authorization === `Token ${valid}` ? { status: 200, body: { url: `${BASE}/accounts/a1/`, id: 'a1', name: 'A' } } : { status: 401, body: { detail: 'Token has expired.' } };
		});
		const auth = new LuminosoTokenAuth(BASE, transport, async () => {}, { username: 'a@b.c', password: 'pw-secret' });
		const c = client(transport, { auth });
		expect((await c.getAccount('a1')).name).toBe('A');
		expect(auth.logins).toBe(1);
		valid = 'rotated';
		const results = await Promise.all([c.getAccount('a1'), c.getAccount('a1'), c.getAccount('a1')]);
		expect(results.map((r) => r.id)).toEqual(['a1', 'a1', 'a1']);
		expect(auth.logins).toBe(2);
		expect(requests.filter((r) => r.url.endsWith('/login/')).map((r) => r.body)).toEqual([
			{ username: 'a@b.c', password: 'pw-secret' },
			{ username: 'a@b.c', password: 'pw-secret' },
		]);
		expect(auth.secrets()).toEqual(expect.arrayContaining(['pw-secret', 'token-3']));
	});

	test('a token given directly is used as is and not renewed', async () => {
		const { transport } = fakeTransport(() => ({ status: 401, body: { detail: 'Invalid token.' } }));
		const auth = new LuminosoTokenAuth(BASE, transport, async () => {}, { token: 'direct-token' });
		expect(await auth.headers()).toEqual({ Authorization: 'Token direct-token' });
		expect(await auth.refresh()).toBe(false);
		await expect(client(transport, { auth }).getAccount('a1')).rejects.toThrow('Luminoso Compass getAccount failed with HTTP 401: Invalid token.');
	});
});
