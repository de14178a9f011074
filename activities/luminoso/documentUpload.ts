import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import { ApiError, NetworkError } from '../../clients/core';
import type { DocumentObject, LuminosoClient, NewDocument } from '../../clients/luminoso';
import { readRowChunks, type FileRow, type FileSpec } from '../files';
import { heartbeating } from '../shared/heartbeating';
import type { FilePosition } from '../shared/orderedProgress';
import { ThrottledHeartbeat } from '../shared/throttledHeartbeat';

/**
 * Exactly-once document upload for Compass, whose documents have no key to deduplicate on.
 *
 * A POST that fails without a clear answer (5xx, a dropped connection) may have been saved, and a
 * worker can die after Compass saved a batch but before the checkpoint says so (heartbeats reach
 * Temporal up to 80% of the heartbeat timeout late, so a retried attempt may find many batches
 * saved beyond its checkpoint). Such batches are recognised from the project's state instead of
 * being posted again:
 *
 * - The workflow knows how many documents the project held before the segment (`documentsBefore`),
 *   so the project's document count says how many documents of uncertain batches were saved.
 *   Compass saves a POSTed list as one contiguous block and lists documents in the order it saved
 *   them (by id).
 * - Few sets of uncertain batches add up to that number. After a failed POST, the uncertain
 *   batches are the ones that failed. After a crash, batches are sent in a sliding window (batch
 *   `i` only once batch `i - concurrency` was answered), so the saved ones beyond the checkpoint
 *   are a run `[0, q)` plus some of the `concurrency` batches after it, and a block is never listed
 *   before one `concurrency` or more batches older than itself.
 * - The last page of the document list (one request, which also gives the count) shows which
 *   batch was saved last; when that leaves more than one set, pages holding the ends of earlier
 *   blocks are read until one set is left.
 *
 * This assumes nothing else adds documents to the project while the job uploads. If the project's
 * state fits no set of batches (or stays ambiguous), only the batches saved under every remaining
 * reading are treated as saved, the rest are sent again, and a warning says so.
 */

/** Compass pages hold 20 items (documented). */
const PAGE_SIZE = 20;
/** Up to this many batches in flight are recognised after a crash (2^concurrency readings). */
const MAX_RECOGNISED_CONCURRENCY = 8;
/** Failed POSTs of one batch recovered in the activity before it gives up (and Temporal retries it). */
const MAX_TRIES_PER_BATCH = 5;

export interface DocumentBatch {
	docs: NewDocument[];
	/** Rows read for this batch, valid or not. */
	rows: number;
	invalid: number;
	/** One `{ row, issues }` JSON line per invalid row. */
	errorLines: string[];
	/** The file position after its last row. */
	end: FilePosition;
}

export interface DocumentUploadCheckpoint {
	/** After the last batch of the run of answered batches. */
	position: FilePosition;
	counts: { rows: number; uploaded: number; invalid: number };
	/** Size of the errors file at `position`. */
	errorBytes: number;
}

export interface DocumentUploadInput {
	project: string;
	file: FileSpec;
	startRow: number;
	startOffset?: number;
	maxRows: number;
	batchSize: number;
	concurrency: number;
	errorsFile: string;
	/** Size of the errors file when the segment starts (undefined: whatever it holds). */
	startErrorBytes?: number;
	/** Documents in the project before this segment posted anything (undefined: no recognition). */
	documentsBefore?: number;
	/** A row as a document, or the JSON line of its issues. */
	map: (values: Record<string, unknown>, row: number) => { doc: NewDocument } | { errorLine: string };
}

export interface DocumentUploadResult {
	counts: { rows: number; uploaded: number; invalid: number };
	nextRow: number;
	nextOffset?: number;
	done: boolean;
	errorBytes: number;
	/** Batches found saved after a failed POST or a crash, and not sent again. */
	recognised: number;
}

/**
 * Reads a segment of the file as batches of `batchSize` documents (invalid rows ride along). Rows
 * come in chunks (`readRowChunks`) and are taken from the current chunk synchronously: an await
 * per row would cost a promise per row, and the activity context's hooks on each of them.
 */
class BatchReader {
	exhausted = true;
	private readonly chunks: AsyncGenerator<FileRow[], number>;
	private chunk: FileRow[] = [];
	/** Next row of `chunk` to take. */
	private taken = 0;
	private at: FilePosition;
	private finished = false;

	constructor(
		private readonly input: DocumentUploadInput,
		from: FilePosition,
		signal: AbortSignal,
	) {
		this.at = from;
		this.chunks = readRowChunks(input.file, { startRow: from.row, startOffset: from.offset, signal });
	}

	/** Closes the file when the segment stops early. */
	async close(): Promise<void> {
		this.finished = true;
		await this.chunks.return(0);
	}

	async next(): Promise<DocumentBatch | undefined> {
		if (this.finished) return undefined;
		const batch: DocumentBatch = { docs: [], rows: 0, invalid: 0, errorLines: [], end: this.at };
		const end = this.input.startRow + this.input.maxRows;
		for (;;) {
			if (this.taken === this.chunk.length) {
				const item = await this.chunks.next();
				if (item.done) {
					this.finished = true;
					break;
				}
				this.chunk = item.value;
				this.taken = 0;
			}
			const { row, values, offset } = this.chunk[this.taken++];
			if (row >= end) {
				this.exhausted = false;
				await this.close();
				break;
			}
			this.at = { row: row + 1, offset };
			batch.rows++;
			const mapped = this.input.map(values, row);
			if ('doc' in mapped) batch.docs.push(mapped.doc);
			else {
				batch.invalid++;
				batch.errorLines.push(mapped.errorLine);
			}
			if (batch.docs.length >= this.input.batchSize) break;
		}
		batch.end = this.at;
		return batch.rows > 0 ? batch : undefined;
	}
}

const sameDocument = (saved: DocumentObject, doc: NewDocument) => saved.text === doc.text && (saved.label ?? null) === (doc.label ?? null) && (saved.dataset ?? null) === (doc.dataset ?? null);

/** A block at the end of the list (seen last first): the batches whose documents it matches, none for a block of another batch. */
export interface SeenBlock {
	members: number[];
}

/**
 * After a crash: the sets of batches (indexes after the checkpoint) that fit `unknown` saved
 * documents, a run [0, q) plus any of the `concurrency` batches after it.
 */
export function readingsAfterCrash(sizes: number[], unknown: number, concurrency: number): number[][] {
	const found = new Map<string, number[]>();
	let base = 0;
	for (let q = 0; q <= sizes.length && base <= unknown; base += sizes[q] ?? 0, q++) {
		const window = sizes.slice(q, q + concurrency).map((_, i) => q + i);
		for (let mask = 0; mask < 2 ** window.length; mask++) {
			const chosen = window.filter((_, bit) => mask & (2 ** bit));
			if (base + chosen.reduce((sum, i) => sum + sizes[i], 0) !== unknown) continue;
			const set = [...Array(q).keys(), ...chosen].filter((i) => sizes[i] > 0);
			found.set(set.join(','), set);
		}
	}
	return [...found.values()];
}

/**
 * After a crash: whether a reading fits the blocks seen at the end of the list. Each seen block is
 * one of the reading's batches or an older one (answered before the checkpoint, index -1 at
 * best), and no batch of the reading listed before a seen block is `concurrency` or more newer.
 */
export function fitsAfterCrash(reading: number[], seen: SeenBlock[], concurrency: number): boolean {
	const unseen = new Set(reading);
	for (const block of seen) {
		let index = -1;
		if (block.members.length) {
			const member = block.members.find((m) => unseen.has(m));
			if (member === undefined) return false;
			unseen.delete(member);
			index = member;
		}
		for (const other of unseen) if (other >= index + concurrency) return false;
	}
	return true;
}

/** After failed POSTs: the subsets of the failed batches whose sizes add up to `unknown`. */
export function readingsAfterFailure(failed: number[], sizes: Map<number, number>, unknown: number): number[][] {
	const readings: number[][] = [];
	for (let mask = 0; mask < 2 ** failed.length; mask++) {
		const chosen = failed.filter((_, bit) => mask & (2 ** bit));
		if (chosen.reduce((sum, i) => sum + sizes.get(i)!, 0) === unknown) readings.push(chosen);
	}
	return readings;
}

/** After failed POSTs: a seen block that can only be a failed batch must be one of the reading's. */
export function fitsAfterFailure(reading: number[], seen: SeenBlock[], failed: Set<number>): boolean {
	return seen.every((block) => !block.members.length || block.members.some((m) => !failed.has(m)) || block.members.some((m) => reading.includes(m)));
}

/**
 * Narrows `readings` down by reading the end of the document list, block by block from the last
 * one: each block is matched with the batches of `pool` by its last documents. Returns the one
 * reading left, or the batches every remaining reading holds (with a warning).
 */
async function narrow(
	client: LuminosoClient,
	project: string,
	tail: { count: number; results: DocumentObject[] },
	pool: Map<number, NewDocument[]>,
	readings: number[][],
	fits: (reading: number[], seen: SeenBlock[]) => boolean,
	otherBlockSize: number,
	maxBlocks: number,
): Promise<{ saved: Set<number>; sure: boolean }> {
	const pages = new Map<number, DocumentObject[]>();
	const firstOnLastPage = tail.count - tail.results.length;
	if (firstOnLastPage % PAGE_SIZE === 0) pages.set(firstOnLastPage / PAGE_SIZE, tail.results);
	const docAt = async (position: number): Promise<DocumentObject | undefined> => {
		const page = Math.floor(position / PAGE_SIZE);
		if (!pages.has(page)) pages.set(page, (await client.page<DocumentObject>('listDocuments', { projectId: project }, { page: page + 1 })).results);
		return pages.get(page)![position - page * PAGE_SIZE];
	};
	const seen: SeenBlock[] = [];
	let end = tail.count;
	for (let blocks = 0; readings.length > 1 && blocks < maxBlocks && end > 0; blocks++) {
		// The documents of the block ending at `end` that share its last page, against each batch's last ones.
		const from = Math.floor((end - 1) / PAGE_SIZE) * PAGE_SIZE;
		const listed: DocumentObject[] = [];
		for (let position = from; position < end; position++) {
			const doc = await docAt(position);
			if (!doc) break;
			listed.push(doc);
		}
		if (listed.length !== end - from) break;
		const taken = new Set(seen.flatMap((s) => s.members));
		const members = [...pool]
			.filter(([index, docs]) => docs.length > 0 && !taken.has(index) && listed.slice(-docs.length).every((doc, k, last) => sameDocument(doc, docs[docs.length - last.length + k])))
			.map(([index]) => index);
		const sizes = new Set(members.map((i) => pool.get(i)!.length));
		if (sizes.size > 1) break;
		seen.push({ members });
		readings = readings.filter((r) => fits(r, seen));
		end -= members.length ? pool.get(members[0])!.length : otherBlockSize;
	}
	if (readings.length === 1) return { saved: new Set(readings[0]), sure: true };
	const common = readings.length ? readings.reduce((a, b) => a.filter((i) => b.includes(i))) : [];
	return { saved: new Set(common), sure: false };
}

/** A failure after which the POST may or may not have been saved. */
function uncertain(error: unknown): boolean {
	return (error instanceof ApiError && error.retryable) || error instanceof NetworkError;
}

/**
 * Uploads rows [startRow, startRow + maxRows) as lists of `batchSize` documents, `concurrency`
 * lists in a sliding window, invalid rows to the errors file; heartbeats the position after the
 * run of answered batches, with the counts and the errors file's size there. A retried attempt,
 * and a POST that failed without a clear answer, recognise what Compass saved (module comment).
 */
export async function uploadDocumentsExactlyOnce(client: LuminosoClient, input: DocumentUploadInput): Promise<DocumentUploadResult> {
	const ctx = Context.current();
	const resume = ctx.info.heartbeatDetails as DocumentUploadCheckpoint | undefined;
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const counts = { ...(resume?.counts ?? { rows: 0, uploaded: 0, invalid: 0 }) };
	const concurrency = input.concurrency;
	await fs.writeFile(input.errorsFile, '', { flag: 'a' });
	const errorsAtStart = resume?.errorBytes ?? input.startErrorBytes;
	if (errorsAtStart !== undefined) await fs.truncate(input.errorsFile, errorsAtStart);
	let errorBytes = errorsAtStart ?? (await fs.stat(input.errorsFile)).size;
	const recognising = input.documentsBefore !== undefined;
	/** Documents of this job Compass certainly holds (when recognising). */
	let knownSaved = (input.documentsBefore ?? 0) + counts.uploaded;
	let recognised = 0;

	const reader = new BatchReader(input, from, ctx.cancellationSignal);
	const buffered: DocumentBatch[] = [];
	/** Batches after the checkpoint that an earlier attempt saved. */
	let savedBefore = new Set<number>();
	if (recognising && (resume !== undefined || ctx.info.attempt > 1)) {
		const tail = await heartbeating(() => client.page<DocumentObject>('listDocuments', { projectId: input.project }, { page: 'last' }), () => resume);
		const unknown = tail.count - knownSaved;
		if (unknown > 0 && concurrency <= MAX_RECOGNISED_CONCURRENCY) {
			// Read ahead: every batch up to `unknown` documents, and the window after it.
			for (let reach = 0, beyond = 0; beyond < concurrency; ) {
				const batch = await reader.next();
				if (!batch) break;
				if (reach >= unknown) beyond++;
				reach += batch.docs.length;
				buffered.push(batch);
			}
			const pool = new Map(buffered.map((b, i) => [i, b.docs]));
			const readings = readingsAfterCrash(buffered.map((b) => b.docs.length), unknown, concurrency);
			const found = await heartbeating(() => narrow(client, input.project, tail, pool, readings, (r, seen) => fitsAfterCrash(r, seen, concurrency), input.batchSize, 2 * concurrency + 2), () => resume);
			if (!found.sure) ctx.log.warn('Could not tell exactly which batches an earlier attempt saved: the others are sent again', { unknown, readings: readings.length, skipped: found.saved.size });
			savedBefore = found.saved;
		} else if (unknown > 0) {
			ctx.log.warn('Compass holds documents beyond the checkpoint, but too many batches were in flight to tell which: sending them again', { unknown, concurrency });
		}
	}

	// --- the run of answered batches, and the checkpoint --------------------------------------
	/** A batch is answered every few milliseconds: its checkpoint reaches the SDK at most every 200 ms. */
	const heartbeat = new ThrottledHeartbeat<DocumentUploadCheckpoint>(ctx);
	let position = from;
	let committedErrorBytes = errorBytes;
	const answered: Array<{ rows: number; uploaded: number; invalid: number; end: FilePosition; errorBytes: number } | undefined> = [];
	let nextToCommit = 0;
	const commit = () => {
		for (let entry = answered[nextToCommit]; entry; entry = answered[nextToCommit]) {
			answered[nextToCommit++] = undefined;
			counts.rows += entry.rows;
			counts.uploaded += entry.uploaded;
			counts.invalid += entry.invalid;
			position = entry.end;
			committedErrorBytes = entry.errorBytes;
		}
		heartbeat.beat({ position, counts: { ...counts }, errorBytes: committedErrorBytes });
	};

	// --- POSTs, and recovery after one failed without a clear answer ---------------------------
	/** Documents of batches answered lately: what the end of the list can be matched with. */
	const recent = new Map<number, NewDocument[]>();
	const failed = new Map<number, NewDocument[]>();
	let onTheWire = 0;
	const wake: Array<() => void> = [];
	let recovery: Promise<Set<number>> | undefined;

	const post = async (index: number, docs: NewDocument[]): Promise<unknown> => {
		while (recovery) await recovery;
		onTheWire++;
		try {
			await client.addDocumentBatch(input.project, docs);
			return undefined;
		} catch (error) {
			if (!recognising || !uncertain(error)) throw error;
			failed.set(index, docs);
			return error;
		} finally {
			onTheWire--;
			if (onTheWire === 0) for (const resolve of wake.splice(0)) resolve();
		}
	};

	/** Once nothing is on the wire: which failed batches Compass saved after all. */
	const recover = async (): Promise<Set<number>> => {
		try {
			while (onTheWire > 0) await new Promise<void>((resolve) => wake.push(resolve));
			const batches = new Map(failed);
			failed.clear();
			const checkpoint = () => ({ position, counts: { ...counts }, errorBytes: committedErrorBytes }) satisfies DocumentUploadCheckpoint;
			const tail = await heartbeating(() => client.page<DocumentObject>('listDocuments', { projectId: input.project }, { page: 'last' }), checkpoint);
			const unknown = tail.count - knownSaved;
			const sizes = new Map([...batches].map(([i, docs]) => [i, docs.length]));
			const readings = readingsAfterFailure([...batches.keys()], sizes, unknown);
			const failedSet = new Set(batches.keys());
			const pool = new Map([...recent, ...batches]);
			const found = await heartbeating(() => narrow(client, input.project, tail, pool, readings, (r, seen) => fitsAfterFailure(r, seen, failedSet), input.batchSize, batches.size + concurrency + 2), checkpoint);
			if (!found.sure) ctx.log.warn('Could not tell exactly which failed batches Compass saved: the others are sent again', { unknown, failed: batches.size, skipped: found.saved.size });
			return found.saved;
		} finally {
			recovery = undefined;
		}
	};

	const send = async (index: number, batch: DocumentBatch): Promise<void> => {
		if (batch.docs.length === 0) return;
		if (savedBefore.has(index)) {
			recognised++;
			return;
		}
		for (let tries = 1; ; tries++) {
			const failure = await post(index, batch.docs);
			if (failure === undefined) return;
			recovery ??= recover();
			if ((await recovery).has(index)) {
				recognised++;
				return;
			}
			if (tries >= MAX_TRIES_PER_BATCH) throw failure;
		}
	};

	const inFlight: Array<Promise<void>> = [];
	let failure: unknown;
	try {
		for (let index = 0; failure === undefined; index++) {
			// Batches read ahead while recognising come first, in order.
			const batch = buffered.shift() ?? (await reader.next());
			if (!batch) break;
			// Invalid rows reach the errors file in row order, before their batch is sent.
			if (batch.errorLines.length) {
				const text = `${batch.errorLines.join('\n')}\n`;
				await fs.appendFile(input.errorsFile, text);
				errorBytes += Buffer.byteLength(text);
			}
			const bytesAfter = errorBytes;
			// The window: batch i goes once batch i - concurrency has been answered.
			if (index >= concurrency) await inFlight[index - concurrency];
			if (failure !== undefined) break;
			inFlight[index] = send(index, batch).then(
				() => {
					knownSaved += batch.docs.length;
					recent.set(index, batch.docs);
					recent.delete(index - 2 * concurrency - 2);
					answered[index] = { rows: batch.rows, uploaded: batch.docs.length, invalid: batch.invalid, end: batch.end, errorBytes: bytesAfter };
					commit();
				},
				(error: unknown) => {
					failure ??= error;
				},
			);
		}
		await Promise.all(inFlight);
	} finally {
		// The newest checkpoint is handed to the SDK before the attempt ends: a retry resumes from it.
		heartbeat.flush();
	}
	if (failure !== undefined) {
		await reader.close();
		throw failure;
	}
	return { counts, nextRow: position.row, nextOffset: position.offset, done: reader.exhausted, errorBytes: committedErrorBytes, recognised };
}
