import type { RetryPolicy } from '@temporalio/common';
import { defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FileSpec } from '../../activities/files';
import type { DownloadPredictionsResult, InvalidRowPolicy, PrimerActivities, PrimerColumns } from '../../activities/primer';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface PrimerBulkPredictionsInput {
	/** Worker-side connection name holding the Primer login (or token) and URLs. */
	connection: string;
	/** The model to predict with (UUID). */
	modelId: string;
	/** The documents: a CSV, JSON, JSONL or XLSX file, uploaded as a new dataset (or into `datasetId`)... */
	file?: FileSpec;
	/** ...whose columns hold the document fields (text required). */
	columns?: PrimerColumns;
	/** ...or an existing dataset to predict (then no file is needed). */
	datasetId?: string;
	/** Name and type of the dataset created from the file. */
	displayName?: string;
	documentType?: string;
	description?: string;
	/** Invalid rows stop the job before anything is uploaded ("fail", default) or are skipped into `errorsFile`. */
	onInvalidRow?: InvalidRowPolicy;
	errorsFile?: string;
	/** Results file: .csv, .json, .jsonl or .xlsx. */
	outputPath: string;
	includeText?: boolean;
	/** Rows per upload request (default 10,000) and most bytes per request (default 8 MB). */
	partRows?: number;
	partBytes?: number;
	/** Status polling: first interval (default 2 s), growing to at most `maxPollIntervalMs` (default 30 s). */
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
	/** How long the platform may take to compute the predictions (default 24 hours). */
	maxWaitMs?: number;
	/**
	 * How long a silent activity is given before another worker takes it over (default 2 minutes;
	 * the status poll gets at least 3 poll intervals). Shorter: a crashed worker is replaced sooner.
	 */
	heartbeatTimeoutMs?: number;
}

export type PrimerBulkStage = 'checking' | 'uploading' | 'requesting' | 'waiting' | 'downloading' | 'completed' | 'failed';

export interface PrimerBulkPredictionsProgress {
	stage: PrimerBulkStage;
	rows?: number;
	invalid?: number;
	datasetId?: string;
	uploaded?: number;
	requestPredictionsId?: number;
}

export interface PrimerBulkPredictionsResult extends DownloadPredictionsResult {
	datasetId: string;
	requestPredictionsId: number;
	/** Documents uploaded from the file (0 when an existing dataset was predicted). */
	uploaded: number;
	/** Invalid rows skipped (onInvalidRow "skip"), listed in errorsFile. */
	skipped: number;
	errorsFile?: string;
	polls: number;
}

export const primerBulkProgress = defineQuery<PrimerBulkPredictionsProgress>('progress');

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE };

/**
 * File (or existing dataset) -> upload in parts -> request bulk predictions -> wait (a
 * heartbeating poll activity, Temporal's pattern for polling) -> stream the predictions to a
 * results file -> summary. Only ids, paths and counts travel through the workflow.
 */
export async function primerBulkPredictions(input: PrimerBulkPredictionsInput): Promise<PrimerBulkPredictionsResult> {
	const progress: PrimerBulkPredictionsProgress = { stage: 'checking' };
	setHandler(primerBulkProgress, () => progress);
	setJobState('running');
	const maxPoll = input.maxPollIntervalMs ?? 30_000;
	const heartbeatTimeout = input.heartbeatTimeoutMs ?? 120_000;
	const quick = proxyActivities<PrimerActivities>({ startToCloseTimeout: '1 hour', heartbeatTimeout, retry });
	const long = proxyActivities<PrimerActivities>({ startToCloseTimeout: '6 hours', heartbeatTimeout, retry });
	const waiting = proxyActivities<PrimerActivities>({
		startToCloseTimeout: input.maxWaitMs ?? 24 * 3_600_000,
		heartbeatTimeout: Math.max(input.heartbeatTimeoutMs ?? 60_000, 3 * maxPoll),
		retry,
	});
	const errorsFile = input.errorsFile ?? (input.file ? `${input.file.path}.errors.jsonl` : undefined);

	try {
		const check = await quick.primerCheckJob({
			connection: input.connection,
			modelId: input.modelId,
			file: input.file,
			columns: input.columns,
			datasetId: input.datasetId,
			displayName: input.displayName,
			documentType: input.documentType,
			onInvalidRow: input.onInvalidRow,
			errorsFile,
			outputPath: input.outputPath,
			partRows: input.partRows,
			partBytes: input.partBytes,
		});
		Object.assign(progress, { rows: check.rows, invalid: check.invalid });

		let datasetId = input.datasetId;
		let uploaded = 0;
		let skipped = 0;
		if (input.file) {
			progress.stage = 'uploading';
			const upload = await long.primerUploadFile({
				connection: input.connection,
				file: input.file,
				columns: input.columns!,
				datasetId: input.datasetId,
				displayName: input.displayName,
				documentType: input.documentType,
				description: input.description,
				modelId: input.modelId,
				baseDocuments: check.baseDocuments,
				validRows: check.rows - check.invalid,
				partRows: input.partRows,
				partBytes: input.partBytes,
				spool: check.spool,
				startedAt: workflowInfo().startTime.getTime(),
			});
			datasetId = upload.datasetId;
			uploaded = upload.documents;
			skipped = upload.skipped;
			Object.assign(progress, { datasetId, uploaded });
		}
		progress.datasetId = datasetId;

		progress.stage = 'requesting';
		const { requestPredictionsId } = await quick.primerRequestPredictions({ connection: input.connection, datasetId: datasetId!, modelId: input.modelId });
		progress.requestPredictionsId = requestPredictionsId;

		progress.stage = 'waiting';
		setJobState('waiting');
		const wait = await waiting.primerWaitForPredictions({
			connection: input.connection,
			requestPredictionsId,
			datasetId: datasetId!,
			modelId: input.modelId,
			pollIntervalMs: input.pollIntervalMs,
			maxPollIntervalMs: input.maxPollIntervalMs,
		});

		progress.stage = 'downloading';
		setJobState('running');
		const download = await long.primerDownloadPredictions({
			connection: input.connection,
			datasetId: datasetId!,
			modelId: input.modelId,
			outputPath: input.outputPath,
			includeText: input.includeText,
			expectedDocuments: input.file ? check.baseDocuments + uploaded : check.baseDocuments,
		});
		progress.stage = 'completed';
		setJobState('completed');
		return { ...download, datasetId: datasetId!, requestPredictionsId, uploaded, skipped, ...(skipped ? { errorsFile } : {}), polls: wait.polls };
	} catch (error) {
		progress.stage = 'failed';
		setJobState('failed');
		throw error;
	}
}
