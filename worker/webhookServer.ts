/**
 * Authenticated HTTP entry point that starts jobs from webhook calls (e.g. a document-processing
 * pipeline announcing a new file):
 *
 *   POST /jobs/<job name>              e.g. /jobs/reinfer.bulkSync
 *   Authorization: Bearer <TEXTAI_WEBHOOK_TOKEN>
 *   Idempotency-Key: <job id>          optional; or "jobId" in the body
 *   Content-Type: application/json
 *   { "jobId": "tickets-2024-06-01", "input": { ...the job's input... } }
 *
 * Answers 202 `{ workflowId, runId, existing }`. The same job id always answers with the same job
 * (running or finished): a retried webhook never runs a job twice. Errors: 401 (token), 404
 * (unknown route or job), 405, 409 (job id used by another workflow), 411/413 (body size), 415,
 * 400 (body, with a message naming the field), 502 (Temporal refused). The token and job inputs
 * are never logged.
 *
 * `npm run worker` starts it when TEXTAI_WEBHOOK_PORT is set (see startWebhookFromEnv).
 */
import { WorkflowNotFoundError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { checkJobId, checkJobInput, isJobName, JOB_NAMES, JOBS, type JobName } from '../clients/temporal/jobs';
import type { TemporalSettings } from '../temporal/config';
import { startJob, type JobInputs } from '../temporal/jobs';
import { HttpProblem, listen, type ListeningServer, problemAware, readBody, send, withOwnClient } from './http';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MIN_TOKEN_LENGTH = 16;

export interface WebhookOptions {
	client: Client;
	taskQueue: string;
	/** The shared secret callers send as `Authorization: Bearer <token>`. */
	token: string;
	maxBodyBytes?: number;
	/** Set false on namespaces where the Textai* search attributes are not registered. */
	searchAttributes?: boolean;
	/** One line per started job or failure; never receives the token or job inputs. */
	log?: (line: string) => void;
}

export type WebhookServer = ListeningServer;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time check of an Authorization header against the token (lengths do not leak either). */
export function bearerMatches(header: string | undefined, token: string): boolean {
	const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header ?? '');
	const presented = match?.[1] ?? '';
	// Compare fixed-length digests so neither the content nor the length of the token leaks.
	return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

interface StartRequest {
	name: JobName;
	jobId: string;
	input: Record<string, unknown>;
}

function parseStartRequest(name: JobName, raw: Buffer, idempotencyKey: string | undefined): StartRequest {
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		throw new HttpProblem(400, 'request body is not valid JSON');
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpProblem(400, 'request body must be a JSON object: { "jobId"?: string, "input": { ... } }');
	const record = body as Record<string, unknown>;
	const unknownFields = Object.keys(record).filter((k) => k !== 'jobId' && k !== 'input');
	if (unknownFields.length) throw new HttpProblem(400, `unknown field(s) ${unknownFields.map((f) => `"${f}"`).join(', ')}: the body is { "jobId"?: string, "input": { ... } }`);
	if (record.jobId !== undefined && typeof record.jobId !== 'string') throw new HttpProblem(400, 'field "jobId" must be a string');
	const key = idempotencyKey?.trim() || undefined;
	if (key && record.jobId !== undefined && record.jobId !== key) throw new HttpProblem(400, 'the Idempotency-Key header and field "jobId" disagree: send one of them');
	const jobId = (record.jobId as string | undefined) ?? key ?? `${name}-${randomUUID()}`;
	const idProblem = checkJobId(jobId);
	if (idProblem) throw new HttpProblem(400, `job id ${idProblem}`);
	if (record.input === undefined) throw new HttpProblem(400, `field "input" is required: the ${name} job's input object`);
	const issues = checkJobInput(name, record.input);
	if (issues.length) throw new HttpProblem(400, issues.map((i) => `field "${i.field}" ${i.problem}`).join('; '));
	return { name, jobId, input: record.input as Record<string, unknown> };
}

/** The request handler, for mounting in another server or for tests. */
export function createWebhookHandler(options: WebhookOptions): http.RequestListener {
	if (!options.token || options.token.length < MIN_TOKEN_LENGTH) throw new Error(`the webhook token must be at least ${MIN_TOKEN_LENGTH} characters long`);
	const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	const log = options.log ?? (() => undefined);

	async function start(request: StartRequest): Promise<{ status: number; body: Record<string, unknown> }> {
		const job = JOBS[request.name];
		// The same job id always means the same job: hand back an execution that exists, running or not.
		try {
			const existing = await options.client.workflow.getHandle(request.jobId).describe();
			if (existing.type !== job.workflowType) throw new HttpProblem(409, `job id "${request.jobId}" is already used by a ${existing.type} workflow`);
			const firstRunId = existing.raw.workflowExecutionInfo?.firstRunId || existing.runId;
			return { status: 202, body: { workflowId: existing.workflowId, runId: firstRunId, existing: true, status: existing.status.name } };
		} catch (error) {
			if (!(error instanceof WorkflowNotFoundError)) throw error;
		}
		const handle = (await startJob(options.client, request.name, request.input as unknown as JobInputs[typeof request.name], {
			taskQueue: options.taskQueue,
			jobId: request.jobId,
			searchAttributes: options.searchAttributes,
			memo: { startedBy: 'webhook' },
		})) as WorkflowHandleWithFirstExecutionRunId;
		log(`webhook: started ${request.name} job ${handle.workflowId} (run ${handle.firstExecutionRunId})`);
		return { status: 202, body: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, existing: false } };
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://webhook.invalid');
		const match = /^\/jobs\/([^/]+)\/?$/.exec(url.pathname);
		if (!match) throw new HttpProblem(404, 'not found: POST /jobs/<job name>');
		if (req.method !== 'POST') throw new HttpProblem(405, 'method not allowed: use POST', { Allow: 'POST' });
		if (!bearerMatches(req.headers.authorization, options.token)) throw new HttpProblem(401, 'missing or wrong bearer token', { 'WWW-Authenticate': 'Bearer realm="textai-jobs"' });
		let name: string;
		try {
			name = decodeURIComponent(match[1]);
		} catch {
			throw new HttpProblem(404, 'unknown job');
		}
		if (!isJobName(name)) throw new HttpProblem(404, `unknown job "${name}"`, {}, { jobs: JOB_NAMES });
		const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (contentType !== 'application/json' && !contentType.endsWith('+json')) throw new HttpProblem(415, 'send the body as Content-Type: application/json');
		const raw = await readBody(req, limit);
		const idempotencyKey = req.headers['idempotency-key'];
		const request = parseStartRequest(name, raw, Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey);
		const result = await start(request);
		send(res, result.status, result.body);
	}

	return problemAware(handle, (res, message) => {
		log(`webhook: could not start a job: ${message}`);
		send(res, 502, { error: `Temporal did not start the job: ${message}` });
	});
}

/** Starts the webhook server on host:port (port 0 = a free port). */
export async function startWebhookServer(options: WebhookOptions, at: { port: number; host?: string }): Promise<WebhookServer> {
	return listen(createWebhookHandler(options), at);
}

/**
 * Starts the webhook server when TEXTAI_WEBHOOK_PORT is set: binds TEXTAI_WEBHOOK_HOST (default
 * 127.0.0.1), requires TEXTAI_WEBHOOK_TOKEN (at least 16 characters), bodies up to
 * TEXTAI_WEBHOOK_MAX_BODY_BYTES (default 1 MiB). Uses its own Temporal client with the
 * worker's settings (payload encryption included).
 */
export async function startWebhookFromEnv(settings: TemporalSettings, env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<WebhookServer | undefined> {
	const portText = env.TEXTAI_WEBHOOK_PORT?.trim();
	if (!portText) return undefined;
	const port = Number(portText);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`TEXTAI_WEBHOOK_PORT must be a port number, got "${portText}"`);
	const token = env.TEXTAI_WEBHOOK_TOKEN ?? '';
	if (token.length < MIN_TOKEN_LENGTH) throw new Error(`TEXTAI_WEBHOOK_TOKEN must be set (at least ${MIN_TOKEN_LENGTH} characters) when TEXTAI_WEBHOOK_PORT is`);
	const maxBodyBytes = env.TEXTAI_WEBHOOK_MAX_BODY_BYTES ? Number(env.TEXTAI_WEBHOOK_MAX_BODY_BYTES) : DEFAULT_MAX_BODY_BYTES;
	if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new Error('TEXTAI_WEBHOOK_MAX_BODY_BYTES must be a positive integer');
	const host = env.TEXTAI_WEBHOOK_HOST?.trim() || '127.0.0.1';
	return withOwnClient(settings, (client) => startWebhookServer({ client, taskQueue: settings.taskQueue, token, maxBodyBytes, log }, { port, host }));
}
