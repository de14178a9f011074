import { ValidationError, type HttpRequest, type Transport } from '../../clients/core';
import { ORIGINAL_ID_PROPERTY, ReinferClient, toHexId, validateComment, type NewComment } from '../../clients/reinfer';

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
const failure = (promise: Promise<unknown>): Promise<any> => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

function recordingClient() {
	const requests: HttpRequest[] = [];
	const transport: Transport = async <T>(request: HttpRequest) => {
		requests.push(request);
		const size = ((request.body as { comments?: unknown[] })?.comments ?? []).length;
		return { status: 200, headers: {}, body: { status: 'ok', new: size, updated: 0, unchanged: 0 } as T };
	};
	return { client: new ReinferClient({ baseUrl: 'http://reinfer.test', transport, sleep: async () => {} }), requests };
}

const comment = (i: number, overrides: Partial<NewComment> = {}): NewComment => ({
	id: i.toString(16).padStart(8, '0'),
	timestamp: '2024-05-01T10:00:00Z',
	messages: [{ body: { text: `comment ${i}` } }],
	...overrides,
});

describe('re:infer input validation (before any request)', () => {
	test('a non-hex id names the item and field, and nothing is sent', async () => {
		const { client, requests } = recordingClient();
		const comments = [comment(0), comment(1), comment(2, { id: 'TICKET-42' })];
		const error = await failure(client.syncComments('acme', 'emails', comments));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toBe(
			'Invalid input for re:infer syncComments: Item 2: field "id" must be 1-256 lowercase hexadecimal characters ([0-9a-f]), got "TICKET-42"; enable "Hex-Encode IDs" to convert it and keep the original in user_properties',
		);
		expect(requests).toHaveLength(0);
	});

	test('hex-encoding keeps the original id in user_properties', async () => {
		const { client, requests } = recordingClient();
		await client.syncComments('acme', 'emails', [comment(0, { id: 'TICKET-42', user_properties: { 'number:severity': 3 } })], { hexEncodeIds: true });
		const sent = (requests[0].body as { comments: NewComment[] }).comments[0];
		expect(sent.id).toBe(toHexId('TICKET-42'));
		expect(sent.id).toBe('5449434b45542d3432');
		expect(sent.user_properties).toEqual({ 'number:severity': 3, [ORIGINAL_ID_PROPERTY]: 'TICKET-42' });
	});

	test('user property types must match their key prefix', () => {
		const issues = validateComment(comment(0, { user_properties: { 'number:age': 'forty', 'string:city': 7, severity: 1 } as never }), 4);
		expect(issues.map((i) => `${i.itemIndex}|${i.field}|${i.problem}`)).toEqual([
			'4|user_properties["number:age"]|must be a number (key type "number:"), got "forty"',
			'4|user_properties["string:city"]|must be a string (key type "string:"), got number 7',
			'4|user_properties["severity"]|has an invalid key: keys are "string:<name>" or "number:<name>"',
		]);
	});

	test('message body text is required', () => {
		const issues = validateComment(comment(0, { messages: [{ body: { text: '  ' } }] }), 7);
		expect(issues).toEqual([{ itemIndex: 7, field: 'messages[0].body.text', problem: 'is required and must be non-empty text' }]);
		expect(validateComment(comment(0, { messages: [] }), 1)[0].field).toBe('messages');
	});

	test('timestamps must be ISO-8601', () => {
		expect(validateComment(comment(0, { timestamp: '2011-12-11T01:02:03.000000+00:00' }))).toEqual([]);
		expect(validateComment(comment(0, { timestamp: '2011-12-11' }))).toEqual([]);
		expect(validateComment(comment(0, { timestamp: '11/12/2011' }), 0)[0]).toMatchObject({ field: 'timestamp', problem: 'must be an ISO-8601 timestamp, got "11/12/2011"' });
	});

	test('fetch size must be 1..1024 and threshold within [0, 1]', async () => {
		const { client, requests } = recordingClient();
		await expect(client.fetchTrigger('acme', 'ds', 'tr', 2000)).rejects.toThrow('Invalid input for re:infer fetchTrigger: field "size" must be an integer from 1 to 1024, got number 2000');
		await expect(client.predictComments('acme', 'ds', 1, ['aa.bb'], { threshold: 1.5 })).rejects.toThrow('field "threshold" must be a number between 0 and 1, got number 1.5');
		expect(requests).toHaveLength(0);
	});

	test('5,000 comments are split into 5 requests of at most 1024', async () => {
		const { client, requests } = recordingClient();
		const summary = await client.syncComments('acme', 'emails', Array.from({ length: 5000 }, (_, i) => comment(i)));
		expect(requests.map((r) => (r.body as { comments: unknown[] }).comments.length)).toEqual([1024, 1024, 1024, 1024, 904]);
		expect(summary).toEqual({ new: 5000, updated: 0, unchanged: 0, requests: 5 });
		expect(requests[0].url).toBe('http://reinfer.test/api/v1/sources/acme/emails/sync');
	});
});
