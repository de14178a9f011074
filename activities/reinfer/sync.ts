import { MAX_SYNC_BATCH, type NewComment, type ReinferClient } from '../../clients/reinfer';
import { mapRowToComment, type CommentMapping, type FileSpec } from '../files';
import { runFileSegment } from '../shared/fileSegment';

export interface SyncSegmentInput {
	connection: string;
	owner: string;
	source: string;
	file: FileSpec;
	mapping: CommentMapping;
	/** First data row of this segment. */
	startRow: number;
	/** Byte offset of `startRow` (CSV/JSONL), from the previous segment: no rescan of earlier rows. */
	startOffset?: number;
	/** Rows this activity handles before returning (the workflow schedules the next segment). */
	maxRows: number;
	batchSize?: number;
	concurrency?: number;
	/** JSONL file receiving one line per invalid row: `{ row, issues }`. */
	errorsFile: string;
}

export interface SyncCounts {
	rows: number;
	new: number;
	updated: number;
	unchanged: number;
	invalid: number;
}

export interface SyncSegmentResult {
	counts: SyncCounts;
	nextRow: number;
	nextOffset?: number;
	done: boolean;
}

/**
 * Streams rows [startRow, startRow + maxRows) of a file, maps and validates them, and syncs valid
 * comments in batches (<= 1024) with bounded concurrency. Invalid rows go to the errors file.
 * Heartbeats (and a checkpoint file next to the errors file, see LocalCheckpoint) carry the
 * contiguous checkpoint, so a retry after a crash resumes there; re-sent comments are upserts by
 * id and come back as "unchanged", never as duplicates.
 */
export async function syncSegment(client: ReinferClient, input: SyncSegmentInput): Promise<SyncSegmentResult> {
	return runFileSegment<NewComment, Omit<SyncCounts, 'rows' | 'invalid'>>(
		{
			...input,
			batchSize: Math.min(input.batchSize ?? MAX_SYNC_BATCH, MAX_SYNC_BATCH),
			concurrency: Math.max(1, input.concurrency ?? 4),
			// Rewritten after every synced batch: a worker crash re-sends only the batches in flight.
			checkpointFile: `${input.errorsFile}.checkpoint.json`,
		},
		{
			zero: () => ({ new: 0, updated: 0, unchanged: 0 }),
			map: (values, row) => {
				const mapped = mapRowToComment(values, input.mapping, row);
				return mapped.issues ? { issues: mapped.issues } : { value: mapped.comment };
			},
			send: (comments) => client.syncBatch(input.owner, input.source, comments),
		},
	);
}
