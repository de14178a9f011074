import type { Duration, RetryPolicy } from '@temporalio/common';
import { ApplicationFailure, continueAsNew, defineQuery, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { FileSpec } from '../../activities/files';
import type { ClassifierState, DocumentMapping, LuminosoActivities } from '../../activities/luminoso';
import type { ClassifierCreate } from '../../clients/luminoso';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface LuminosoDocumentsUpload {
	/** CSV, JSON, JSONL or XLSX file of documents. */
	file: FileSpec;
	/** Column names: `text` (required), `label`, `dataset`, `language`. */
	mapping: DocumentMapping;
	/** Dataset for rows without one (typically the classifier's `info.dataset`). */
	dataset?: string;
	/** Documents per POST (default 500, at most 1000). */
	batchSize?: number;
	/** POSTs in flight (default 2). */
	concurrency?: number;
	/**
	 * Rows per activity (default 100,000, as bulkClassify). A retried activity resumes from its
	 * checkpoint, so a larger segment costs no repeated work; each one more costs a workflow task
	 * round trip and reopening the file.
	 */
	rowsPerActivity?: number;
	/** Invalid rows, one `{ row, issues }` line each (default: next to the file, `.errors.jsonl`). */
	errorsFile?: string;
}

export interface LuminosoBuildClassifierInput {
	/** Worker-side connection name holding the Compass URL and login. */
	connection: string;
	/** Project ID. */
	project: string;
	/** Documents to upload first (omit to build on the documents already in the project). */
	documents?: LuminosoDocumentsUpload;
	/** The classifier to build (reused when one of this name exists). */
	classifier: ClassifierCreate;
	/**
	 * Between training checks (default 5 s). Intervals under 10 s are polled inside an activity (one
	 * per 5 minutes of training); longer ones between durable timers.
	 */
	pollIntervalMs?: number;
	/** Fail when training takes longer (default 6 hours). */
	trainingTimeoutMs?: number;
	activitiesPerRun?: number;
	/** How long a silent upload activity is given before another worker takes it over (default 1 minute). */
	heartbeatTimeout?: Duration;
	/** Carried across continueAsNew. */
	progress?: LuminosoBuildClassifierProgress;
}

export interface LuminosoBuildClassifierProgress {
	stage: 'uploading' | 'creating' | 'training' | 'ready';
	rows: number;
	uploaded: number;
	invalid: number;
	nextRow: number;
	nextOffset?: number;
	uploadDone: boolean;
	activities: number;
	runs: number;
	classifier?: ClassifierState & { created?: boolean };
	checks: number;
	errorsFile?: string;
	/** Size of the errors file after the last finished upload segment. */
	errorBytes?: number;
	/** Documents the project held before the upload started (how a retried segment recognises what it saved). */
	documentsBefore?: number;
	/** Batches retried segments found already saved and did not send again. */
	recognised?: number;
}

export const buildClassifierProgress = defineQuery<LuminosoBuildClassifierProgress>('progress');

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE };
const { luminosoEnsureClassifier, luminosoDocumentCount } = proxyActivities<LuminosoActivities>({ startToCloseTimeout: '5 minutes', retry });
const { luminosoAwaitClassifier } = proxyActivities<LuminosoActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '1 minute', retry });

/**
 * Shorter training checks run inside one activity: a workflow timer fires about a second late at
 * best, which would double the wait for a classifier that trains in a second or two.
 */
const IN_ACTIVITY_POLL_BELOW_MS = 10_000;
/** How long one waiting activity polls before handing back to the workflow. */
const AWAIT_WINDOW_MS = 5 * 60_000;

/**
 * Uploads a documents file in batches, creates a classifier (voting, topic-based or sentiment)
 * and waits, with durable timers, until its training_state is `ready` and its status `active`
 * (or just ready, for a classifier created inactive). Training ending in `error` fails the job
 * with the reason Compass gave.
 */
export async function luminosoBuildClassifier(input: LuminosoBuildClassifierInput): Promise<LuminosoBuildClassifierProgress> {
	const progress: LuminosoBuildClassifierProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { stage: input.documents ? 'uploading' : 'creating', rows: 0, uploaded: 0, invalid: 0, nextRow: 0, uploadDone: !input.documents, activities: 0, runs: 1, checks: 0 };
	setHandler(buildClassifierProgress, () => progress);
	setJobState('running');
	const { luminosoUploadDocuments } = proxyActivities<LuminosoActivities>({ startToCloseTimeout: '4 hours', heartbeatTimeout: input.heartbeatTimeout ?? '1 minute', retry });
	try {
		const docs = input.documents;
		if (docs) progress.errorsFile = docs.errorsFile ?? `${docs.file.path}.errors.jsonl`;
		if (docs && !progress.uploadDone && progress.documentsBefore === undefined && progress.activities === 0) {
			progress.documentsBefore = await luminosoDocumentCount({ connection: input.connection, project: input.project });
			progress.errorBytes = 0;
		}
		for (let inThisRun = 0; docs && !progress.uploadDone; inThisRun++) {
			if (inThisRun >= (input.activitiesPerRun ?? Infinity) || workflowInfo().continueAsNewSuggested) {
				await continueAsNew<typeof luminosoBuildClassifier>({ ...input, progress });
			}
			const segment = await luminosoUploadDocuments({
				connection: input.connection,
				project: input.project,
				file: docs.file,
				mapping: docs.mapping,
				dataset: docs.dataset,
				startRow: progress.nextRow,
				startOffset: progress.nextOffset,
				maxRows: docs.rowsPerActivity ?? 100_000,
				batchSize: docs.batchSize,
				concurrency: docs.concurrency,
				errorsFile: progress.errorsFile!,
				startErrorBytes: progress.errorBytes,
				documentsBefore: progress.documentsBefore === undefined ? undefined : progress.documentsBefore + progress.uploaded,
			});
			progress.rows += segment.counts.rows;
			progress.uploaded += segment.counts.uploaded;
			progress.invalid += segment.counts.invalid;
			progress.nextRow = segment.nextRow;
			progress.nextOffset = segment.nextOffset;
			progress.errorBytes = segment.errorBytes;
			progress.recognised = (progress.recognised ?? 0) + segment.recognised;
			progress.uploadDone = segment.done;
			progress.activities++;
		}

		if (!progress.classifier) {
			progress.stage = 'creating';
			progress.classifier = await luminosoEnsureClassifier({ connection: input.connection, project: input.project, classifier: input.classifier });
		}
		progress.stage = 'training';
		const wantActive = input.classifier.status !== 'inactive';
		const deadline = Date.now() + (input.trainingTimeoutMs ?? 6 * 3600_000);
		const pollMs = input.pollIntervalMs ?? 5000;
		const pollInActivity = pollMs < IN_ACTIVITY_POLL_BELOW_MS;
		for (;;) {
			let state: ClassifierState;
			if (progress.checks === 0 && progress.classifier.training_state !== 'in_training') {
				state = progress.classifier;
				progress.checks++;
			} else {
				const maxWaitMs = pollInActivity ? Math.min(AWAIT_WINDOW_MS, Math.max(0, deadline - Date.now())) : 0;
				const waited = await luminosoAwaitClassifier({ connection: input.connection, project: input.project, classifierId: progress.classifier.id, wantActive, pollIntervalMs: pollMs, maxWaitMs });
				state = waited.classifier;
				progress.checks += waited.checks;
			}
			progress.classifier = { ...progress.classifier, ...state };
			if (state.training_state === 'error') {
				throw ApplicationFailure.nonRetryable(`Training classifier "${state.name}" failed: ${state.error ?? 'Compass reported an error'}`, 'ClassifierTrainingError', { classifier: state });
			}
			if (state.training_state === 'ready' && (!wantActive || state.status === 'active')) break;
			if (Date.now() >= deadline) {
				throw ApplicationFailure.nonRetryable(`Classifier "${state.name}" was still ${state.training_state}/${state.status} when the training timeout passed`, 'ClassifierTrainingTimeout', { classifier: state });
			}
			if (!pollInActivity) await sleep(pollMs);
		}
		progress.stage = 'ready';
	} catch (error) {
		setJobState('failed');
		throw error;
	}
	setJobState('completed');
	return progress;
}
