import { ApplicationFailure, type Duration, type RetryPolicy } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ApresActivities, ApresJobSource, FetchResultsResult, TaskBatchSummary } from '../../activities/apres';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface ApresTaskBatchInput {
	/** The worker's Apres connection (recipe API key), e.g. "default". */
	connection: string;
	/** Local files (`files` paths or a `directory`, uploaded base64) or an S3 / Azure `location`. */
	source: ApresJobSource;
	deliveryTimeframe?: 1 | 7;
	/** Results file, one row per task: .csv, .json, .jsonl or .xlsx. */
	outputPath: string;
	/** How long to wait for the batch to complete (default 14 days), e.g. "10 days" or ms. */
	deadline?: Duration;
	/** How often to ask Apres in case a webhook was lost (default 1 hour; 5 minutes without webhooks). */
	pollInterval?: Duration;
	/** Set false to rely on polling only, even when the worker receives Apres callbacks. */
	webhook?: boolean;
	/** Continue as new after this many polls (default 500, and whenever Temporal suggests it). */
	pollsPerRun?: number;
	/** How long a silent activity (an upload, a status check, the results download) is given before another worker retries it (default 1 minute). */
	heartbeatTimeout?: Duration;
	/** Carried over by continue-as-new. */
	progress?: ApresTaskBatchProgress;
}

export type ApresJobPhase = 'creating' | 'waiting' | 'fetching' | 'completed' | 'failed';

export interface ApresEventRecord {
	state: string;
	via: 'create' | 'webhook' | 'poll';
	at: string;
}

export interface ApresTaskBatchProgress {
	phase: ApresJobPhase;
	/** Part of this job's callback URL; a new one for every job (the URL's token derives from it). */
	nonce: string;
	/** Epoch milliseconds after which the job gives up. */
	deadlineAt: number;
	webhook: boolean;
	taskBatchId?: string;
	state?: string;
	status?: string;
	size?: number;
	estimatedSize?: number;
	/** Every distinct state seen, in order, and how it was learnt. */
	events: ApresEventRecord[];
	webhooksAccepted: number;
	polls: number;
	completedVia?: 'webhook' | 'poll';
	runs: number;
}

export interface ApresTaskBatchResult extends FetchResultsResult {
	taskBatchId: string;
	completedVia: 'webhook' | 'poll';
	events: ApresEventRecord[];
	webhooksAccepted: number;
	polls: number;
	runs: number;
}

/** A state change as the worker's callback receiver passes it on (from Apres's webhook body). */
export interface ApresCallbackEvent {
	/** The nonce of the callback URL the call arrived on. */
	nonce: string;
	task_batch_id: string;
	state: string;
	message?: string;
	recipe_id?: string;
}

export interface ApresCallbackOutcome {
	accepted: true;
	state: string;
}

/**
 * Failure types of rejected callbacks (the validator throws them; nothing reaches history). The
 * receiver answers: BatchMismatch 409, StaleCallback 410, NotReady 503 (after retrying), BadEvent 400,
 * Duplicate and JobFinished 200 (a replay or a late call: ignored).
 */
export const CALLBACK_REJECTIONS = ['BatchMismatch', 'StaleCallback', 'NotReady', 'Duplicate', 'BadEvent', 'JobFinished'] as const;
export type CallbackRejection = (typeof CALLBACK_REJECTIONS)[number];

export const apresCallbackUpdate = defineUpdate<ApresCallbackOutcome, [ApresCallbackEvent]>('apresTaskBatchEvent');
export const apresTaskBatchProgress = defineQuery<ApresTaskBatchProgress>('progress');

/** Creating: a retried create first looks for the batch an earlier attempt made (see createTaskBatch). */
const CREATE_RETRY: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE };
const READ_RETRY: RetryPolicy = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE };

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'canceled', 'rejected', 'error', 'expired']);
const reject = (type: CallbackRejection, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * Runs one Apres task batch to completion: creates it (with this job's callback URL when the
 * worker receives callbacks), then waits, idle, for a completion webhook, polling Apres every
 * `pollInterval` in case webhooks are lost, until `deadline`. Once Apres confirms the batch is
 * complete, its output and tasks are written to `outputPath`. Query `progress`.
 *
 * Webhooks arrive as the `apresTaskBatchEvent` update. Its validator rejects calls for another
 * batch or an earlier run, and repeats of a state already seen: rejected updates are not written
 * to history, so a forged or replayed call changes nothing. A completion webhook only wakes the
 * job: completion is confirmed with Apres before the results are fetched.
 */
export async function apresTaskBatch(input: ApresTaskBatchInput): Promise<ApresTaskBatchResult> {
	const progress: ApresTaskBatchProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { phase: 'creating', nonce: uuid4(), deadlineAt: Date.now() + msToNumber(input.deadline ?? '14 days'), webhook: false, events: [], webhooksAccepted: 0, polls: 0, runs: 1 };
	let woken = false;
	const seen = (state: string) => progress.events.some((e) => e.state === state);
	const record = (state: string, via: ApresEventRecord['via']) => {
		progress.state = state;
		if (!seen(state)) progress.events.push({ state, via, at: new Date().toISOString() });
	};

	setHandler(apresTaskBatchProgress, () => progress);
	// Every activity heartbeats while it waits on Apres: a worker that dies is noticed after heartbeatTimeout.
	const heartbeatTimeout = input.heartbeatTimeout ?? '1 minute';
	const { apresTaskBatchWatermark, apresCreateTaskBatch } = proxyActivities<ApresActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout, retry: CREATE_RETRY });
	const { apresGetTaskBatch, apresFetchTaskBatchResults } = proxyActivities<ApresActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout, retry: READ_RETRY });
	setHandler(
		apresCallbackUpdate,
		(event) => {
			progress.webhooksAccepted++;
			record(event.state, 'webhook');
			if (TERMINAL.has(event.state)) woken = true;
			return { accepted: true, state: event.state };
		},
		{
			validator: (event) => {
				if (!event || typeof event.state !== 'string' || event.state === '' || typeof event.task_batch_id !== 'string') throw reject('BadEvent', 'a callback needs a state and a task_batch_id');
				if (event.nonce !== progress.nonce) throw reject('StaleCallback', 'this callback URL belongs to an earlier run of the job');
				if (progress.taskBatchId === undefined) throw reject('NotReady', 'the job has not recorded its task batch yet');
				if (event.task_batch_id !== progress.taskBatchId) throw reject('BatchMismatch', 'the callback names another task batch than this job\'s');
				if (progress.phase !== 'waiting') throw reject('JobFinished', `the job no longer waits (${progress.phase})`);
				if (seen(event.state)) throw reject('Duplicate', `state "${event.state}" was already received`);
			},
		},
	);

	const fail = (error: unknown): never => {
		progress.phase = 'failed';
		setJobState('failed');
		throw error;
	};

	if (progress.taskBatchId === undefined) {
		setJobState('running');
		const watermark = await apresTaskBatchWatermark({ connection: input.connection }).catch(fail);
		const created = await apresCreateTaskBatch({ connection: input.connection, source: input.source, deliveryTimeframe: input.deliveryTimeframe, nonce: progress.nonce, webhook: input.webhook, watermark }).catch(fail);
		Object.assign(progress, { taskBatchId: created.taskBatch.id, webhook: created.webhook, status: created.taskBatch.status, size: created.taskBatch.size, estimatedSize: created.taskBatch.estimated_size });
		record(created.taskBatch.state, 'create');
	}
	const taskBatchId = progress.taskBatchId!;
	progress.phase = 'waiting';
	setJobState('waiting');
	const pollMs = msToNumber(input.pollInterval ?? (progress.webhook ? '1 hour' : '5 minutes'));

	let confirmed: TaskBatchSummary | undefined;
	for (let pollsThisRun = 0; !confirmed; ) {
		const remaining = progress.deadlineAt - Date.now();
		if (remaining <= 0) {
			fail(ApplicationFailure.nonRetryable(`Apres task batch ${taskBatchId} did not complete before the job's deadline (last state: ${progress.state ?? 'unknown'})`, 'TaskBatchDeadlineExceeded', { taskBatchId, state: progress.state }));
		}
		// Idle until a completion webhook wakes the job, or the next poll is due: no activity runs.
		const byWebhook = await condition(() => woken, Math.min(pollMs, remaining));
		woken = false;
		if (!byWebhook) {
			progress.polls++;
			pollsThisRun++;
		}
		const batch = await apresGetTaskBatch({ connection: input.connection, taskBatchId }).catch(fail);
		record(batch.state, byWebhook ? 'webhook' : 'poll');
		Object.assign(progress, { status: batch.status, size: batch.size });
		if (batch.phase === 'failed') fail(ApplicationFailure.nonRetryable(`Apres task batch ${taskBatchId} ended in state "${batch.state}"`, 'TaskBatchFailed', { taskBatchId, state: batch.state }));
		if (batch.phase === 'completed') {
			confirmed = batch;
			progress.completedVia = byWebhook ? 'webhook' : 'poll';
			break;
		}
		if (pollsThisRun >= (input.pollsPerRun ?? 500) || workflowInfo().continueAsNewSuggested) {
			await condition(allHandlersFinished);
			await continueAsNew<typeof apresTaskBatch>({ ...input, progress });
		}
	}

	progress.phase = 'fetching';
	setJobState('running');
	const results = await apresFetchTaskBatchResults({ connection: input.connection, taskBatchId, outputPath: input.outputPath }).catch(fail);
	progress.phase = 'completed';
	setJobState('completed');
	await condition(allHandlersFinished);
	return { ...results, taskBatchId, completedVia: progress.completedVia!, events: progress.events, webhooksAccepted: progress.webhooksAccepted, polls: progress.polls, runs: progress.runs };
}
