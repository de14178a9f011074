import type { Duration } from '@temporalio/common';
import { continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FileSpec } from '../../activities/files';
import type { ClassifyCounts, ClassifyMode, LuminosoActivities, MessageMapping } from '../../activities/luminoso';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface LuminosoBulkClassifyInput {
	connection: string;
	project: string;
	/** CSV, JSON, JSONL or XLSX file of messages. */
	file: FileSpec;
	/** Column names: `text` (required), `sourceId`, and for messages mode `timestamp`, `language`, `info`. */
	mapping: MessageMapping;
	/** `classify` (default): classified, not saved. `messages`: saved in the project and classified. */
	mode?: ClassifyMode;
	/** Results file; the format follows the extension (.jsonl, .csv or .xlsx). */
	outputPath: string;
	/** Invalid rows (default: next to the results, `.errors.jsonl`). */
	errorsFile?: string;
	/** Rows per step: messages per POST in messages mode (default 100, at most 1000). */
	batchSize?: number;
	/** classify mode: requests in flight (default 8). */
	concurrency?: number;
	rowsPerActivity?: number;
	activitiesPerRun?: number;
	/** How long a silent activity is given before another worker takes it over (default 1 minute). */
	heartbeatTimeout?: Duration;
	progress?: LuminosoBulkClassifyProgress;
}

export interface LuminosoBulkClassifyProgress extends ClassifyCounts {
	nextRow: number;
	nextOffset?: number;
	bytes: number;
	errorBytes: number;
	activities: number;
	runs: number;
	done: boolean;
	/** messages mode: the newest message ID once the last segment ended (how a retried segment recognises what it saved). */
	lastMessageId?: number;
}

export const bulkClassifyProgress = defineQuery<LuminosoBulkClassifyProgress>('progress');

function activities(heartbeatTimeout: Duration = '1 minute') {
	return proxyActivities<LuminosoActivities>({
		startToCloseTimeout: '4 hours',
		heartbeatTimeout,
		retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE },
	});
}

/** Classifies every message of a file (classify or messages endpoint, batched) into a results file, one row per message, exactly once. */
export async function luminosoBulkClassify(input: LuminosoBulkClassifyInput): Promise<LuminosoBulkClassifyProgress & { outputPath: string; errorsFile: string }> {
	const progress: LuminosoBulkClassifyProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { rows: 0, classified: 0, unclassified: 0, invalid: 0, nextRow: 0, bytes: 0, errorBytes: 0, activities: 0, runs: 1, done: false };
	setHandler(bulkClassifyProgress, () => progress);
	setJobState('running');
	const lower = input.outputPath.toLowerCase();
	const xlsx = lower.endsWith('.xlsx');
	const streamPath = xlsx ? `${input.outputPath}.jsonl` : input.outputPath;
	const outputFormat = lower.endsWith('.csv') ? 'csv' : 'jsonl';
	const errorsFile = input.errorsFile ?? `${input.outputPath}.errors.jsonl`;
	const { luminosoClassifySegment, luminosoNewestMessageId, luminosoResultsToXlsx } = activities(input.heartbeatTimeout);
	const mode = input.mode ?? 'classify';

	try {
		if (mode === 'messages' && progress.lastMessageId === undefined) progress.lastMessageId = await luminosoNewestMessageId({ connection: input.connection, project: input.project });
		for (let inThisRun = 0; !progress.done; inThisRun++) {
			if (inThisRun >= (input.activitiesPerRun ?? Infinity) || workflowInfo().continueAsNewSuggested) {
				await continueAsNew<typeof luminosoBulkClassify>({ ...input, errorsFile, progress });
			}
			const segment = await luminosoClassifySegment({
				connection: input.connection,
				project: input.project,
				mode,
				file: input.file,
				mapping: input.mapping,
				outputPath: streamPath,
				outputFormat,
				errorsFile,
				startRow: progress.nextRow,
				startOffset: progress.nextOffset,
				startBytes: progress.bytes,
				startErrorBytes: progress.errorBytes,
				maxRows: input.rowsPerActivity ?? 100_000,
				batchSize: input.batchSize,
				concurrency: input.concurrency,
				sinceMessageId: progress.lastMessageId,
			});
			for (const key of ['rows', 'classified', 'unclassified', 'invalid'] as const) progress[key] += segment.counts[key];
			Object.assign(progress, { nextRow: segment.nextRow, nextOffset: segment.nextOffset, bytes: segment.bytes, errorBytes: segment.errorBytes, done: segment.done, lastMessageId: segment.lastMessageId });
			progress.activities++;
		}
		if (xlsx) await luminosoResultsToXlsx({ jsonlPath: streamPath, xlsxPath: input.outputPath });
	} catch (error) {
		setJobState('failed');
		throw error;
	}
	setJobState('completed');
	return { ...progress, outputPath: input.outputPath, errorsFile };
}
