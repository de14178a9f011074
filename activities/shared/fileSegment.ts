import { Context } from '@temporalio/activity';
import PQueue from 'p-queue';
import type { ValidationIssue } from '../../clients/core';
import { appendJsonl, readRows, type FileSpec } from '../files';
import { activityCheckpointOwner, LocalCheckpoint } from './localCheckpoint';
import { OrderedProgress, type FilePosition } from './orderedProgress';

export interface FileSegmentInput {
	file: FileSpec;
	/** First data row of this segment, and its byte offset (CSV/JSONL) from the previous segment. */
	startRow: number;
	startOffset?: number;
	/** Rows this activity handles before returning (the workflow schedules the next segment). */
	maxRows: number;
	batchSize: number;
	/** Batches in flight at once. */
	concurrency: number;
	/** JSONL file receiving one line per invalid row: `{ row, issues }`. */
	errorsFile: string;
	/**
	 * Optional file also holding the checkpoint, rewritten after every completed batch: a retry
	 * after a crash then resumes from the last batch, not from the last (throttled) heartbeat.
	 * See LocalCheckpoint. Removed when the segment completes.
	 */
	checkpointFile?: string;
}

/** Counts every segment keeps: rows read and rows refused; the platform adds its own. */
export type SegmentCounts<C> = C & { rows: number; invalid: number };

export interface FileSegmentResult<C> {
	counts: SegmentCounts<C>;
	nextRow: number;
	nextOffset?: number;
	done: boolean;
}

interface Checkpoint<C> {
	position: FilePosition;
	counts: SegmentCounts<C>;
}

/**
 * The bulk-upload loop every platform job shares: streams rows [startRow, startRow + maxRows) of a
 * file, maps each row to an API item (invalid rows go to the errors file), sends batches with
 * bounded concurrency and backpressure, and heartbeats the contiguous checkpoint (row, byte offset,
 * counts) so a retried activity resumes where every earlier batch had completed.
 */
export async function runFileSegment<T, C extends { [K in keyof C]: number }>(
	input: FileSegmentInput,
	platform: {
		zero: () => C;
		map: (values: Record<string, unknown>, row: number) => { value: T } | { issues: ValidationIssue[] };
		send: (batch: T[]) => Promise<C>;
	},
): Promise<FileSegmentResult<C>> {
	const ctx = Context.current();
	const local = input.checkpointFile ? new LocalCheckpoint<Checkpoint<C>>(input.checkpointFile, activityCheckpointOwner(ctx.info)) : undefined;
	const beat = ctx.info.heartbeatDetails as Checkpoint<C> | undefined;
	const saved = await local?.load();
	const resume = saved && (!beat || saved.position.row > beat.position.row) ? saved : beat;
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const end = input.startRow + input.maxRows;
	const zero = (): SegmentCounts<C> => ({ ...platform.zero(), rows: 0, invalid: 0 });
	const progress = new OrderedProgress<SegmentCounts<C>>(from, resume?.counts ?? zero());
	const queue = new PQueue({ concurrency: input.concurrency });
	const errors = await appendJsonl(input.errorsFile);
	let failure: unknown;
	let batchIndex = 0;
	let batch: T[] = [];
	let batchStart = from.row;
	let invalidInBatch = 0;
	/** The position after the last row handled. */
	let at: FilePosition = from;
	let exhausted = true;

	const flush = () => {
		const items = batch;
		const stop = at;
		const counts = { rows: stop.row - batchStart, invalid: invalidInBatch };
		const index = batchIndex++;
		batch = [];
		invalidInBatch = 0;
		batchStart = stop.row;
		void queue.add(async () => {
			try {
				const sent = items.length ? await platform.send(items) : platform.zero();
				progress.complete(index, stop, { ...sent, ...counts } as SegmentCounts<C>);
				const checkpoint: Checkpoint<C> = { position: progress.position, counts: { ...progress.committed } };
				ctx.heartbeat(checkpoint);
				local?.save(checkpoint);
			} catch (error) {
				failure ??= error;
				queue.clear();
			}
		});
	};

	try {
		for await (const { row, values, offset } of readRows(input.file, { startRow: from.row, startOffset: from.offset, signal: ctx.cancellationSignal })) {
			if (row >= end) {
				exhausted = false;
				break;
			}
			if (failure) break;
			at = { row: row + 1, offset };
			const mapped = platform.map(values, row);
			if ('issues' in mapped) {
				await errors.write({ row, issues: mapped.issues });
				invalidInBatch++;
			} else {
				batch.push(mapped.value);
			}
			if (batch.length >= input.batchSize) {
				flush();
				// Backpressure: never hold more than `concurrency` batches beyond the one being read.
				await queue.onSizeLessThan(input.concurrency);
			}
		}
		if (!failure) flush();
		await queue.onIdle();
	} finally {
		await errors.close();
		await local?.flush();
	}
	if (failure) throw failure;
	await local?.remove();
	return { counts: progress.committed, nextRow: at.row, nextOffset: at.offset, done: exhausted };
}
