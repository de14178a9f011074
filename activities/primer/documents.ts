import type { ValidationIssue } from '../../clients/core';
import { csvRecord, DOCUMENT_COLUMNS, validateUploadDocument, type HeaderMatching, type UploadDocument } from '../../clients/primer';
import { rowError } from '../files';

/** Which columns of the input file hold each document field (only `text` is required). */
export interface PrimerColumns {
	text: string;
	/** Your document id; without it, the document id is the row number (1-based). */
	id?: string;
	title?: string;
	date?: string;
	/** Labels for training: one, or several separated by `;`. */
	label?: string;
}

const FIELDS = ['id', 'title', 'date', 'text', 'label'] as const;

/** The upload file's columns: id always (so predictions map back to rows), then what is mapped. */
export function uploadColumns(columns: PrimerColumns): Array<(typeof FIELDS)[number]> {
	return FIELDS.filter((f) => f === 'id' || f === 'text' || columns[f] !== undefined);
}

export function uploadHeaders(columns: PrimerColumns): HeaderMatching {
	return Object.fromEntries(uploadColumns(columns).map((c) => [c, DOCUMENT_COLUMNS[c]]));
}

export function csvHeader(columns: PrimerColumns): string {
	return csvRecord(uploadColumns(columns).map((c) => DOCUMENT_COLUMNS[c]));
}

export type MappedRow = { document: UploadDocument & { id: string }; issues?: undefined } | { document?: undefined; issues: ValidationIssue[] };

/** One file row as a document, or why it cannot be one (issues name the row and the column). */
export function mapRow(values: Record<string, unknown>, columns: PrimerColumns, row: number): MappedRow {
	const parseError = rowError(values);
	if (parseError !== undefined) return { issues: [{ itemIndex: row, field: 'row', problem: parseError }] };
	const cell = (column: string | undefined) => (column !== undefined && Object.hasOwn(values, column) ? values[column] : undefined);
	const doc: UploadDocument = { text: cell(columns.text), id: cell(columns.id), title: cell(columns.title), date: cell(columns.date), label: cell(columns.label) };
	const issues = validateUploadDocument(doc, row).map((issue) => {
		const column = columns[issue.field as keyof PrimerColumns];
		return column === undefined ? issue : { ...issue, problem: `${issue.problem} (column "${column}")` };
	});
	if (issues.length) return { issues };
	const id = doc.id === undefined || doc.id === null || String(doc.id).trim() === '' ? String(row + 1) : String(doc.id).trim();
	return { document: { ...doc, id } };
}

export function documentRecord(doc: UploadDocument, columns: PrimerColumns): string {
	const text = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.map(String).join(';') : v instanceof Date ? v.toISOString() : String(v));
	return csvRecord(uploadColumns(columns).map((c) => text(doc[c])));
}
