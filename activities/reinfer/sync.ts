import { Context } from '@temporalio/activity';
import PQueue from 'p-queue';
import { MAX_SYNC_BATCH, type NewComment, type ReinferClient } from '../../clients/reinfer';
import { appendJsonl, mapRowToComment, readRows, type CommentMapping, type FileSpec } from '../files';
import { OrderedProgress, type FilePosition } from '../shared/orderedProgress';

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

interface Checkpoint {
	position: FilePosition;
	counts: SyncCounts;
}

const zero = (): SyncCounts => ({ rows: 0, new: 0, updated: 0, unchanged: 0, invalid: 0 });

/**
 * Streams rows [startRow, startRow + maxRows) of a file, maps and validates them, and syncs valid
 * comments in batches (<= 1024) with bounded concurrency. Invalid rows go to the errors file.
 * Heartbeats carry the contiguous checkpoint, so a retry after a crash resumes there; re-sent
 * comments are upserts by id and come back as "unchanged", never as duplicates.
 */
export async function syncSegment(client: ReinferClient, input: SyncSegmentInput): Promise<SyncSegmentResult> {
	const ctx = Context.current();
	const resume = ctx.info.heartbeatDetails as Checkpoint | undefined;
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const end = input.startRow + input.maxRows;
	const batchSize = Math.min(input.batchSize ?? MAX_SYNC_BATCH, MAX_SYNC_BATCH);
	const concurrency = Math.max(1, input.concurrency ?? 4);
	const progress = new OrderedProgress<SyncCounts>(from, resume?.counts ?? zero());
	const queue = new PQueue({ concurrency });
	const errors = await appendJsonl(input.errorsFile);
	let failure: unknown;
	let batchIndex = 0;
	let batch: NewComment[] = [];
	let batchStart = from.row;
	let invalidInBatch = 0;
	/** The position after the last row handled. */
	let at: FilePosition = from;
	let exhausted = true;

	const flush = () => {
		const comments = batch;
		const end = at;
		const counts: SyncCounts = { ...zero(), rows: end.row - batchStart, invalid: invalidInBatch };
		const index = batchIndex++;
		batch = [];
		invalidInBatch = 0;
		batchStart = end.row;
		void queue.add(async () => {
			try {
				const result = comments.length ? await client.syncBatch(input.owner, input.source, comments) : { new: 0, updated: 0, unchanged: 0 };
				progress.complete(index, end, { ...counts, ...result });
				ctx.heartbeat({ position: progress.position, counts: progress.committed } satisfies Checkpoint);
			} catch (error) {
				failure ??= error;
				queue.clear();
			}
		});
	};

	try {
		for await (const { row: index, values, offset } of readRows(input.file, { startRow: from.row, startOffset: from.offset, signal: ctx.cancellationSignal })) {
			if (index >= end) {
				exhausted = false;
				break;
			}
			if (failure) break;
			at = { row: index + 1, offset };
			const mapped = mapRowToComment(values, input.mapping, index);
			if (mapped.issues) {
				await errors.write({ row: index, issues: mapped.issues });
				invalidInBatch++;
			} else {
				batch.push(mapped.comment);
			}
			if (batch.length >= batchSize) {
				flush();
				// Backpressure: never hold more than `concurrency` batches beyond the one being read.
				await queue.onSizeLessThan(concurrency);
			}
		}
		if (!failure) flush();
		await queue.onIdle();
	} finally {
		await errors.close();
	}
	if (failure) throw failure;
	return { counts: progress.committed, nextRow: at.row, nextOffset: at.offset, done: exhausted };
}
