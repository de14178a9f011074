import type { ValidationIssue } from '../../clients/core';
import { DEFAULT_POST_BATCH, MAX_POST_BATCH, validateDocument, type LuminosoClient, type NewDocument } from '../../clients/luminoso';
import { rowError, type FileSpec } from '../files';
import { uploadDocumentsExactlyOnce } from './documentUpload';

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
	/** Size of the errors file when this segment starts (a retry cuts it back to its checkpoint). */
	startErrorBytes?: number;
	/** Documents the project held before this segment posted anything: lets a retry recognise what an earlier attempt saved. */
	documentsBefore?: number;
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
	/** Size of the errors file after this segment. */
	errorBytes: number;
	/** Batches an earlier attempt had saved: recognised, not sent again. */
	recognised: number;
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
 * checkpoint; a retried attempt recognises, from the project's document count and list, the
 * batches an earlier attempt saved after it, and does not send them again (documents have no key
 * to deduplicate on: see documentUpload.ts).
 */
export async function uploadSegment(client: LuminosoClient, input: UploadSegmentInput): Promise<UploadSegmentResult> {
	return uploadDocumentsExactlyOnce(client, {
		...input,
		batchSize: Math.min(Math.max(1, input.batchSize ?? DEFAULT_POST_BATCH), MAX_POST_BATCH),
		concurrency: Math.max(1, input.concurrency ?? 2),
		map: (values, row) => {
			const mapped = rowToDocument(values, input.mapping, row, input.dataset);
			return mapped.issues ? { errorLine: JSON.stringify({ row, issues: mapped.issues }) } : { doc: mapped.doc! };
		},
	});
}

/** How many documents the project holds now (one request: the last page of the list). */
export async function documentCount(client: LuminosoClient, project: string): Promise<number> {
	return (await client.page('listDocuments', { projectId: project }, { page: 'last' })).count;
}
