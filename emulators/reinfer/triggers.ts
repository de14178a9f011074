import { invalid } from '../core';
import type { DatasetRecord, ReinferStore, SourceRecord, StoredComment, TriggerRecord } from './store';

/**
 * Trigger semantics: a trigger delivers the comments of its dataset's (current) sources in global
 * sync order, each comment's latest version once, an updated comment again at its new position.
 * Positions are global sequence numbers; `fetch` reads after the committed position without
 * moving it (so a repeated fetch returns the same comments), `advance` commits a position.
 */
export const MAX_FETCH_SIZE = 1024;

export interface TriggerEntry {
	seq: number;
	source: SourceRecord;
	id: string;
	comment: StoredComment;
}

/** First index in the sorted `seqs` whose value is greater than `after`. */
function firstAfter(seqs: readonly number[], after: number): number {
	let lo = 0;
	let hi = seqs.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (seqs[mid] <= after) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Visits the live entries after the trigger's committed position in sequence order (a k-way merge
 * of the sources' logs) until `visit` returns false.
 */
function walk(store: ReinferStore, dataset: DatasetRecord, trigger: TriggerRecord, visit: (e: TriggerEntry) => boolean): void {
	const cursors = dataset.info.source_ids
		.map((id) => store.sources.get(id))
		.filter((s): s is SourceRecord => s !== undefined)
		.map((source) => ({ source, index: firstAfter(source.logSeqs, trigger.committed) }));
	for (;;) {
		let next: (typeof cursors)[number] | undefined;
		for (const c of cursors) {
			if (c.index < c.source.logSeqs.length && (!next || c.source.logSeqs[c.index] < next.source.logSeqs[next.index])) next = c;
		}
		if (!next) return;
		const seq = next.source.logSeqs[next.index];
		const id = next.source.logIds[next.index];
		next.index++;
		const comment = next.source.comments.get(id);
		if (comment?.seq !== seq) continue; // superseded by a later version, or the comment is gone
		if (!visit({ seq, source: next.source, id, comment })) return;
	}
}

export function fetchEntries(
	store: ReinferStore,
	dataset: DatasetRecord,
	trigger: TriggerRecord,
	size: number,
): { entries: TriggerEntry[]; sequenceId: number } {
	const entries: TriggerEntry[] = [];
	walk(store, dataset, trigger, (e) => entries.push(e) < size);
	const sequenceId = entries.length > 0 ? entries[entries.length - 1].seq : trigger.committed;
	trigger.fetched = Math.max(trigger.fetched, sequenceId);
	return { entries, sequenceId };
}

/** How many comments a fetch could still deliver (walks the logs: for inspection, not hot paths). */
export function pendingCount(store: ReinferStore, dataset: DatasetRecord, trigger: TriggerRecord): number {
	let count = 0;
	walk(store, dataset, trigger, () => ++count > 0);
	return count;
}

/** The doc types sequence_id as a string but its example sends a number: both are accepted. */
export function parseSequenceId(value: unknown, path = 'sequence_id'): number {
	if (value === undefined) throw invalid(path, 'required field is missing');
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d{1,15}$/.test(text)) {
		throw invalid(path, `must be a non-negative integer sequence id as returned by fetch, got ${JSON.stringify(value)}`);
	}
	return Number(text);
}

export function advance(trigger: TriggerRecord, sequenceId: number): void {
	if (sequenceId > trigger.fetched) {
		throw invalid('sequence_id', `${sequenceId} is beyond the last fetched position ${trigger.fetched}`);
	}
	trigger.committed = sequenceId;
}
