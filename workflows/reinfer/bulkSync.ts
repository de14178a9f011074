import type { Duration } from '@temporalio/common';
import { continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CommentMapping, FileSpec } from '../../activities/files';
import type { ReinferActivities } from '../../activities/reinfer';
import type { SyncCounts } from '../../activities/reinfer/sync';
import { NON_RETRYABLE } from '../retry';
import { setJobState } from '../searchAttributes';

export interface ReinferBulkSyncInput {
	/** Worker-side connection name holding the re:infer URL and token. */
	connection: string;
	owner: string;
	source: string;
	file: FileSpec;
	mapping: CommentMapping;
	/** Comments per sync request (<= 1024). */
	batchSize?: number;
	/** Sync requests in flight at once. */
	concurrency?: number;
	/** Rows one activity handles before checking in with the workflow (default 50,000). */
	rowsPerActivity?: number;
	/** Where invalid rows are written (default: next to the file, `.errors.jsonl`). */
	errorsFile?: string;
	/** Continue as new after this many activities even if Temporal does not suggest it yet. */
	activitiesPerRun?: number;
	/** How long a silent activity is given before another worker takes it over (default 1 minute). */
	heartbeatTimeout?: Duration;
	/** Carried across continueAsNew. */
	progress?: ReinferBulkSyncProgress;
}

export interface ReinferBulkSyncProgress extends SyncCounts {
	nextRow: number;
	/** Byte offset of nextRow in CSV/JSONL files. */
	nextOffset?: number;
	activities: number;
	runs: number;
	done: boolean;
}

export const bulkSyncProgress = defineQuery<ReinferBulkSyncProgress>('progress');

function activities(heartbeatTimeout: Duration = '1 minute') {
	return proxyActivities<ReinferActivities>({
		startToCloseTimeout: '4 hours',
		heartbeatTimeout,
		retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 50, nonRetryableErrorTypes: NON_RETRYABLE },
	});
}

/**
 * Bulk-syncs a file of comments into a re:infer source. The file is processed in segments, one
 * activity each; every activity heartbeats its checkpoint so a crashed worker resumes mid-segment.
 * History stays small: a run continues as new when Temporal suggests it (or after
 * `activitiesPerRun`), carrying only counters.
 */
export async function reinferBulkSync(input: ReinferBulkSyncInput): Promise<ReinferBulkSyncProgress & { errorsFile: string }> {
	const progress: ReinferBulkSyncProgress = input.progress
		? { ...input.progress, runs: input.progress.runs + 1 }
		: { rows: 0, new: 0, updated: 0, unchanged: 0, invalid: 0, nextRow: 0, activities: 0, runs: 1, done: false };
	const errorsFile = input.errorsFile ?? `${input.file.path}.errors.jsonl`;
	const { reinferSyncSegment } = activities(input.heartbeatTimeout);
	setHandler(bulkSyncProgress, () => progress);
	setJobState('running');

	for (let inThisRun = 0; !progress.done; inThisRun++) {
		if (inThisRun >= (input.activitiesPerRun ?? Infinity) || workflowInfo().continueAsNewSuggested) {
			await continueAsNew<typeof reinferBulkSync>({ ...input, errorsFile, progress });
		}
		try {
			const segment = await reinferSyncSegment({
				connection: input.connection,
				owner: input.owner,
				source: input.source,
				file: input.file,
				mapping: input.mapping,
				startRow: progress.nextRow,
				startOffset: progress.nextOffset,
				maxRows: input.rowsPerActivity ?? 50_000,
				batchSize: input.batchSize,
				concurrency: input.concurrency,
				errorsFile,
			});
			for (const key of ['rows', 'new', 'updated', 'unchanged', 'invalid'] as const) progress[key] += segment.counts[key];
			progress.nextRow = segment.nextRow;
			progress.nextOffset = segment.nextOffset;
			progress.done = segment.done;
			progress.activities++;
		} catch (error) {
			setJobState('failed');
			throw error;
		}
	}
	setJobState('completed');
	return { ...progress, errorsFile };
}
