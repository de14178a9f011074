import { Context } from '@temporalio/activity';
import PQueue from 'p-queue';
import type { ValidationIssue } from '../../clients/core';
import { DEFAULT_POST_BATCH, MAX_POST_BATCH, validateDocument, type LuminosoClient, type NewDocument } from '../../clients/luminoso';
import { appendJsonl, readRows, rowError, type FileSpec } from '../files';
import { OrderedProgress, type FilePosition } from '../shared/orderedProgress';

/** Which columns of the documents file hold what (column names). */
export interface DocumentMapping {
	text: string;
	label?: string;
	dataset?: string;
	language?: string;
}

export interface UploadSegmentInput {
	connection: string;
	project: string;
	file: FileSpec;
	mapping: DocumentMapping;
	/** Dataset for rows without one (e.g. the training set the classifier is built on). */
	dataset?: string;
	startRow: number;
	startOffset?: number;
	maxRows: number;
	/** Documents per POST (default 500, at most 1000). */
	batchSize?: number;
	/** POSTs in flight (default 2). */
	concurrency?: number;
	/** JSONL file receiving `{ row, issues }` per invalid row. */
	errorsFile: string;
}

export interface UploadCounts {
	rows: number;
	uploaded: number;
	invalid: number;
}

export interface UploadSegmentResult {
	counts: UploadCounts;
	nextRow: number;
	nextOffset?: number;
	done: boolean;
}

interface Checkpoint {
	position: FilePosition;
	counts: UploadCounts;
}

const zero = (): UploadCounts => ({ rows: 0, uploaded: 0, invalid: 0 });

function cell(values: Record<string, unknown>, column: string | undefined): string | undefined {
	if (!column) return undefined;
	const value = values[column];
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'string' ? value : String(value);
	return text.trim() === '' ? undefined : text;
}

/** A row as a Compass document, or the issues that make it invalid (naming the row). */
export function rowToDocument(values: Record<string, unknown>, mapping: DocumentMapping, row: number, dataset?: string): { doc?: NewDocument; issues?: ValidationIssue[] } {
	const broken = rowError(values);
	if (broken) return { issues: [{ itemIndex: row, field: 'row', problem: broken }] };
	const doc: NewDocument = { text: (values[mapping.text] ?? '') as string };
	if (typeof doc.text !== 'string') doc.text = String(doc.text);
	const label = cell(values, mapping.label);
	const set = cell(values, mapping.dataset) ?? dataset;
	const language = cell(values, mapping.language);
	if (label) doc.label = label;
	if (set) doc.dataset = set;
	if (language) doc.language = language;
	const issues = validateDocument(doc, row);
	return issues.length ? { issues } : { doc };
}

/**
 * Uploads rows [startRow, startRow + maxRows) of a documents file as lists of up to `batchSize`,
 * `concurrency` at a time. Invalid rows go to the errors file. The heartbeat carries the
 * contiguous checkpoint, so a retried activity resumes after the last batch every earlier one
 * completed; a batch that was in flight when a worker died is sent again (documents have no key
 * to deduplicate on: training tolerates the repeat).
 */
export async function uploadSegment(client: LuminosoClient, input: UploadSegmentInput): Promise<UploadSegmentResult> {
	const ctx = Context.current();
	const resume = ctx.info.heartbeatDetails as Checkpoint | undefined;
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const end = input.startRow + input.maxRows;
	const batchSize = Math.min(Math.max(1, input.batchSize ?? DEFAULT_POST_BATCH), MAX_POST_BATCH);
	const concurrency = Math.max(1, input.concurrency ?? 2);
	const progress = new OrderedProgress<UploadCounts>(from, resume?.counts ?? zero());
	const queue = new PQueue({ concurrency });
	const errors = await appendJsonl(input.errorsFile);
	let failure: unknown;
	let batchIndex = 0;
	let batch: NewDocument[] = [];
	let batchStart = from.row;
	let invalidInBatch = 0;
	let at: FilePosition = from;
	let exhausted = true;

	const flush = () => {
		const docs = batch;
		const stop = at;
		const counts: UploadCounts = { rows: stop.row - batchStart, uploaded: 0, invalid: invalidInBatch };
		const index = batchIndex++;
		batch = [];
		invalidInBatch = 0;
		batchStart = stop.row;
		void queue.add(async () => {
			try {
				if (docs.length) await client.addDocumentBatch(input.project, docs);
				progress.complete(index, stop, { ...counts, uploaded: docs.length });
				ctx.heartbeat({ position: progress.position, counts: progress.committed } satisfies Checkpoint);
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
			const mapped = rowToDocument(values, input.mapping, row, input.dataset);
			if (mapped.issues) {
				await errors.write({ row, issues: mapped.issues });
				invalidInBatch++;
			} else batch.push(mapped.doc!);
			if (batch.length >= batchSize) {
				flush();
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
