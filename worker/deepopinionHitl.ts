/**
 * Receiver of DeepOpinion HITL webhooks. While a `deepopinion.hitlDocument` job waits for human
 * review, its HITL's `webhook_url` is
 *
 *   <TEXTAI_DEEPOPINION_WEBHOOK_URL>/deepopinion/hitl/<job id>/<nonce>/<token>
 *
 * (see activities/deepopinion/webhook.ts). Each call is checked, then handed to the job as the
 * `deepopinionHitlReview` update, whose validator decides without writing history:
 *
 *   401  the token does not match the job id and nonce (nothing reaches Temporal)
 *   400  the body is not a HITL review event (delivery_id, hitl_id, document_id)
 *   404  no such job
 *   409  another HITL or document than the job's; a delivery already received (replay); a job
 *        that no longer waits
 *   410  the URL belongs to an earlier run of the job
 *   202  accepted: the job wakes up and confirms the reviews with the API
 *
 * `npm run worker` starts it when TEXTAI_DEEPOPINION_WEBHOOK_PORT is set. Tokens, URLs and bodies
 * are never logged.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { hitlListenFromEnv, hitlWebhookSettingsFromEnv, parseHitlPath, verifyHitlToken } from '../activities/deepopinion/webhook';
import type { TemporalSettings } from '../temporal/config';
import { hitlReviewUpdate, type HitlRejection, type HitlReviewEvent } from '../workflows/deepopinion/hitlDocument';
import { HttpProblem, listen, type ListeningServer, problemAware, readJson, send, withOwnClient } from './http';

export const DEFAULT_HITL_MAX_BODY_BYTES = 64 * 1024;
/** Delivery ids answered recently, refused again without asking Temporal (bounded). */
const RECENT_LIMIT = 10_000;

export interface DeepOpinionHitlOptions {
	client: Client;
	/** TEXTAI_DEEPOPINION_WEBHOOK_SECRET: the key of every job's token. */
	secret: string;
	maxBodyBytes?: number;
	log?: (line: string) => void;
}

export type DeepOpinionHitlServer = ListeningServer;

const STATUS: Record<HitlRejection, number> = { BadEvent: 400, StaleCallback: 410, HitlMismatch: 409, DocumentMismatch: 409, Duplicate: 409, NotWaiting: 409 };

function rejection(error: unknown): HitlRejection | undefined {
	if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
	const cause = error.cause;
	return cause instanceof ApplicationFailure && cause.type && cause.type in STATUS ? (cause.type as HitlRejection) : undefined;
}

/** The review event of a DeepOpinion webhook body, or the problem with it. */
export function parseHitlEvent(body: unknown, nonce: string): HitlReviewEvent | string {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
	const b = body as Record<string, unknown>;
	if (typeof b.delivery_id !== 'string' || b.delivery_id === '' || b.delivery_id.length > 200) return 'delivery_id is required';
	if (!Number.isInteger(b.hitl_id)) return 'hitl_id is required';
	if (!Number.isInteger(b.document_id)) return 'document_id is required';
	const reviewIds = Array.isArray(b.review_ids) ? b.review_ids.filter((x): x is number => Number.isInteger(x)).slice(0, 1000) : undefined;
	return { nonce, delivery_id: b.delivery_id, hitl_id: b.hitl_id as number, document_id: b.document_id as number, review_ids: reviewIds, status: typeof b.status === 'string' ? b.status : undefined };
}

/** The request handler, for mounting in another server or for tests. */
export function createDeepOpinionHitlHandler(options: DeepOpinionHitlOptions): http.RequestListener {
	const limit = options.maxBodyBytes ?? DEFAULT_HITL_MAX_BODY_BYTES;
	const log = options.log ?? (() => undefined);
	const recent = new Set<string>();
	const remember = (key: string) => {
		recent.add(key);
		if (recent.size > RECENT_LIMIT) recent.delete(recent.values().next().value as string);
	};

	async function deliver(jobId: string, event: HitlReviewEvent): Promise<{ status: number; body: Record<string, unknown>; received?: true }> {
		const handle = options.client.workflow.getHandle(jobId);
		try {
			await handle.executeUpdate(hitlReviewUpdate, { args: [event], updateId: `deepopinion-hitl-${randomUUID()}` });
			return { status: 202, body: { accepted: true }, received: true };
		} catch (error) {
			const reason = rejection(error);
			if (reason) return { status: STATUS[reason], body: { error: (error as WorkflowUpdateFailedError).cause?.message ?? reason }, ...(reason === 'Duplicate' ? { received: true as const } : {}) };
			// An update to a closed run fails as "not found" too: tell a finished job from a missing one.
			const description = await handle.describe().catch((e: unknown) => (e instanceof WorkflowNotFoundError ? null : undefined));
			if (description === null) return { status: 404, body: { error: 'unknown job' } };
			if (description && description.status.name !== 'RUNNING') return { status: 409, body: { error: 'the job no longer waits for reviews' } };
			throw error;
		}
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://hitl.invalid');
		const target = parseHitlPath(url.pathname);
		if (!target) throw new HttpProblem(404, 'not found');
		if (req.method !== 'POST') throw new HttpProblem(405, 'method not allowed: use POST', { Allow: 'POST' });
		if (!verifyHitlToken(options.secret, target.jobId, target.nonce, target.token)) throw new HttpProblem(401, 'invalid webhook token');
		const body = await readJson(req, limit);
		const event = parseHitlEvent(body, target.nonce);
		if (typeof event === 'string') throw new HttpProblem(400, `not a HITL review event: ${event}`);
		const key = `${target.jobId}\n${event.delivery_id}`;
		if (recent.has(key)) throw new HttpProblem(409, `delivery ${event.delivery_id} was already received`);
		const result = await deliver(target.jobId, event);
		// Only deliveries the job has (accepted now or before) are refused locally from now on.
		if (result.received) remember(key);
		log(`deepopinion hitl webhook: job ${target.jobId} document ${event.document_id}: ${result.status}`);
		send(res, result.status, result.body);
	}

	return problemAware(handle, (res, message) => {
		log(`deepopinion hitl webhook: could not reach the job: ${message}`);
		send(res, 502, { error: 'the job could not be reached, try again later' }, { 'Retry-After': '10' });
	});
}

/** Starts the receiver on host:port (port 0 = a free port). */
export async function startDeepOpinionHitlServer(options: DeepOpinionHitlOptions, at: { port: number; host?: string }): Promise<DeepOpinionHitlServer> {
	return listen(createDeepOpinionHitlHandler(options), at);
}

/**
 * Starts the receiver when TEXTAI_DEEPOPINION_WEBHOOK_PORT is set (TEXTAI_DEEPOPINION_WEBHOOK_HOST,
 * default 127.0.0.1), with TEXTAI_DEEPOPINION_WEBHOOK_SECRET; jobs give DeepOpinion
 * TEXTAI_DEEPOPINION_WEBHOOK_URL (default http://<host>:<port>) as the base of their URLs.
 */
export async function startDeepOpinionHitlFromEnv(settings: TemporalSettings, env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<DeepOpinionHitlServer | undefined> {
	const at = hitlListenFromEnv(env);
	if (!at) return undefined;
	const { secret } = hitlWebhookSettingsFromEnv(env)!;
	return withOwnClient(settings, (client) => startDeepOpinionHitlServer({ client, secret, log }, at));
}
