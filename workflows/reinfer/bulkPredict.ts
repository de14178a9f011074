import type { Duration } from '@temporalio/common';
import { continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FileSpec } from '../../activities/files';
import type { ReinferActivities, UidSource } from '../../activities/reinfer';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface ReinferBulkPredictInput {
	connection: string;
	owner: string;
	dataset: string;
	modelVersion: string;
	threshold?: number;
	/** The file listing the comments: a uid column, or the rows of a file synced into a source. */
	file: FileSpec;
	uids: UidSource;
	/** Results file; the format follows the extension (.jsonl, .csv or .xlsx). */
	outputPath: string;
	rowsPerActivity?: number;
	/** Comments per predict request (default 1024, at most 4096). */
	chunkSize?: number;
	/** Predict requests in flight (default 2): the next chunk is predicted while results are written. */
	concurrency?: number;
	activitiesPerRun?: number;
	/** How long a silent activity is given before another worker takes it over (default 1 minute). */
	heartbeatTimeout?: Duration;
	progress?: ReinferBulkPredictProgress;
}

export interface ReinferBulkPredictProgress {
	nextRow: number;
	nextOffset?: number;
	bytes: number;
	predicted: number;
	skipped: number;
	activities: number;
	runs: number;
	done: boolean;
}

export const bulkPredictProgress = defineQuery<ReinferBulkPredictProgress>('progress');

function activities(heartbeatTimeout: Duration = '1 minute') {
	return proxyActivities<ReinferActivities>({
		startToCloseTimeout: '4 hours',
		heartbeatTimeout,
		retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE },
	});
}

/** Predicts labels for every comment listed in a file, in requests of up to 4096 (1024 by default), into a results file. */
export async function reinferBulkPredict(input: ReinferBulkPredictInput): Promise<ReinferBulkPredictProgress & { outputPath: string }> {
	const progress: ReinferBulkPredictProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { nextRow: 0, bytes: 0, predicted: 0, skipped: 0, activities: 0, runs: 1, done: false };
	const { reinferPredictSegment, reinferResultsToXlsx } = activities(input.heartbeatTimeout);
	setHandler(bulkPredictProgress, () => progress);
	setJobState('running');
	const xlsx = input.outputPath.toLowerCase().endsWith('.xlsx');
	const streamPath = xlsx ? `${input.outputPath}.jsonl` : input.outputPath;
	const outputFormat = input.outputPath.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';

	try {
		for (let inThisRun = 0; !progress.done; inThisRun++) {
			if (inThisRun >= (input.activitiesPerRun ?? Infinity) || workflowInfo().continueAsNewSuggested) {
				await continueAsNew<typeof reinferBulkPredict>({ ...input, progress });
			}
			const segment = await reinferPredictSegment({
				connection: input.connection,
				owner: input.owner,
				dataset: input.dataset,
				modelVersion: input.modelVersion,
				threshold: input.threshold,
				file: input.file,
				uids: input.uids,
				outputPath: streamPath,
				outputFormat,
				startRow: progress.nextRow,
				startOffset: progress.nextOffset,
				startBytes: progress.bytes,
				maxRows: input.rowsPerActivity ?? 100_000,
				chunkSize: input.chunkSize,
				concurrency: input.concurrency,
			});
			Object.assign(progress, { nextRow: segment.nextRow, nextOffset: segment.nextOffset, bytes: segment.bytes, done: segment.done });
			progress.predicted += segment.predicted;
			progress.skipped += segment.skipped;
			progress.activities++;
		}
		if (xlsx) await reinferResultsToXlsx({ jsonlPath: streamPath, xlsxPath: input.outputPath });
	} catch (error) {
		setJobState('failed');
		throw error;
	}
	setJobState('completed');
	return { ...progress, outputPath: input.outputPath };
}
