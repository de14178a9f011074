import {
	ApiError,
	chunk,
	HttpClient,
	mapConcurrent,
	NetworkError,
	paginateNextUrl,
	paginateOffset,
	parseRetryAfter,
	take,
	ValidationError,
	type HttpRequest,
	type HttpResponse,
	type Transport,
} from '../../clients/core';

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
const failure = (promise: Promise<unknown>): Promise<any> => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

type Step = HttpResponse | { networkError: string };

/** A transport that plays back scripted responses and records what it was sent. */
function scripted(steps: Step[]) {
	const requests: HttpRequest[] = [];
	const transport: Transport = async <T>(request: HttpRequest) => {
		requests.push(request);
		const step = steps.shift();
		if (!step) throw new Error('no more scripted responses');
		if ('networkError' in step) throw Object.assign(new Error(`socket: ${step.networkError}`), { code: step.networkError });
		return step as HttpResponse<T>;
	};
	return { transport, requests };
}

const ok = (body: unknown = { status: 'ok' }): HttpResponse => ({ status: 200, headers: {}, body });
const status = (code: number, headers: Record<string, string> = {}, body: unknown = { status: 'error', message: `boom ${code}` }): HttpResponse => ({ status: code, headers, body });

function client(steps: Step[], extra: Partial<ConstructorParameters<typeof HttpClient>[1]> = {}) {
	const { transport, requests } = scripted(steps);
	const sleeps: number[] = [];
	const http = new HttpClient(
		{ name: 'test', errorMessage: (b) => (b as { message?: string })?.message },
		{ baseUrl: 'http://x.test/', transport: (<T>(r: HttpRequest) => transport<T>(r).catch((e) => Promise.reject(NetworkError.fromCause(e)))) as Transport, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra },
	);
	return { http, requests, sleeps };
}

const GET = { name: 'get', method: 'GET' as const, idempotent: true };
const POST = { name: 'post', method: 'POST' as const, idempotent: false };

describe('HttpClient retries', () => {
	test('retries 5xx on an idempotent operation, then succeeds', async () => {
		const { http, requests, sleeps } = client([status(503), status(502), ok({ value: 1 })]);
		await expect(http.call(GET, { path: '/a', query: { q: 'x y', list: [1, 2] } })).resolves.toEqual({ value: 1 });
		expect(requests).toHaveLength(3);
		expect(requests[0].url).toBe('http://x.test/a?q=x%20y&list=1&list=2');
		expect(sleeps).toHaveLength(2);
		expect(sleeps[1]).toBeGreaterThan(sleeps[0]);
	});

	test('does not repeat a non-idempotent operation after a 5xx', async () => {
		const { http, requests } = client([status(500)]);
		const error = await failure(http.call(POST, { path: '/a', body: {} }));
		expect(error).toBeInstanceOf(ApiError);
		expect(error.status).toBe(500);
		expect(error.message).toBe('test post failed with HTTP 500: boom 500');
		expect(requests).toHaveLength(1);
	});

	test('repeats a 429 even for non-idempotent operations and honours Retry-After seconds', async () => {
		const { http, sleeps } = client([status(429, { 'retry-after': '3' }), ok()]);
		await http.call(POST, { path: '/a' });
		expect(sleeps[0]).toBeGreaterThanOrEqual(3000);
		expect(sleeps[0]).toBeLessThan(3300);
	});

	test('honours Retry-After given as an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('1.5', now)).toBe(1500);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	test('gives up after the bound with the attempt count', async () => {
		const { http, requests } = client([status(503), status(503), status(503)], { retry: { maxAttempts: 3 } });
		const error = await failure(http.call(GET, { path: '/a' }));
		expect(error).toBeInstanceOf(ApiError);
		expect(error.attempts).toBe(3);
		expect(requests).toHaveLength(3);
	});

	test('surfaces a Retry-After longer than the policy allows instead of sleeping', async () => {
		const { http, sleeps } = client([status(429, { 'retry-after': '3600' })]);
		const error = await failure(http.call(GET, { path: '/a' }));
		expect(error.retryAfterMs).toBe(3_600_000);
		expect(sleeps).toHaveLength(0);
	});

	test('retries dropped connections only where repeating is safe', async () => {
		const idempotent = client([{ networkError: 'ECONNRESET' }, ok()]);
		await expect(idempotent.http.call(GET, { path: '/a' })).resolves.toEqual({ status: 'ok' });

		const unsafe = client([{ networkError: 'ECONNRESET' }]);
		const error = await failure(unsafe.http.call(POST, { path: '/a' }));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.code).toBe('ECONNRESET');
		expect(unsafe.requests).toHaveLength(1);

		// A refused connection never reached the server, so even a POST may be repeated.
		const refused = client([{ networkError: 'ECONNREFUSED' }, ok()]);
		await expect(refused.http.call(POST, { path: '/a' })).resolves.toEqual({ status: 'ok' });
	});

	test('refreshes credentials once after a 401 and repeats the call', async () => {
		let token = 'old-token-1';
		const refresh = jest.fn(async () => {
			token = 'new-token-2';
			return true;
		});
		const { http, requests } = client([status(401), ok()], { auth: { headers: async () => ({ Authorization: `JWT ${token}` }), refresh, secrets: () => [token] } });
		await http.call(GET, { path: '/a' });
		expect(refresh).toHaveBeenCalledTimes(1);
		expect(requests.map((r) => r.headers?.Authorization)).toEqual(['JWT old-token-1', 'JWT new-token-2']);
	});

	test('redacts secrets from error messages and bodies', async () => {
		const secret = 'sk-super-secret-value';
		const { http } = client([status(400, {}, { status: 'error', message: `bad token ${secret}` })], { secrets: [secret] });
		const error = await failure(http.call(GET, { path: '/a' }));
		expect(error.message).toBe('test get failed with HTTP 400: bad token [redacted]');
		expect(JSON.stringify(error.body)).not.toContain(secret);
	});
});

describe('paging helpers', () => {
	test('chunk splits at the maximum', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk(Array.from({ length: 5000 }), 1024).map((c) => c.length)).toEqual([1024, 1024, 1024, 1024, 904]);
		expect(() => chunk([1], 0)).toThrow(RangeError);
	});

	test('offset pagination stops when has_more is false', async () => {
		const data = Array.from({ length: 23 }, (_, i) => i);
		const calls: number[] = [];
		const all = await take(
			paginateOffset(async (offset, limit) => {
				calls.push(offset);
				return { items: data.slice(offset, offset + limit), hasMore: offset + limit < data.length };
			}, 10),
		);
		expect(all).toEqual(data);
		expect(calls).toEqual([0, 10, 20]);
	});

	test('take stops fetching pages once the limit is reached', async () => {
		const calls: number[] = [];
		const some = await take(
			paginateOffset(async (offset, limit) => {
				calls.push(offset);
				return { items: Array.from({ length: limit }, (_, i) => offset + i), hasMore: true };
			}, 10),
			15,
		);
		expect(some).toHaveLength(15);
		expect(calls).toEqual([0, 10]);
	});

	test('next-url pagination follows links and stops on a repeated link', async () => {
		const pages: Record<string, { items: number[]; next: string | null }> = {
			'/p2': { items: [3, 4], next: '/p3' },
			'/p3': { items: [5], next: '/p2' },
		};
		const all = await take(paginateNextUrl(async () => ({ items: [1, 2], next: '/p2' }), async (url) => pages[url]));
		expect(all).toEqual([1, 2, 3, 4, 5]);
	});

	test('mapConcurrent keeps order and bounds concurrency', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((r) => setTimeout(r, n));
			inFlight--;
			return n * 10;
		});
		expect(out).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});
});

test('ValidationError names the item and field', () => {
	const error = new ValidationError([{ itemIndex: 3, field: 'id', problem: 'must be hex' }], 're:infer', 'syncComments');
	expect(error.message).toBe('Invalid input for re:infer syncComments: Item 3: field "id" must be hex');
	expect(error.itemIndex).toBe(3);
});
