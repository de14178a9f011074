/**
 * Unit tests of the dependency-free Temporal HTTP client (no server): payloads compatible with the
 * worker's codec and the SDK's converter, request shapes, validation, and secret redaction.
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import type { HttpRequest, HttpResponse, Transport } from '../../clients/core';
import { apiKeyAuth, durationMs, JOBS, payloadKeySecrets, PayloadConverter, TemporalClient, visibilityQuery, type WirePayload } from '../../clients/temporal';
import { JOBS as WORKER_JOBS } from '../../temporal/jobs';
import { EncryptionCodec } from '../../temporal/codec';

const KEYS = `k1:${randomBytes(32).toString('base64')},k0:${randomBytes(32).toString('base64')}`;

const toWire = (p: Payload): WirePayload => ({
	metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
	data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const fromWire = (p: WirePayload): Payload => ({
	metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
	data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

/** A transport answering from a script, recording requests. */
function scripted(responses: Array<Partial<HttpResponse>>): { transport: Transport; requests: HttpRequest[] } {
	const requests: HttpRequest[] = [];
	const transport = (async (request: HttpRequest) => {
		requests.push(request);
		const next = responses.shift() ?? { status: 200, body: {} };
		return { status: next.status ?? 200, headers: next.headers ?? {}, body: next.body ?? {} };
	}) as Transport;
	return { transport, requests };
}

const sleep = async () => undefined;
const INPUT = { connection: 'default', owner: 'acme', source: 's', file: { path: '/data/in.csv' }, mapping: { id: 'id', timestamp: 'ts', text: 'body' } };

describe('payloads', () => {
	test('the worker catalogue is the shared one', () => {
		expect(WORKER_JOBS).toBe(JOBS);
	});

	test('encrypted payloads round-trip with the worker codec and the SDK converter, in both directions', async () => {
		const converter = new PayloadConverter(KEYS);
		const codec = EncryptionCodec.fromSpec(KEYS);
		const value = { rows: 3, text: 'Grüße', nested: [1, null, true] };

		const [decoded] = await codec.decode([fromWire(converter.encode(value))]);
		expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(value);

		const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
		expect(converter.decode(toWire(encrypted))).toEqual(value);
		expect(converter.decode(converter.encode(undefined))).toBeNull();

		// Rotation: a payload made with the older key (k0) still decrypts.
		const old = EncryptionCodec.fromSpec(KEYS.split(',').reverse().join(','));
		const [oldPayload] = await old.encode([defaultPayloadConverter.toPayload('old')]);
		expect(converter.decode(toWire(oldPayload))).toBe('old');
	});

	test('without keys an encrypted payload gives a clear error; plain payloads decode', () => {
		const encrypted = new PayloadConverter(KEYS).encode({ a: 1 });
		expect(() => new PayloadConverter().decode(encrypted)).toThrow('The payload is encrypted (key "k1"): add the payload encryption keys');
		expect(new PayloadConverter(KEYS).decode(PayloadConverter.plain({ a: 1 }))).toEqual({ a: 1 });
		expect(new PayloadConverter().decodeMap({ ok: PayloadConverter.plain('x'), bad: encrypted })).toEqual({ ok: 'x', bad: { unreadable: expect.stringContaining('encrypted') } });
	});
});

describe('TemporalClient requests', () => {
	test('startJob: idempotent start with conflict/reuse policies, typed search attributes, encrypted input and memo', async () => {
		const { transport, requests } = scripted([{ status: 200, body: { runId: 'r1', started: true } }]);
		const client = new TemporalClient({ baseUrl: 'http://temporal:7243/', namespace: 'prod ns', transport, sleep, payloadKeys: KEYS, requestId: () => 'req-1' });
		expect(await client.startJob('reinfer.bulkSync', INPUT, { jobId: 'job:1', taskQueue: 'textai' })).toEqual({ workflowId: 'job:1', runId: 'r1', started: true, job: 'reinfer.bulkSync' });
		const [request] = requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('http://temporal:7243/api/v1/namespaces/prod%20ns/workflows/job%3A1');
		expect(request.headers).toMatchObject({ Accept: 'application/json+no-payload-shorthand', 'Content-Type': 'application/json+no-payload-shorthand' });
		const body = request.body as Record<string, any>;
		expect(body).toMatchObject({
			workflowId: 'job:1',
			workflowType: { name: 'reinferBulkSync' },
			taskQueue: { name: 'textai' },
			requestId: 'req-1',
			workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING',
			workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE',
		});
		const plain = new PayloadConverter();
		expect(plain.decodeMap(body.searchAttributes.indexedFields)).toEqual({ TextaiPlatform: 'reinfer', TextaiJobKind: 'bulk-sync', TextaiJobState: 'running' });
		expect(Buffer.from(body.searchAttributes.indexedFields.TextaiPlatform.metadata.type, 'base64').toString()).toBe('Keyword');
		expect(JSON.stringify(body)).not.toContain('/data/in.csv');
		expect(new PayloadConverter(KEYS).decodeFirst(body.input)).toEqual(INPUT);
		expect(new PayloadConverter(KEYS).decodeMap(body.memo.fields)).toEqual({ job: 'reinfer.bulkSync' });
	});

	test('startJob on a finished job id returns that run (409 already started) after checking it is the same job', async () => {
		const { transport, requests } = scripted([
			{ status: 409, body: { code: 6, message: 'Workflow execution already finished', details: [{ '@type': 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure', runId: 'r0' }] } },
			{ status: 200, body: { workflowExecutionInfo: { execution: { workflowId: 'j', runId: 'r0' }, type: { name: 'reinferBulkSync' }, status: 'WORKFLOW_EXECUTION_STATUS_COMPLETED' } } },
		]);
		const client = new TemporalClient({ baseUrl: 'http://t', namespace: 'default', transport, sleep });
		expect(await client.startJob('reinfer.bulkSync', INPUT, { jobId: 'j', taskQueue: 'q' })).toEqual({ workflowId: 'j', runId: 'r0', started: false, job: 'reinfer.bulkSync' });
		expect(requests[1].url).toBe('http://t/api/v1/namespaces/default/workflows/j?execution.runId=r0');
	});

	test('validation happens before any request', async () => {
		const { transport, requests } = scripted([]);
		const client = new TemporalClient({ baseUrl: 'http://t', namespace: 'default', transport, sleep });
		await expect(client.startJob('reinfer.nope', {}, { jobId: 'x', taskQueue: 'q' })).rejects.toThrow(/field "job" is not a known job/);
		await expect(client.startJob('reinfer.bulkSync', [], { jobId: 'a/b', taskQueue: 'q' })).rejects.toThrow(/field "input" must be a JSON object; field "jobId" must be 1-200/);
		await expect(client.describe('a/b')).rejects.toThrow(/must not contain "\/"/);
		await expect(client.createSchedule({ scheduleId: 's', job: 'reinfer.bulkSync', input: INPUT, taskQueue: 'q', spec: { intervals: [{ every: '500ms' }] }, catchupWindow: '5s' })).rejects.toThrow(
			/"spec.intervals\[0\].every" must be at least 1s; field "catchupWindow" must be at least 10s/,
		);
		await expect(client.createSchedule({ scheduleId: 's', job: 'reinfer.bulkSync', input: INPUT, taskQueue: 'q', spec: {} })).rejects.toThrow(/needs an interval or a cron expression/);
		expect(requests).toHaveLength(0);
	});

	test('getResult polls until the job closes and follows continue-as-new to the last run', async () => {
		const describe = (runId: string, status: string) => ({ status: 200, body: { workflowExecutionInfo: { execution: { workflowId: 'j', runId }, type: { name: 'reinferBulkSync' }, status: `WORKFLOW_EXECUTION_STATUS_${status}` } } });
		const result = new PayloadConverter(KEYS).encode({ rows: 9 });
		const { transport, requests } = scripted([
			describe('r1', 'RUNNING'),
			describe('r1', 'CONTINUED_AS_NEW'),
			{ body: { history: { events: [{ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW', workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: 'r2' } }] } } },
			describe('r2', 'COMPLETED'),
			{ body: { history: { events: [{ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', workflowExecutionCompletedEventAttributes: { result: { payloads: [result] } } }] } } },
		]);
		const client = new TemporalClient({ baseUrl: 'http://t', namespace: 'default', transport, sleep, payloadKeys: KEYS });
		expect(await client.getResult('j', { pollIntervalMs: 10 })).toEqual({ workflowId: 'j', runId: 'r2', status: 'COMPLETED', result: { rows: 9 } });
		expect(requests.map((r) => r.url.replace('http://t/api/v1/namespaces/default/workflows/j', ''))).toEqual([
			'',
			'',
			'/history?execution.runId=r1&historyEventFilterType=HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT',
			'?execution.runId=r2',
			'/history?execution.runId=r2&historyEventFilterType=HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT',
		]);
	});

	test('a failed job raises its failure chain; the API key and payload keys never appear in errors', async () => {
		const failure = { message: 'Activity task failed', cause: { message: 'source acme/s not found', applicationFailureInfo: { type: 'ApiError', nonRetryable: true } } };
		const { transport } = scripted([
			{ body: { workflowExecutionInfo: { execution: { workflowId: 'j', runId: 'r1' }, status: 'WORKFLOW_EXECUTION_STATUS_FAILED' } } },
			{ body: { history: { events: [{ workflowExecutionFailedEventAttributes: { failure } }] } } },
			{ status: 403, body: { code: 7, message: `bad key sk-test-123456 and ${KEYS}` } },
		]);
		const client = new TemporalClient({ baseUrl: 'http://t', namespace: 'default', transport, sleep, auth: apiKeyAuth('sk-test-123456'), secrets: payloadKeySecrets(KEYS) });
		await expect(client.getResult('j')).rejects.toThrow('Temporal job "j" failed: Activity task failed <- ApiError: source acme/s not found');
		const error = (await client.describe('j').then(
			() => new Error('describe should have failed'),
			(e: unknown) => e,
		)) as Error & { body?: unknown };
		expect(error.message).toContain('HTTP 403');
		expect(JSON.stringify({ message: error.message, body: error.body })).not.toMatch(/sk-test-123456|k1:|k0:/);
	});

	test('schedule create: interval and cron specs, policies, paused state', async () => {
		const { transport, requests } = scripted([{ body: { conflictToken: 'x' } }]);
		const client = new TemporalClient({ baseUrl: 'http://t', namespace: 'default', transport, sleep });
		await client.createSchedule({ scheduleId: 'nightly', job: 'reinfer.bulkSync', input: INPUT, taskQueue: 'q', spec: { intervals: [{ every: '1d', offset: '2h' }], cron: ['0 2 * * *'], timezone: 'Europe/Berlin' }, overlapPolicy: 'BUFFER_ONE', catchupWindow: '1h', paused: true, notes: 'n' });
		const body = requests[0].body as Record<string, any>;
		expect(requests[0].url).toBe('http://t/api/v1/namespaces/default/schedules/nightly');
		expect(body.schedule.spec).toEqual({ interval: [{ interval: '86400s', phase: '7200s' }], cronString: ['0 2 * * *'], timezoneName: 'Europe/Berlin' });
		expect(body.schedule.policies).toEqual({ overlapPolicy: 'SCHEDULE_OVERLAP_POLICY_BUFFER_ONE', catchupWindow: '3600s' });
		expect(body.schedule.state).toEqual({ paused: true, notes: 'n' });
		expect(body.schedule.action.startWorkflow).toMatchObject({ workflowId: 'nightly', workflowType: { name: 'reinferBulkSync' }, taskQueue: { name: 'q' } });
		expect(body.requestId).toEqual(expect.any(String));
	});

	test('helpers', () => {
		expect([durationMs('500ms'), durationMs('2s'), durationMs('1.5m'), durationMs('24h'), durationMs('1d'), durationMs(30)]).toEqual([500, 2000, 90_000, 86_400_000, 86_400_000, 30]);
		expect(() => durationMs('soon')).toThrow(/must be a duration/);
		expect(visibilityQuery({ job: 'reinfer.streamConsumer', status: 'RUNNING', query: 'TextaiJobState = "paused" OR TextaiJobState = "running"' })).toBe(
			'WorkflowType = "reinferStreamConsumer" AND ExecutionStatus = "Running" AND (TextaiJobState = "paused" OR TextaiJobState = "running")',
		);
		expect(visibilityQuery({})).toBe('');
		expect(payloadKeySecrets('a:xxxx,b:yyyy')).toEqual(['a:xxxx,b:yyyy', 'xxxx', 'yyyy']);
	});
});
