/**
 * Receiver of Apres task batch callbacks. Apres POSTs every state change of a batch to the
 * batch's `webhook_url`; for batches created by the `apres.taskBatch` job that URL is
 *
 *   <TEXTAI_APRES_CALLBACK_URL>/apres/callbacks/<job id>/<nonce>/<token>
 *
 * (see activities/apres/callback.ts). Each call is checked, then handed to the job as the
 * `apresTaskBatchEvent` update, whose validator decides without writing history:
 *
 *   401  the token does not match the job id and nonce (nothing reaches Temporal)
 *   400  the body is not a task batch notification (state, task_batch_id)
 *   404  no such job
 *   409  the body names another task batch than the job's
 *   410  the URL belongs to an earlier run of the job
 *   503  the job has not recorded its batch yet (after waiting up to `notReadyWaitMs`): retry
 *   200  accepted, or ignored (a replay of a state already received; a job that no longer waits)
 *
 * `npm run worker` starts it when TEXTAI_APRES_CALLBACK_PORT is set (startApresCallbacksFromEnv).
 * Tokens, URLs and bodies are never logged.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { callbackListenFromEnv, callbackSettingsFromEnv, parseCallbackPath, verifyCallbackToken } from '../activities/apres/callback';
import { parseWebhookEvent } from '../clients/apres';
import type { TemporalSettings } from '../temporal/config';
import { apresCallbackUpdate, type ApresCallbackEvent, type CallbackRejection } from '../workflows/apres/taskBatch';
import { HttpProblem, listen, type ListeningServer, problemAware, readJson, send, withOwnClient } from './http';

export const DEFAULT_CALLBACK_MAX_BODY_BYTES = 64 * 1024;

export interface ApresCallbackOptions {
	client: Client;
	/** TEXTAI_APRES_CALLBACK_SECRET: the key of every job's callback token. */
	secret: string;
	maxBodyBytes?: number;
	/** How long a call waits for a job that has not recorded its batch yet (default 5 s). */
	notReadyWaitMs?: number;
	/** One line per handled call, without tokens or bodies. */
	log?: (line: string) => void;
}

export type ApresCallbackServer = ListeningServer;

const STATUS: Record<CallbackRejection, number> = { BatchMismatch: 409, StaleCallback: 410, NotReady: 503, Duplicate: 200, JobFinished: 200, BadEvent: 400 };

function rejection(error: unknown): CallbackRejection | undefined {
	if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
	const cause = error.cause;
	return cause instanceof ApplicationFailure && cause.type && cause.type in STATUS ? (cause.type as CallbackRejection) : undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request handler, for mounting in another server or for tests. */
export function createApresCallbackHandler(options: ApresCallbackOptions): http.RequestListener {
	const limit = options.maxBodyBytes ?? DEFAULT_CALLBACK_MAX_BODY_BYTES;
	const log = options.log ?? (() => undefined);
	const notReadyWait = options.notReadyWaitMs ?? 5_000;

	async function deliver(jobId: string, event: ApresCallbackEvent): Promise<{ status: number; body: Record<string, unknown>; headers?: Record<string, string> }> {
		const handle = options.client.workflow.getHandle(jobId);
		const until = Date.now() + notReadyWait;
		for (;;) {
			try {
				const outcome = await handle.executeUpdate(apresCallbackUpdate, { args: [event], updateId: `apres-callback-${randomUUID()}` });
				return { status: 200, body: { accepted: true, state: outcome.state } };
			} catch (error) {
				const reason = rejection(error);
				if (reason === 'NotReady' && Date.now() < until) {
					await pause(200);
					continue;
				}
				if (reason) {
					const message = (error as WorkflowUpdateFailedError).cause?.message ?? reason;
					return STATUS[reason] === 200 ? { status: 200, body: { accepted: false, ignored: message } } : { status: STATUS[reason], body: { error: message }, headers: reason === 'NotReady' ? { 'Retry-After': '5' } : undefined };
				}
				// An update to a closed run fails as "not found" too: tell a finished job (a late or replayed
				// call, ignored) from one that does not exist, and both from an outage.
				const description = await handle.describe().catch((e: unknown) => (e instanceof WorkflowNotFoundError ? null : undefined));
				if (description === null) return { status: 404, body: { error: 'unknown job' } };
				if (description && description.status.name !== 'RUNNING') return { status: 200, body: { accepted: false, ignored: 'the job has finished' } };
				throw error;
			}
		}
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://callbacks.invalid');
		const target = parseCallbackPath(url.pathname);
		if (!target) throw new HttpProblem(404, 'not found');
		if (req.method !== 'POST') throw new HttpProblem(405, 'method not allowed: use POST', { Allow: 'POST' });
		if (!verifyCallbackToken(options.secret, target.jobId, target.nonce, target.token)) throw new HttpProblem(401, 'invalid callback token');
		const body = await readJson(req, limit);
		const { event, problems } = parseWebhookEvent(body);
		if (!event) throw new HttpProblem(400, `not a task batch notification: ${problems.join('; ')}`);
		const result = await deliver(target.jobId, { nonce: target.nonce, ...event });
		log(`apres callback: job ${target.jobId} state ${event.state}: ${result.status}${'error' in result.body ? ` (${String(result.body.error)})` : ''}`);
		send(res, result.status, result.body, result.headers);
	}

	return problemAware(handle, (res, message) => {
		log(`apres callback: could not reach the job: ${message}`);
		send(res, 502, { error: 'the job could not be reached, try again later' }, { 'Retry-After': '10' });
	});
}

/** Starts the receiver on host:port (port 0 = a free port). */
export async function startApresCallbackServer(options: ApresCallbackOptions, at: { port: number; host?: string }): Promise<ApresCallbackServer> {
	return listen(createApresCallbackHandler(options), at);
}

/**
 * Starts the receiver when TEXTAI_APRES_CALLBACK_PORT is set (TEXTAI_APRES_CALLBACK_HOST, default
 * 127.0.0.1), with TEXTAI_APRES_CALLBACK_SECRET; jobs give Apres TEXTAI_APRES_CALLBACK_URL (default
 * http://<host>:<port>) as the base of their callback URLs. Uses its own Temporal client.
 */
export async function startApresCallbacksFromEnv(settings: TemporalSettings, env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<ApresCallbackServer | undefined> {
	const at = callbackListenFromEnv(env);
	if (!at) return undefined;
	const { secret } = callbackSettingsFromEnv(env)!;
	return withOwnClient(settings, (client) => startApresCallbackServer({ client, secret, log }, at));
}
