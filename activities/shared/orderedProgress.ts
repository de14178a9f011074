/**
 * Tracks batches that complete out of order (bounded concurrency) and exposes the contiguous
 * prefix: the row before which every batch is done. That row is the checkpoint a retried
 * activity can resume from without losing anything.
 */
export class OrderedProgress<C extends { [K in keyof C]: number }> {
	private nextToCommit = 0;
	private readonly done = new Map<number, { endRow: number; counts: C }>();

	constructor(
		public committedRow: number,
		public committed: C,
	) {}

	complete(batchIndex: number, endRow: number, counts: C): void {
		this.done.set(batchIndex, { endRow, counts });
		for (let entry = this.done.get(this.nextToCommit); entry; entry = this.done.get(this.nextToCommit)) {
			this.done.delete(this.nextToCommit);
			this.nextToCommit++;
			this.committedRow = entry.endRow;
			for (const key of Object.keys(entry.counts) as Array<keyof C>) (this.committed[key] as number) += entry.counts[key];
		}
	}
}
