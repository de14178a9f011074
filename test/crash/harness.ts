/**
 * Shared steps of the fault and crash suite (test/crash/*.crash.test.ts): kill points drawn at
 * random (reproducible with CRASH_SEED), SIGKILL + restart of the worker process at each point,
 * request counting against an emulator, and the check that no secret and no document text
 * reaches Temporal history (decrypted, every run of the job) or the worker's logs.
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload } from '@temporalio/common';
import type { StatsSnapshot } from '../../emulators/core/stats';
import type { LocalStack } from '../../scripts/temporal/localStack';
import { EncryptionCodec } from '../../temporal/codec';
import { prng } from '../../demo/sampleComments';

/**
 * `count` kill points, strictly increasing, drawn between 10% and 85% of `total` progress units
 * and at least 10% apart (so each kill lands on fresh work). The seed is printed so a failing run
 * can be replayed with `CRASH_SEED=<seed>`.
 */
export function crashPoints(label: string, total: number, count = 3): number[] {
	const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
	const random = prng(seed + [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0));
	const span = 0.75 - 0.1 * (count - 1);
	const offsets = Array.from({ length: count }, () => random() * span).sort((a, b) => a - b);
	const points = offsets.map((offset, i) => Math.max(1, Math.floor(total * (0.1 + offset + 0.1 * i))));
	process.stdout.write(`crash points for ${label}: ${points.join(', ')} of ${total} (CRASH_SEED=${seed})\n`);
	return points;
}

export interface KillOptions {
	/** Progress so far, in the same units as the points (e.g. rows the emulator holds). */
	progress: () => number | Promise<number>;
	/** Extra environment for each restarted worker (platform connection settings). */
	workerEnv?: NodeJS.ProcessEnv;
	/** Give up waiting for one point after this long (the job may have stalled). */
	timeoutMs?: number;
	/** Called after each restart, e.g. to expire tokens mid-job. */
	afterRestart?: (index: number) => void | Promise<void>;
}

/**
 * Waits for each point, SIGKILLs the worker there and starts a new one. Returns the running
 * worker and the progress seen at each kill (each must be below the total for the test to mean
 * anything: the caller asserts that).
 */
export async function killAtPoints(env: LocalStack, worker: ChildProcess, points: number[], options: KillOptions): Promise<{ worker: ChildProcess; killedAt: number[] }> {
	const killedAt: number[] = [];
	for (const [index, point] of points.entries()) {
		const deadline = Date.now() + (options.timeoutMs ?? 120_000);
		for (;;) {
			const seen = await options.progress();
			if (seen >= point) {
				killedAt.push(seen);
				break;
			}
			if (Date.now() > deadline) throw new Error(`kill point ${index + 1} (${point}) not reached in time: progress stuck at ${seen}\n${env.workerLogs.slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 10));
		}
		await env.killWorker(worker);
		worker = await env.startWorker(options.workerEnv);
		await options.afterRestart?.(index);
	}
	return { worker, killedAt };
}

/** Requests the emulator served for routes matching `method` and a fragment of the route key. */
export function requestsTo(stats: StatsSnapshot, method: string, fragment: string): number {
	return Object.entries(stats.byRoute)
		.filter(([key]) => key.startsWith(`${method} `) && key.includes(fragment))
		.reduce((sum, [, r]) => sum + r.count, 0);
}

function collectPayloads(node: unknown, out: Payload[]): Payload[] {
	if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
	const record = node as Record<string, unknown>;
	if (record.metadata && record.data instanceof Uint8Array) out.push(record as unknown as Payload);
	for (const value of Object.values(record)) collectPayloads(value, out);
	return out;
}

/**
 * Every payload of every run of a job (continued-as-new runs included), decrypted with the
 * stack's keys, as one string; plus the raw (stored) bytes so callers can check both.
 */
export async function historyText(env: LocalStack, workflowId: string): Promise<{ decoded: string; raw: string; runs: number; events: number[] }> {
	const codec = EncryptionCodec.fromSpec(env.payloadKeys);
	const runIds: string[] = [];
	for await (const execution of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runIds.push(execution.runId);
	if (runIds.length === 0) throw new Error(`no runs of ${workflowId} are visible`);
	const decoded: string[] = [];
	const raw: string[] = [];
	const events: number[] = [];
	for (const runId of runIds) {
		const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
		events.push(history.events?.length ?? 0);
		for (const payload of collectPayloads(history, [])) {
			raw.push(Buffer.from(payload.data ?? new Uint8Array()).toString('latin1'));
			const encoding = Buffer.from(payload.metadata?.encoding ?? new Uint8Array()).toString();
			const plain = encoding === 'binary/encrypted' ? (await codec.decode([payload]))[0] : payload;
			decoded.push(Buffer.from(plain.data ?? new Uint8Array()).toString('utf8'));
		}
	}
	return { decoded: decoded.join('\n'), raw: raw.join('\n'), runs: runIds.length, events };
}

/**
 * No secret and no document text in the job's history (decrypted and raw) nor in the worker's
 * logs. `visible` is something that must be found in the decrypted history (proof the check can
 * see plaintext at all, e.g. the job's output path or display name).
 */
export async function expectNoLeaks(env: LocalStack, workflowId: string, options: { secrets: string[]; texts: string[]; visible: string }): Promise<void> {
	const history = await historyText(env, workflowId);
	expect(history.decoded).toContain(options.visible);
	const leaks: string[] = [];
	for (const [kind, values] of [['secret', options.secrets], ['document text', options.texts]] as const) {
		for (const value of values) {
			if (!value) throw new Error(`empty ${kind} given to expectNoLeaks`);
			if (history.decoded.includes(value)) leaks.push(`${kind} ${JSON.stringify(value.slice(0, 12))}... in decrypted history`);
			if (history.raw.includes(value)) leaks.push(`${kind} ${JSON.stringify(value.slice(0, 12))}... in raw history`);
			if (env.workerLogs.includes(value)) leaks.push(`${kind} ${JSON.stringify(value.slice(0, 12))}... in worker logs`);
		}
	}
	expect(leaks).toEqual([]);
}

/**
 * Activity attempts that were retried, over every run of a job: each SIGKILL of the worker that
 * runs an activity ends that attempt (heartbeat timeout) and adds one. Temporal writes one
 * ActivityTaskStarted event per activity, for its last attempt, so retries = sum(attempt - 1).
 */
export async function activityRetries(env: LocalStack, workflowId: string): Promise<number> {
	let retries = 0;
	for await (const execution of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
		const history = await env.client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
		for (const event of history.events ?? []) retries += Math.max(0, (event.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
	}
	return retries;
}

export interface HoldingProxy {
	/** Give this to the worker instead of the emulator's URL. */
	url: string;
	/** "METHOD path" of every request the proxy received, in order. */
	received: string[];
	close(): Promise<void>;
}

/**
 * An HTTP proxy between the worker and an emulator that passes everything through, except that it
 * can hold a request before forwarding it (`holdRequest` ms; a request whose client went away
 * meanwhile is never forwarded) or hold the answer after the emulator gave it (`holdAnswer` ms;
 * the emulator has done the work, the client learns of it later). A worker killed in such a window
 * dies exactly before or after the platform acted on its request.
 */
export async function startHoldingProxy(target: string, rules: { holdRequest?: (req: http.IncomingMessage) => number; holdAnswer?: (req: http.IncomingMessage) => number }): Promise<HoldingProxy> {
	const upstream = new URL(target);
	const received: string[] = [];
	const server = http.createServer((req, res) => {
		received.push(`${req.method} ${new URL(req.url ?? '/', upstream).pathname}`);
		let gone = false;
		res.on('close', () => (gone = true));
		const forward = (body: Buffer) => {
			const request = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
				setTimeout(() => {
					if (gone) {
						answer.resume();
						return;
					}
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				}, rules.holdAnswer?.(req) ?? 0);
			});
			request.on('error', () => res.destroy());
			request.end(body);
		};
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const hold = rules.holdRequest?.(req) ?? 0;
			if (hold <= 0) forward(Buffer.concat(chunks));
			else
				setTimeout(() => {
					if (!gone) forward(Buffer.concat(chunks));
				}, hold);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
