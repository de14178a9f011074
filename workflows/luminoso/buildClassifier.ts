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
	/** Rows per activity (default 50,000). */
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
	/** Between training checks (default 5 s). */
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
}

export const buildClassifierProgress = defineQuery<LuminosoBuildClassifierProgress>('progress');

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE };
const { luminosoEnsureClassifier, luminosoClassifierState } = proxyActivities<LuminosoActivities>({ startToCloseTimeout: '5 minutes', retry });

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
				maxRows: docs.rowsPerActivity ?? 50_000,
				batchSize: docs.batchSize,
				concurrency: docs.concurrency,
				errorsFile: progress.errorsFile!,
			});
			progress.rows += segment.counts.rows;
			progress.uploaded += segment.counts.uploaded;
			progress.invalid += segment.counts.invalid;
			progress.nextRow = segment.nextRow;
			progress.nextOffset = segment.nextOffset;
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
		for (;;) {
			const state: ClassifierState = progress.checks === 0 && progress.classifier.training_state !== 'in_training' ? progress.classifier : await luminosoClassifierState({ connection: input.connection, project: input.project, classifierId: progress.classifier.id });
			progress.checks++;
			progress.classifier = { ...progress.classifier, ...state };
			if (state.training_state === 'error') {
				throw ApplicationFailure.nonRetryable(`Training classifier "${state.name}" failed: ${state.error ?? 'Compass reported an error'}`, 'ClassifierTrainingError', { classifier: state });
			}
			if (state.training_state === 'ready' && (!wantActive || state.status === 'active')) break;
			if (Date.now() >= deadline) {
				throw ApplicationFailure.nonRetryable(`Classifier "${state.name}" was still ${state.training_state}/${state.status} when the training timeout passed`, 'ClassifierTrainingTimeout', { classifier: state });
			}
			await sleep(input.pollIntervalMs ?? 5000);
		}
		progress.stage = 'ready';
	} catch (error) {
		setJobState('failed');
		throw error;
	}
	setJobState('completed');
	return progress;
}
