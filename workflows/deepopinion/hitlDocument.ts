import { ApplicationFailure } from '@temporalio/common';
import { allHandlersFinished, CancellationScope, condition, defineQuery, defineUpdate, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { DeepOpinionActivities, PreviousWebhook } from '../../activities/deepopinion';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface DeepOpinionHitlDocumentInput {
	connection: string;
	/** Workspace (organization), project and trained extraction model. */
	organizationId: number;
	projectId: number;
	modelId: number;
	/** The HITL that reviews the model's extractions (default: the project's live HITL for the model). */
	hitlId?: number;
	/** PDF, JPEG, PNG, TIFF or WebP document on the worker's disk. */
	file: { path: string };
	/** JSON result: the extraction with the reviews and the final field values. */
	outputPath: string;
	returnBboxes?: boolean;
	/** Wait for the webhook (default true when the worker runs a receiver); polling covers lost webhooks. */
	webhook?: boolean;
	/** Give up waiting for reviews after this long (ms, default 7 days): the result then says `timed_out`. */
	deadlineMs?: number;
	/** Check the reviews with the API at least this often (ms, default 15 minutes). */
	pollIntervalMs?: number;
}

export interface DeepOpinionHitlDocumentResult {
	status: 'completed' | 'not_required' | 'timed_out';
	hitlId: number;
	documentIds: Array<number | null>;
	reviews: number;
	pendingReviews: number;
	/** What ended the wait: the HITL webhook, a poll, or nothing (no review was needed). */
	completedVia: 'webhook' | 'poll' | null;
	webhook: 'attached' | 'disabled' | 'unavailable';
	webhooksAccepted: number;
	polls: number;
	outputPath: string;
}

/** A completed-review call as the worker's receiver passes it on (from DeepOpinion's webhook body). */
export interface HitlReviewEvent {
	/** The nonce of the URL the call arrived on. */
	nonce: string;
	delivery_id: string;
	hitl_id: number;
	document_id: number;
	review_ids?: number[];
	status?: string;
}

/**
 * Failure types of rejected webhook calls (thrown by the update's validator: nothing reaches
 * history). The receiver answers StaleCallback 410, BadEvent 400, the others 409.
 */
export const HITL_REJECTIONS = ['BadEvent', 'StaleCallback', 'HitlMismatch', 'DocumentMismatch', 'Duplicate', 'NotWaiting'] as const;
export type HitlRejection = (typeof HITL_REJECTIONS)[number];

export interface HitlState {
	phase: 'preparing' | 'extracting' | 'waiting' | 'writing' | 'completed' | 'failed';
	nonce: string;
	hitlId?: number;
	documentIds: Array<number | null>;
	reviewIds: number[];
	pendingReviews?: number;
	webhook?: DeepOpinionHitlDocumentResult['webhook'];
	/** The HITL's webhook_url before this job (restored at the end; read by later jobs). */
	previousWebhook?: PreviousWebhook;
	deliveries: string[];
	polls: number;
}

export const hitlReviewUpdate = defineUpdate<{ accepted: true }, [HitlReviewEvent]>('deepopinionHitlReview');
export const hitlStateQuery = defineQuery<HitlState>('deepopinionHitlState');

const { deepopinionPrepareHitl, deepopinionCheckReviews, deepopinionWriteHitlResult, deepopinionReleaseHitl } = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '5 minutes',
	retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE },
});
const { deepopinionExtract } = proxyActivities<DeepOpinionActivities>({
	startToCloseTimeout: '15 minutes',
	// A repeat reuses the stored answer; a failed send is only repeated by the client where it
	// certainly did not reach DeepOpinion (429, refused connection).
	retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
});

const reject = (type: HitlRejection, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * Extracts a document; when a review is pending, waits for the HITL webhook (with a deadline),
 * checking the reviews with the API every `pollIntervalMs` in case a webhook is lost, then writes
 * the reviewed result. A webhook only wakes the job: the reviews are always confirmed with the API.
 *
 * Webhooks arrive as the `deepopinionHitlReview` update, whose validator rejects calls for an
 * earlier run, another HITL or document, and repeats of a delivery already received: rejected
 * updates leave no trace in history. Query `deepopinionHitlState`.
 */
export async function deepopinionHitlDocument(input: DeepOpinionHitlDocumentInput): Promise<DeepOpinionHitlDocumentResult> {
	const state: HitlState = { phase: 'preparing', nonce: uuid4(), documentIds: [], reviewIds: [], deliveries: [], polls: 0 };
	let woken = false;
	setHandler(hitlStateQuery, () => state);
	setHandler(
		hitlReviewUpdate,
		(event) => {
			state.deliveries.push(event.delivery_id);
			woken = true;
			return { accepted: true };
		},
		{
			validator: (event) => {
				if (!event || typeof event.delivery_id !== 'string' || event.delivery_id === '' || !Number.isInteger(event.hitl_id) || !Number.isInteger(event.document_id)) {
					throw reject('BadEvent', 'a review event needs delivery_id, hitl_id and document_id');
				}
				if (event.nonce !== state.nonce) throw reject('StaleCallback', 'this webhook URL belongs to an earlier run of the job');
				if (state.phase !== 'preparing' && state.phase !== 'extracting' && state.phase !== 'waiting') throw reject('NotWaiting', `the job no longer waits for reviews (${state.phase})`);
				if (state.hitlId !== undefined && event.hitl_id !== state.hitlId) throw reject('HitlMismatch', `the event is for HITL ${event.hitl_id}, the job waits on HITL ${state.hitlId}`);
				if (state.phase === 'waiting' && !state.documentIds.includes(event.document_id)) throw reject('DocumentMismatch', `document ${event.document_id} is not this job's`);
				if (state.deliveries.includes(event.delivery_id)) throw reject('Duplicate', `delivery ${event.delivery_id} was already received`);
			},
		},
	);
	const jobId = workflowInfo().workflowId;
	const fail = (error: unknown): never => {
		state.phase = 'failed';
		setJobState('failed');
		throw error;
	};
	setJobState('running');

	const prepared = await deepopinionPrepareHitl({ connection: input.connection, projectId: input.projectId, modelId: input.modelId, hitlId: input.hitlId, webhook: input.webhook, jobId, nonce: state.nonce }).catch(fail);
	Object.assign(state, { hitlId: prepared.hitlId, webhook: prepared.webhook, previousWebhook: prepared.previous, phase: 'extracting' });
	const release = async () => {
		// Runs even when the job is cancelled: the HITL must not keep pointing at a job that is gone.
		if (prepared.webhook === 'attached') {
			await CancellationScope.nonCancellable(() => deepopinionReleaseHitl({ connection: input.connection, projectId: input.projectId, hitlId: prepared.hitlId, jobId, nonce: state.nonce, previous: prepared.previous ?? { kind: 'none' } }));
		}
	};

	let status: DeepOpinionHitlDocumentResult['status'] = 'not_required';
	let completedVia: DeepOpinionHitlDocumentResult['completedVia'] = null;
	try {
		const extracted = await deepopinionExtract({ connection: input.connection, organizationId: input.organizationId, projectId: input.projectId, modelId: input.modelId, file: input.file, outputPath: input.outputPath, returnBboxes: input.returnBboxes });
		state.documentIds = extracted.documents.map((d) => d.documentId);
		state.reviewIds = extracted.documents.flatMap((d) => d.reviewIds);
		const check = { connection: input.connection, projectId: input.projectId, hitlId: prepared.hitlId, documentIds: state.documentIds, reviewIds: state.reviewIds };
		if (extracted.pending) {
			state.phase = 'waiting';
			setJobState('waiting');
			const deadline = Date.now() + (input.deadlineMs ?? 7 * 86_400_000);
			const pollMs = input.pollIntervalMs ?? 15 * 60_000;
			status = 'timed_out';
			for (;;) {
				const remaining = deadline - Date.now();
				if (remaining <= 0) break;
				// Idle until a webhook wakes the job or the next poll is due: no activity runs meanwhile.
				const byWebhook = await condition(() => woken, Math.min(pollMs, remaining));
				woken = false;
				if (!byWebhook) state.polls++;
				const reviews = await deepopinionCheckReviews(check);
				state.pendingReviews = reviews.pending;
				if (reviews.pending === 0) {
					status = 'completed';
					completedVia = byWebhook ? 'webhook' : 'poll';
					break;
				}
			}
		}
		state.phase = 'writing';
		setJobState('running');
		const written = await deepopinionWriteHitlResult({ ...check, extractionPath: extracted.extractionPath, outputPath: input.outputPath, status });
		state.phase = 'completed';
		await release();
		setJobState('completed');
		await condition(allHandlersFinished);
		return {
			status,
			hitlId: prepared.hitlId,
			documentIds: state.documentIds,
			reviews: written.reviews,
			pendingReviews: written.pending,
			completedVia,
			webhook: prepared.webhook,
			webhooksAccepted: state.deliveries.length,
			polls: state.polls,
			outputPath: input.outputPath,
		};
	} catch (error) {
		await release().catch(() => undefined);
		return fail(error);
	}
}
