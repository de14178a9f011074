import { callbackToken, callbackUrl, parseCallbackPath, verifyCallbackToken, callbackSettingsFromEnv } from '../../activities/apres/callback';
import { resultRows } from '../../activities/apres/taskBatch';
import { ApiError, ValidationError, type HttpRequest, type HttpResponse, type Transport } from '../../clients/core';
import {
	ApresClient,
	GoldenSetExistsError,
	parseCsvHeader,
	parseWebhookEvent,
	processedRowsToCsv,
	taskBatchPhase,
	validateLocation,
	validateTaskBatchCreate,
	type Task,
} from '../../clients/apres';
import { startApresEmulator, type ApresEmulator } from '../../emulators/apres';
import { axiosTransport } from '../../activities/shared/axiosTransport';

const failure = (promise: Promise<unknown>): Promise<any> => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

function recordingClient(answer: (request: HttpRequest) => HttpResponse = () => ({ status: 201, headers: {}, body: { id: 'b1', state: 'confirmed', status: 'Pending', size: 0 } })) {
	const requests: HttpRequest[] = [];
	const transport: Transport = async <T>(request: HttpRequest) => {
		requests.push(request);
		return answer(request) as HttpResponse<T>;
	};
	return { client: new ApresClient({ baseUrl: 'http://apres.test/api/v1', transport, sleep: async () => {}, secrets: ['the-recipe-key'] }), requests };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Apres validation (before any request)', () => {
	test('location fields are required per type, and only that type\'s fields are allowed', () => {
		const problems = (location: unknown) => validateLocation(location, 3).map((i) => `${i.itemIndex}|${i.field}|${i.problem}`);
		expect(problems({ type: 's3', bucket_name: 'task-test.apres.io', region: 'us-west-1', prefix: 'birds/' })).toEqual([]);
		expect(problems({ type: 's3', region: 'us-gov-west-1', bucket_name: 'abc' })).toEqual([]);
		expect(problems({ type: 's3' })).toEqual([
			'3|location.bucket_name|is required for an s3 location',
			'3|location.region|is required for an s3 location (the bucket\'s AWS region, e.g. "us-west-1")',
		]);
		expect(problems({ type: 's3', bucket_name: 'ab', region: 'US West', container: 'x' })).toEqual([
			'3|location.bucket_name|must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), got "ab"',
			'3|location.region|must be an AWS region such as "us-west-1", got "US West"',
			'3|location.container|is not a field of a s3 location (allowed: type, bucket_name, region, prefix)',
		]);
		expect(problems({ type: 'azure-blob', blob_endpoint: 'https://apresio.blob.core.windows.net', container: 'task-test', sas_token: '?sv=1&sig=abc' })).toEqual([]);
		expect(problems({ type: 'azure-blob', bucket_name: 'x' })).toEqual([
			'3|location.blob_endpoint|is required for an azure-blob location (e.g. "https://<account>.blob.core.windows.net")',
			'3|location.container|is required for an azure-blob location',
			'3|location.sas_token|is required for an azure-blob location (a shared access signature with read and list rights)',
			'3|location.bucket_name|is not a field of a azure-blob location (allowed: type, blob_endpoint, container, sas_token)',
		]);
		expect(problems({ type: 'gcs' })).toEqual(['3|location.type|must be one of "s3", "azure-blob", got "gcs"']);
		expect(problems('s3://bucket')).toEqual(['3|location|must be an object with a "type" of "s3" or "azure-blob"']);
	});

	test('a batch takes files or a location; files need unique names and base64 data; timeframe is 1 or 7', () => {
		const fields = (payload: unknown) => validateTaskBatchCreate(payload as never).map((i) => `${i.field}: ${i.problem}`);
		expect(fields({ files: [{ file: 'a.jpg', data: b64('a') }], delivery_timeframe: 7, delivery_units: 'days', webhook_url: 'https://hooks.example/x' })).toEqual([]);
		expect(fields({})).toEqual(['files: or "location" is required: the data the batch processes']);
		expect(fields({ files: [{ file: 'a', data: b64('a') }], location: { type: 's3', bucket_name: 'abc', region: 'us-west-1' } })).toEqual(['location: cannot be combined with "files": a task batch takes files or a location']);
		expect(fields({ files: [] })).toEqual(['files: must be a non-empty array of { file, data } objects']);
		expect(fields({ files: [{ file: 'a.jpg', data: 'abc' }, { file: 'a.jpg', data: 'data:image/jpeg;base64,AAAA' }, { data: b64('x'), size: 3 }] })).toEqual([
			'files[0].data: must be standard base64 (A-Z, a-z, 0-9, "+", "/", padded with "="), got "abc"',
			'files[1].file: repeats the name of files[0] ("a.jpg"): file names must be unique within a batch',
			'files[1].data: must be plain base64, without a "data:...;base64," prefix',
			'files[2].file: is required: the name of the file',
			'files[2].size: is not a file field (allowed: file, data)',
		]);
		expect(fields({ files: [{ file: 'a', data: b64('a') }], delivery_timeframe: 2, delivery_units: 'weeks', webhook_url: 'ftp://x', extra: 1 })).toEqual([
			'delivery_timeframe: must be 1 or 7 (days), got number 2',
			'delivery_units: must be "days", got "weeks"',
			'webhook_url: must be a fully qualified http(s) URL, got "ftp://x"',
			'extra: is not a task batch field (allowed: files, location, delivery_timeframe, delivery_units, webhook_url)',
		]);
	});

	test('nothing is sent for invalid input; a SAS token and extra secrets never appear in errors', async () => {
		const { client, requests } = recordingClient();
		const error = await failure(client.createTaskBatch({ location: { type: 's3', bucket_name: 'abc', region: 'nowhere' } }));
		expect(error).toBeInstanceOf(ValidationError);
		expect(requests).toHaveLength(0);

		const echo = recordingClient((request) => ({ status: 422, headers: {}, body: { error: `bad request ${JSON.stringify(request.body)}` } }));
		const sas = '?sv=2017&sig=TopSecretSig';
		const failed = await failure(echo.client.createTaskBatch({ location: { type: 'azure-blob', blob_endpoint: 'https://a.blob.core.windows.net', container: 'abc', sas_token: sas }, webhook_url: 'https://hooks.example/cb/TOKEN1234' }, { secrets: ['TOKEN1234'] }));
		expect(failed).toBeInstanceOf(ApiError);
		expect(failed.status).toBe(422);
		expect(failed.message).toContain('[redacted]');
		expect(JSON.stringify({ message: failed.message, body: failed.body })).not.toMatch(/TopSecretSig|TOKEN1234/);
	});

	test('processed rows become an Input, Type, Output CSV (quoted where needed, answers joined with |)', async () => {
		const csv = processedRowsToCsv([
			{ input: 'https://s3/a.jpg', type: 'image/jpeg', output: 'Heron' },
			{ input: 'https://s3/b, "c".jpg', output: ['Waterfowl', 'Bird'] },
		]);
		expect(csv).toBe('Input,Type,Output\r\nhttps://s3/a.jpg,image/jpeg,Heron\r\n"https://s3/b, ""c"".jpg",,Waterfowl|Bird\r\n');
		expect(parseCsvHeader('\ufeff"Input", Type ,OUTPUT\r\nx,y,z')).toEqual(['input', 'type', 'output']);

		const { client, requests } = recordingClient(() => ({ status: 200, headers: {}, body: { message: 'Your processed batch is being loaded' } }));
		const bad = await failure(client.loadProcessedRows([{ input: 'a', output: 'b' }, { input: '', output: [] }]));
		expect(bad.message).toBe('Invalid input for Apres loadBatch: Item 1: field "input" is required: the task input (e.g. a file URL), got ""; Item 1: field "output" is required: the expected answer (text, or a list of texts), got an array');
		expect(requests).toHaveLength(0);
		const result = await client.loadProcessedRows([{ input: 'a', output: 'b' }], { goldenSet: true, file: 'g.csv' });
		expect(result).toEqual({ message: 'Your processed batch is being loaded', rows: 1, file: 'g.csv' });
		expect(requests[0].body).toEqual({ file: 'g.csv', data: b64('Input,Type,Output\r\na,,b\r\n'), golden_set: true });
	});

	test('webhook bodies: state and task batch id are required; id spellings are tolerated', () => {
		expect(parseWebhookEvent({ state: 'Completed', message: 'done', recipe_id: 'r', task_batch_id: 'b-1' })).toEqual({ event: { state: 'completed', message: 'done', recipe_id: 'r', task_batch_id: 'b-1' }, problems: [] });
		expect(parseWebhookEvent({ state: 'confirmed', task_batch: { id: 'b-2' } }).event).toEqual({ state: 'confirmed', message: '', task_batch_id: 'b-2' });
		expect(parseWebhookEvent({ state: 'x', task_batch_id: '../etc' }).problems).toEqual(['"task_batch_id" is required']);
		expect(parseWebhookEvent([]).problems).toEqual(['the body must be a JSON object']);
		expect([taskBatchPhase({ state: 'completed' }), taskBatchPhase({ state: 'failed' }), taskBatchPhase({ state: 'in_progress' }), taskBatchPhase({ status: 'Completed' })]).toEqual(['completed', 'failed', 'pending', 'completed']);
	});
});

describe('Apres client against the emulator (real HTTP, axios transport)', () => {
	let emulator: ApresEmulator;
	let client: ApresClient;
	beforeAll(async () => {
		emulator = await startApresEmulator({ apiKeys: ['client-key'], stepMs: 0 });
		client = new ApresClient({ baseUrl: `${emulator.url}/api/v1`, transport: axiosTransport(), retry: { baseDelayMs: 5, maxDelayMs: 20 }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), auth: { headers: async () => ({ Authorization: 'client-key' }), secrets: () => ['client-key'] } });
	});
	afterAll(async () => emulator.close());

	test('a golden set twice: the second is a GoldenSetExistsError explaining what to do', async () => {
		expect(await client.loadBatch({ file: 'g.csv', data: b64('Input,Type,Output\na,,b\n'), golden_set: true })).toEqual({ message: 'Your processed batch is being loaded' });
		const error = await failure(client.loadBatch({ file: 'g2.csv', data: b64('Input,Type,Output\na,,b\n'), golden_set: true }));
		expect(error).toBeInstanceOf(GoldenSetExistsError);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.status).toBe(422);
		expect(error.message).toMatch(/^Apres already has a Golden Set for this recipe \(HTTP 422: A Golden Set already exists for this Recipe\)\. /);
		// Without golden_set, a 422 stays a plain ApiError.
		const plain = await failure(client.loadBatch({ file: 'x.csv', data: b64('no,columns\n1,2\n') }));
		expect(plain).not.toBeInstanceOf(GoldenSetExistsError);
		expect(plain.message).toBe('Apres loadBatch failed with HTTP 422: data must be a Base64-encoded CSV with Input, Type and Output columns');
	});

	test('create is not repeated after a 5xx (it is not idempotent), reads are', async () => {
		emulator.faults.set([{ method: 'POST', path: '/api/v1/task_batches', kind: 'http5xx', status: 502 }]);
		const error = await failure(client.createTaskBatch({ files: [{ file: 'a.jpg', data: b64('a') }] }));
		expect(error).toMatchObject({ status: 502, attempts: 1 });
		emulator.faults.set([{ method: 'GET', path: '/api/v1/task_batches', kind: 'http5xx', rate: 0.5 }]);
		emulator.faults.reseed(3);
		for (let i = 0; i < 5; i++) expect(await client.listTaskBatches()).toEqual([]);
		emulator.faults.clear();
		expect(emulator.stats().faults.http5xx).toBeGreaterThan(1);
	});

	test('the results rows join tasks with the output rows by task id', () => {
		const tasks = [{ id: 't1', input: 'a.jpg', output: ['X'], status: 'Completed', state: 'completed', input_type: 'image' }] as Task[];
		const rows = resultRows(tasks, [{ task_id: 't1', input: 'https://s3/a.jpg', output: ['X'], status: 'Completed', consensus_score: 0.5 }, { task_id: 't9', input: 'https://s3/z.jpg', output: ['Y'], status: 'Completed' }]);
		expect(rows.map((r) => [r.task_id, r.input, r.input_url, r.output])).toEqual([
			['t1', 'a.jpg', 'https://s3/a.jpg', ['X']],
			['t9', '', 'https://s3/z.jpg', ['Y']],
		]);
	});
});

describe('Apres job callback URLs', () => {
	const settings = { publicUrl: 'https://hooks.example.com/textai', secret: 'a-secret-of-enough-length' };

	test('one unguessable token per job and nonce, verified in constant time, parsed back from the path', () => {
		const { url, token } = callbackUrl(settings, 'job:1@x', '6f1c2b9e-1111-4222-8333-123456789abc');
		expect(url).toBe(`https://hooks.example.com/textai/apres/callbacks/job%3A1%40x/6f1c2b9e-1111-4222-8333-123456789abc/${token}`);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(callbackToken(settings.secret, 'job:1@x', 'other-nonce')).not.toBe(token);
		expect(callbackToken('another-secret-value', 'job:1@x', '6f1c2b9e-1111-4222-8333-123456789abc')).not.toBe(token);
		const parsed = parseCallbackPath(new URL(url).pathname)!;
		expect(parsed).toEqual({ jobId: 'job:1@x', nonce: '6f1c2b9e-1111-4222-8333-123456789abc', token });
		expect(verifyCallbackToken(settings.secret, parsed.jobId, parsed.nonce, parsed.token)).toBe(true);
		expect(verifyCallbackToken(settings.secret, parsed.jobId, parsed.nonce, `${parsed.token.slice(0, -1)}x`)).toBe(false);
		expect(verifyCallbackToken(settings.secret, parsed.jobId, parsed.nonce, 'short')).toBe(false);
		expect(parseCallbackPath('/apres/callbacks/job')).toBeUndefined();
	});

	test('settings from the environment fail loudly when incomplete', () => {
		expect(callbackSettingsFromEnv({})).toBeUndefined();
		expect(callbackSettingsFromEnv({ TEXTAI_APRES_CALLBACK_PORT: '8123', TEXTAI_APRES_CALLBACK_SECRET: 'x'.repeat(16) })).toEqual({ publicUrl: 'http://127.0.0.1:8123', secret: 'x'.repeat(16) });
		expect(callbackSettingsFromEnv({ TEXTAI_APRES_CALLBACK_URL: 'https://h.example/cb/', TEXTAI_APRES_CALLBACK_SECRET: 'x'.repeat(16) })?.publicUrl).toBe('https://h.example/cb');
		expect(() => callbackSettingsFromEnv({ TEXTAI_APRES_CALLBACK_PORT: '8123' })).toThrow('TEXTAI_APRES_CALLBACK_SECRET must be set (at least 16 characters)');
		expect(() => callbackSettingsFromEnv({ TEXTAI_APRES_CALLBACK_SECRET: 'x'.repeat(16) })).toThrow('TEXTAI_APRES_CALLBACK_URL (or TEXTAI_APRES_CALLBACK_PORT) must be set');
		expect(() => callbackSettingsFromEnv({ TEXTAI_APRES_CALLBACK_URL: 'not a url', TEXTAI_APRES_CALLBACK_SECRET: 'x'.repeat(16) })).toThrow('must be an absolute http(s) URL');
	});
});
