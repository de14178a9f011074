import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../clients/core';
import { PLATFORM, type DeepOpinionClient, type ExtractionResult, type HitlReview } from '../../clients/deepopinion';
import { FileError } from '../files/types';
import { hitlWebhookUrl, MAX_WEBHOOK_URL, receiverTarget, type HitlWebhookSettings } from './webhook';

/**
 * What a HITL's `webhook_url` was before a job pointed it at itself. A third-party URL is kept as
 * is; another job's receiver URL only as its job id and nonce (its token is re-derived on the
 * worker, never stored).
 */
export type PreviousWebhook = { kind: 'none' } | { kind: 'url'; url: string } | { kind: 'job'; jobId: string; nonce: string };

/** The query every waiting HITL job answers (workflows/deepopinion/hitlDocument.ts). */
export const HITL_STATE_QUERY = 'deepopinionHitlState';

export interface PrepareHitlInput {
	connection: string;
	projectId: number;
	modelId: number;
	hitlId?: number;
	/** Point the HITL's webhook_url at this job while it waits (default true when the worker has a receiver). */
	webhook?: boolean;
	jobId: string;
	nonce: string;
}

export interface PrepareHitlResult {
	hitlId: number;
	webhook: 'attached' | 'disabled' | 'unavailable';
	/** Why the webhook is unavailable (no receiver configured, URL too long). */
	reason?: string;
	previous?: PreviousWebhook;
}

function previousOf(settings: HitlWebhookSettings, url: string | null | undefined): PreviousWebhook {
	if (!url) return { kind: 'none' };
	const target = receiverTarget(settings, url);
	return target ? { kind: 'job', ...target } : { kind: 'url', url };
}

/**
 * Finds the HITL (the given one, or the project's live HITL for the model) and, when the worker
 * runs a receiver, points its webhook_url at this job. The URL before is remembered (the heartbeat
 * keeps it across retries of this activity) so that the job can restore it when it is done.
 */
export async function prepareHitl(client: DeepOpinionClient, settings: HitlWebhookSettings | undefined, input: PrepareHitlInput): Promise<PrepareHitlResult> {
	let hitl;
	if (input.hitlId !== undefined) hitl = await client.getHitl(input.projectId, input.hitlId);
	else {
		const all = await client.listHitls(input.projectId);
		hitl = all.find((h) => h.is_live && h.model_id === input.modelId) ?? all.find((h) => h.is_live && (h.model_id === null || h.model_id === undefined));
		if (!hitl) throw new ValidationError([{ field: 'hitlId', problem: `is required: project ${input.projectId} has no live HITL for model ${input.modelId}` }], PLATFORM, 'hitlDocument');
	}
	if (input.webhook === false) return { hitlId: hitl.id, webhook: 'disabled' };
	if (!settings) return { hitlId: hitl.id, webhook: 'unavailable', reason: 'the worker has no DeepOpinion webhook receiver (TEXTAI_DEEPOPINION_WEBHOOK_*): polling only' };
	const url = hitlWebhookUrl(settings, input.jobId, input.nonce);
	if (url.length > MAX_WEBHOOK_URL) return { hitlId: hitl.id, webhook: 'unavailable', reason: `the webhook URL would be ${url.length} characters (DeepOpinion keeps ${MAX_WEBHOOK_URL}): use a shorter job id or base URL; polling only` };
	const ctx = Context.current();
	const earlier = (ctx.info.heartbeatDetails as { previous?: PreviousWebhook } | undefined)?.previous;
	let previous = earlier ?? previousOf(settings, hitl.webhook_url);
	// Our own URL already (an earlier attempt whose heartbeat was lost): what was there before is unknown.
	if (previous.kind === 'job' && previous.jobId === input.jobId && previous.nonce === input.nonce) previous = { kind: 'none' };
	ctx.heartbeat({ previous });
	if (hitl.webhook_url !== url) await client.updateHitl(input.projectId, hitl.id, { webhook_url: url });
	return { hitlId: hitl.id, webhook: 'attached', previous };
}

export interface ExtractInput {
	connection: string;
	organizationId: number;
	projectId: number;
	modelId: number;
	file: { path: string };
	/** Where the job's result goes; the raw extraction answer is kept next to it (`<outputPath>.extraction.json`). */
	outputPath: string;
	returnBboxes?: boolean;
}

export interface ExtractSummary {
	documents: Array<{ documentId: number | null; name: string; hitlStatus: string; reviewIds: number[] }>;
	pending: boolean;
	extractionPath: string;
}

function summarize(result: ExtractionResult, extractionPath: string): ExtractSummary {
	const documents = (result.documents ?? []).map((d) => ({
		documentId: typeof d.document_id === 'number' ? d.document_id : null,
		name: d.name ?? '',
		hitlStatus: String(d.hitl?.status ?? 'not_required'),
		reviewIds: Array.isArray(d.hitl?.review_ids) ? d.hitl.review_ids : [],
	}));
	return { documents, pending: documents.some((d) => d.hitlStatus === 'pending'), extractionPath };
}

/**
 * Sends the document for extraction. The answer is written atomically next to the output; a
 * retried attempt that finds it does not extract (and create reviews) a second time.
 */
export async function extractDocument(client: DeepOpinionClient, input: ExtractInput): Promise<ExtractSummary> {
	const extractionPath = `${input.outputPath}.extraction.json`;
	try {
		return summarize(JSON.parse(await fs.readFile(extractionPath, 'utf8')) as ExtractionResult, extractionPath);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	let data: Buffer;
	try {
		data = await fs.readFile(input.file.path);
	} catch (error) {
		throw new FileError('PARSE_ERROR', `cannot read ${input.file.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	const result = await client.extract(input.organizationId, input.projectId, input.modelId, { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), fileName: path.basename(input.file.path) }, { returnBboxes: input.returnBboxes });
	await fs.mkdir(path.dirname(extractionPath), { recursive: true });
	await fs.writeFile(`${extractionPath}.tmp`, JSON.stringify(result));
	await fs.rename(`${extractionPath}.tmp`, extractionPath);
	return summarize(result, extractionPath);
}

function reviewsOf(all: HitlReview[], documentIds: Array<number | null>, reviewIds: number[]): HitlReview[] {
	return all.filter((r) => (r.document_id !== undefined && documentIds.includes(r.document_id)) || reviewIds.includes(r.review_id));
}

export interface CheckReviewsInput {
	connection: string;
	projectId: number;
	hitlId: number;
	documentIds: Array<number | null>;
	reviewIds: number[];
}

/** The job's reviews as the API reports them now (the source of truth, whatever a webhook said). */
export async function checkReviews(client: DeepOpinionClient, input: CheckReviewsInput): Promise<{ total: number; pending: number }> {
	const mine = reviewsOf(await client.listHitlReviews(input.projectId, input.hitlId), input.documentIds, input.reviewIds);
	return { total: mine.length, pending: mine.filter((r) => String(r.status).toUpperCase() !== 'COMPLETED').length };
}

export interface HitlResultInput extends CheckReviewsInput {
	extractionPath: string;
	outputPath: string;
	status: 'completed' | 'not_required' | 'timed_out';
}

/**
 * Writes the job's result file: every extracted document with its matches, its reviews (full
 * data) and the final value of each field (the reviewed value where a reviewer gave one).
 */
export async function writeHitlResult(client: DeepOpinionClient, input: HitlResultInput): Promise<{ reviews: number; pending: number; outputPath: string }> {
	const extraction = JSON.parse(await fs.readFile(input.extractionPath, 'utf8')) as ExtractionResult;
	const reviews = input.hitlId ? reviewsOf(await client.listHitlReviews(input.projectId, input.hitlId, { withFullData: true }), input.documentIds, input.reviewIds) : [];
	const documents = (extraction.documents ?? []).map((doc) => {
		const own = reviews.filter((r) => r.document_id === doc.document_id || (doc.hitl?.review_ids ?? []).includes(r.review_id));
		const fields: Record<string, unknown> = {};
		for (const match of doc.matches ?? []) {
			const label = String(match.label ?? '');
			const review = own.find((r) => r.label === label);
			const data = (review?.data ?? {}) as { reviewed_value?: unknown };
			fields[label] = review && data.reviewed_value !== undefined && data.reviewed_value !== null ? data.reviewed_value : match.value;
		}
		return { ...doc, reviews: own, fields };
	});
	const pending = reviews.filter((r) => String(r.status).toUpperCase() !== 'COMPLETED').length;
	const output = { status: input.status, model: extraction.model, hitl_id: input.hitlId, documents };
	await fs.mkdir(path.dirname(input.outputPath), { recursive: true });
	await fs.writeFile(`${input.outputPath}.tmp`, JSON.stringify(output, null, 2));
	await fs.rename(`${input.outputPath}.tmp`, input.outputPath);
	return { reviews: reviews.length, pending, outputPath: input.outputPath };
}

export interface ReleaseHitlInput {
	connection: string;
	projectId: number;
	hitlId: number;
	jobId: string;
	nonce: string;
	previous: PreviousWebhook;
}

/**
 * Gives the HITL's webhook_url back, if it still points at this job: to the URL before, or, when
 * that was another job's receiver URL, to that job (still waiting) or to what it had found.
 */
export async function releaseHitl(client: DeepOpinionClient, settings: HitlWebhookSettings | undefined, input: ReleaseHitlInput): Promise<{ restored: boolean; to?: PreviousWebhook['kind'] }> {
	if (!settings) return { restored: false };
	const hitl = await client.getHitl(input.projectId, input.hitlId);
	const mine = receiverTarget(settings, hitl.webhook_url);
	if (!mine || mine.jobId !== input.jobId || mine.nonce !== input.nonce) return { restored: false };
	let previous = input.previous;
	const temporal = Context.current().client;
	for (let depth = 0; depth < 8 && previous.kind === 'job'; depth++) {
		if (previous.jobId === input.jobId) {
			previous = { kind: 'none' };
			break;
		}
		const handle = temporal.workflow.getHandle(previous.jobId);
		const description = await handle.describe().catch((e: unknown) => (e instanceof WorkflowNotFoundError ? undefined : Promise.reject(e)));
		if (description?.status.name === 'RUNNING') break;
		const state = description ? await handle.query<{ previousWebhook?: PreviousWebhook }>(HITL_STATE_QUERY).catch(() => undefined) : undefined;
		previous = state?.previousWebhook ?? { kind: 'none' };
	}
	const url = previous.kind === 'url' ? previous.url : previous.kind === 'job' ? hitlWebhookUrl(settings, previous.jobId, previous.nonce) : '';
	await client.updateHitl(input.projectId, input.hitlId, { webhook_url: url });
	// Only the kind goes back into history: a URL may carry someone's token.
	return { restored: true, to: previous.kind };
}
