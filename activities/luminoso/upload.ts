import type { ValidationIssue } from '../../clients/core';
import { DEFAULT_POST_BATCH, MAX_POST_BATCH, validateDocument, type LuminosoClient, type NewDocument } from '../../clients/luminoso';
import { rowError, type FileSpec } from '../files';
import { runFileSegment } from '../shared/fileSegment';

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
	return runFileSegment<NewDocument, { uploaded: number }>(
		{ ...input, batchSize: Math.min(Math.max(1, input.batchSize ?? DEFAULT_POST_BATCH), MAX_POST_BATCH), concurrency: Math.max(1, input.concurrency ?? 2) },
		{
			zero: () => ({ uploaded: 0 }),
			map: (values, row) => {
				const mapped = rowToDocument(values, input.mapping, row, input.dataset);
				return mapped.issues ? { issues: mapped.issues } : { value: mapped.doc! };
			},
			send: async (docs) => {
				await client.addDocumentBatch(input.project, docs);
				return { uploaded: docs.length };
			},
		},
	);
}
