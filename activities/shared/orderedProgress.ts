/** Where a file read can resume: the row index and, for CSV/JSONL, its byte offset. */
export interface FilePosition {
	row: number;
	offset?: number;
}

/**
 * Tracks batches that complete out of order (bounded concurrency) and exposes the contiguous
 * prefix: the position before which every batch is done. That position is the checkpoint a
 * retried activity can resume from without losing anything.
 */
export class OrderedProgress<C extends { [K in keyof C]: number }> {
	private nextToCommit = 0;
	private readonly done = new Map<number, { end: FilePosition; counts: C }>();

	constructor(
		public position: FilePosition,
		public committed: C,
	) {}

	complete(batchIndex: number, end: FilePosition, counts: C): void {
		this.done.set(batchIndex, { end, counts });
		for (let entry = this.done.get(this.nextToCommit); entry; entry = this.done.get(this.nextToCommit)) {
			this.done.delete(this.nextToCommit);
			this.nextToCommit++;
			this.position = entry.end;
			for (const key of Object.keys(entry.counts) as Array<keyof C>) (this.committed[key] as number) += entry.counts[key];
		}
	}
}
