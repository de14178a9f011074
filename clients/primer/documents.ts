import type { ValidationIssue } from '../core';
import { csvRecord } from './csv';
import type { HeaderMatching, UploadFiletype } from './types';
import { describe } from './validation';

/** A document to upload, built from an n8n item or a file row. */
export interface UploadDocument {
	text: unknown;
	id?: unknown;
	title?: unknown;
	date?: unknown;
	/** One label, or several (written `;`-separated). */
	label?: unknown;
}

/** Column names used in files this package builds; sent as the `header_matching_*` parameters. */
export const DOCUMENT_COLUMNS: Required<HeaderMatching> = { id: 'id', title: 'title', date: 'date', text: 'text', label: 'label' };
const ORDER = ['id', 'title', 'date', 'text', 'label'] as const;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A cell as text: numbers and booleans converted, dates as ISO, lists of labels `;`-joined. */
export function cellText(value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map((v) => cellText(v) ?? '').filter(Boolean).join(';');
	return JSON.stringify(value);
}

/** Problems with one document: text is required; the other fields must be scalars (labels: a list too). */
export function validateUploadDocument(doc: UploadDocument, itemIndex?: number): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (isBlank(doc.text) || (typeof doc.text !== 'string' && typeof doc.text !== 'number')) {
		issues.push({ itemIndex, field: 'text', problem: `is required and must be non-empty text, got ${describe(doc.text)}` });
	}
	for (const key of ['id', 'title', 'date'] as const) {
		const value = doc[key];
		if (!isBlank(value) && typeof value === 'object' && !(value instanceof Date)) issues.push({ itemIndex, field: key, problem: `must be text or a number, got ${describe(value)}` });
	}
	if (!isBlank(doc.label) && typeof doc.label === 'object' && !Array.isArray(doc.label)) issues.push({ itemIndex, field: 'label', problem: `must be text or a list of labels, got ${describe(doc.label)}` });
	return issues;
}

/** The columns any of the documents fills, in a fixed order (text always). */
export function documentColumns(docs: readonly UploadDocument[]): Array<(typeof ORDER)[number]> {
	return ORDER.filter((key) => key === 'text' || docs.some((d) => !isBlank(d[key])));
}

/** CSV text (with header) for documents, and the header matching that names its columns. */
export function documentsToCsv(docs: readonly UploadDocument[], columns = documentColumns(docs)): { data: string; headers: HeaderMatching } {
	const parts = [csvRecord(columns.map((c) => DOCUMENT_COLUMNS[c]))];
	for (const doc of docs) parts.push(csvRecord(columns.map((c) => cellText(doc[c]) ?? '')));
	return { data: parts.join(''), headers: Object.fromEntries(columns.map((c) => [c, DOCUMENT_COLUMNS[c]])) };
}

/** A JSON array of documents, and the header matching that names its keys. */
export function documentsToJson(docs: readonly UploadDocument[], columns = documentColumns(docs)): { data: string; headers: HeaderMatching } {
	const rows = docs.map((doc) => Object.fromEntries(columns.flatMap((c) => (cellText(doc[c]) === undefined ? [] : [[DOCUMENT_COLUMNS[c], cellText(doc[c])]]))));
	return { data: JSON.stringify(rows), headers: Object.fromEntries(columns.map((c) => [c, DOCUMENT_COLUMNS[c]])) };
}

export function documentsToFile(docs: readonly UploadDocument[], filetype: UploadFiletype): { data: string; headers: HeaderMatching } {
	return filetype === 'json' ? documentsToJson(docs) : documentsToCsv(docs);
}

/** CSV text for a table (e.g. a worksheet): the header row, then one record per row. */
export function tableToCsv(header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
	const parts = [csvRecord(header)];
	for (const row of rows) parts.push(csvRecord(header.map((h) => cellText(row[h]) ?? '')));
	return parts.join('');
}
