import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startJob } from '../../temporal/jobs';
import { pauseSignal, resumeSignal, stopSignal, streamProgress } from '../../workflows/reinfer/streamConsumer';
import { LocalStack, REINFER_TOKEN } from '../../scripts/temporal/localStack';

jest.setTimeout(180_000);

let env: LocalStack;
let sourceId: string;
const api = (p: string, method: string, body?: unknown) =>
	fetch(`${env.emulator.url}/api/v1/${p}`, { method, headers: { 'X-Auth-Token': REINFER_TOKEN, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json() as Promise<any>);

async function syncComments(from: number, count: number): Promise<void> {
	const comments = Array.from({ length: count }, (_, k) => ({ id: (0x100 + from + k).toString(16), timestamp: '2024-06-01T12:00:00Z', messages: [{ body: { text: `stream comment ${from + k}` } }] }));
	await api('sources/acme/stream-src/sync', 'POST', { comments });
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (ok(value)) return value;
		if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

beforeAll(async () => {
	env = await new LocalStack().start();
	await env.startWorker({ TEXTAI_SINK_N8N_HEADERS: JSON.stringify({ 'X-Sink-Token': 'sink-secret' }) });
	sourceId = (await api('sources/acme/stream-src', 'PUT', { source: {} })).source.id;
	await api('datasets/acme/stream-ds', 'PUT', { dataset: { source_ids: [sourceId] } });
});
afterAll(async () => env?.stop());

test('file sink: every comment is written once, the trigger ends fully advanced', async () => {
	env.emulator.reinfer.createTrigger({ owner: 'acme', dataset: 'stream-ds', name: 'to-file' });
	await syncComments(0, 300);
	const out = path.join(env.dir, 'stream.jsonl');
	const handle = await startJob(env.client, 'reinfer.streamConsumer', { connection: 'default', owner: 'acme', dataset: 'stream-ds', trigger: 'to-file', batchSize: 64, sink: { type: 'file', path: out }, stopWhenIdle: true }, { taskQueue: env.settings.taskQueue, jobId: 'stream-file' });
	const result = await handle.result();
	expect(result).toMatchObject({ delivered: 300, batches: 5, errors: 0, stopped: true });
	const uids = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).comment.uid);
	expect(new Set(uids).size).toBe(300);
	expect(uids).toHaveLength(300);
	expect(env.emulator.reinfer.triggerPosition('acme', 'stream-ds', 'to-file').pending).toBe(0);
});

test('HTTP sink: a failing sink never lets the trigger advance past an undelivered comment; pause, resume and stop work', async () => {
	env.emulator.reinfer.createTrigger({ owner: 'acme', dataset: 'stream-ds', name: 'to-http' });
	let failing = true;
	const received: Array<{ sequence_id: string; count: number; key: string; token: string }> = [];
	const sink = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			if (failing) {
				res.writeHead(503).end();
				return;
			}
			const parsed = JSON.parse(body);
			received.push({ sequence_id: parsed.sequence_id, count: parsed.count, key: String(req.headers['idempotency-key']), token: String(req.headers['x-sink-token']) });
			res.writeHead(200).end('{}');
		});
	});
	await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/webhook`;
	try {
		const handle = await startJob(
			env.client,
			'reinfer.streamConsumer',
			{ connection: 'default', owner: 'acme', dataset: 'stream-ds', trigger: 'to-http', batchSize: 100, sink: { type: 'http', url, connection: 'n8n' }, idleInitialMs: 200, idleMaxMs: 400, errorBackoffMs: 300 },
			{ taskQueue: env.settings.taskQueue, jobId: 'stream-http' },
		);
		const failed = await until(() => handle.query(streamProgress), (p) => p.errors >= 1, 60_000);
		expect(failed.delivered).toBe(0);
		expect(failed.lastError).toContain('503');
		const position = env.emulator.reinfer.triggerPosition('acme', 'stream-ds', 'to-http');
		expect(position.pending).toBe(300);
		expect(position.committed_sequence_id).toBe(env.emulator.reinfer.triggerPosition('acme', 'stream-ds', 'to-http').committed_sequence_id);

		await handle.signal(pauseSignal);
		failing = false;
		await until(() => handle.query(streamProgress), (p) => p.paused);
		await new Promise((r) => setTimeout(r, 1500));
		expect(received).toHaveLength(0);

		await handle.signal(resumeSignal);
		await until(() => handle.query(streamProgress), (p) => p.delivered === 300);
		expect(received.map((r) => r.count)).toEqual([100, 100, 100]);
		expect(received.every((r) => r.token === 'sink-secret' && r.key.startsWith('acme/stream-ds/to-http/'))).toBe(true);
		await until(async () => env.emulator.reinfer.triggerPosition('acme', 'stream-ds', 'to-http').pending, (p) => p === 0);

		await syncComments(1000, 50);
		await until(() => handle.query(streamProgress), (p) => p.delivered === 350);
		await handle.signal(stopSignal);
		const result = await handle.result();
		expect(result).toMatchObject({ delivered: 350, stopped: true });
	} finally {
		sink.close();
	}
});
