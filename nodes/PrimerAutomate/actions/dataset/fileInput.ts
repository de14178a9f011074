import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import {
	CsvParseError,
	documentsToFile,
	parseCsvObjects,
	PRIMER_PLATFORM,
	readXlsxTable,
	tableToCsv,
	validateUploadDocument,
	XlsxError,
	type HeaderMatching,
	type UploadDocument,
	type UploadFiletype,
} from '../../../../clients/primer';

/**
 * Where an upload's documents come from:
 * - a binary file (CSV or JSON as is; XLSX converted to CSV here, by a dependency-free reader),
 * - or the input items, mapped to text/id/title/date/label and written as one CSV or JSON file.
 * Files are checked before they are sent (parseable, text column present, row field counts).
 */
export const fileInputProperties: INodeProperties[] = [
	{
		displayName: 'Input Source',
		name: 'inputSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Binary File', value: 'binary', description: 'Each item carries a CSV, JSON or XLSX file to upload' },
			{ name: 'Input Items', value: 'items', description: 'All input items become the documents of one file' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputSource: ['binary'] } },
		description: 'The binary property holding the file',
	},
	{
		displayName: 'File Type',
		name: 'fileType',
		type: 'options',
		options: [
			{ name: 'Detect From File Name', value: 'auto' },
			{ name: 'CSV', value: 'csv' },
			{ name: 'JSON', value: 'json', description: 'An array of document objects' },
			{ name: 'XLSX', value: 'xlsx', description: 'Converted to CSV before upload (first row: headers)' },
		],
		default: 'auto',
		displayOptions: { show: { inputSource: ['binary'] } },
	},
	{
		displayName: 'Sheet',
		name: 'sheet',
		type: 'string',
		default: '',
		displayOptions: { show: { inputSource: ['binary'], fileType: ['auto', 'xlsx'] } },
		description: 'XLSX: the sheet to upload (default: the first)',
	},
	{
		displayName: 'Header Matching',
		name: 'headerMatching',
		type: 'collection',
		placeholder: 'Add Column',
		default: {},
		displayOptions: { show: { inputSource: ['binary'] } },
		description: 'Which columns (CSV/XLSX headers or JSON keys) hold each document field. Unset: the columns named text, title, ID, date, label.',
		options: [
			{ displayName: 'Date Column', name: 'date', type: 'string', default: '' },
			{ displayName: 'ID Column', name: 'id', type: 'string', default: '' },
			{ displayName: 'Label Column', name: 'label', type: 'string', default: '' },
			{ displayName: 'Text Column', name: 'text', type: 'string', default: '' },
			{ displayName: 'Title Column', name: 'title', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.text }}',
		required: true,
		displayOptions: { show: { inputSource: ['items'] } },
		description: 'The document text',
	},
	{
		displayName: 'Document Fields',
		name: 'documentFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputSource: ['items'] } },
		options: [
			{ displayName: 'Date', name: 'date', type: 'string', default: '', description: 'The document date' },
			{ displayName: 'Document ID', name: 'id', type: 'string', default: '', description: 'Your ID for the document, returned with its predictions' },
			{ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'A label (or several separated by ";", or a list) for training' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'The document title' },
		],
	},
	{
		displayName: 'Send As',
		name: 'itemsFiletype',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'csv',
		displayOptions: { show: { inputSource: ['items'] } },
		description: 'The file type built from the items',
	},
];

export interface PreparedFile {
	data: Uint8Array;
	filetype: UploadFiletype;
	headers: HeaderMatching;
	documents: number;
	/** What the file was (for the output). */
	source: IDataObject;
}

const PLATFORM = PRIMER_PLATFORM;

function fail(operation: string, issues: ValidationIssue[]): never {
	throw new ValidationError(issues, PLATFORM, operation);
}

/** Runs `work`; an error of class `kind` is handed to `onError` (which throws a clearer one), others pass. */
function attempt<T, E extends Error>(work: () => T, kind: new (...args: never[]) => E, onError: (error: E) => never): T {
	let result: T | undefined;
	let failure: unknown;
	let failed = false;
	try {
		result = work();
	} catch (error) {
		failed = true;
		failure = error;
	}
	if (!failed) return result as T;
	if (failure instanceof kind) onError(failure);
	throw failure;
}

function headersOf(ctx: IExecuteFunctions, i: number): HeaderMatching {
	const raw = ctx.getNodeParameter('headerMatching', i, {}) as Record<string, string>;
	return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => [k, v.trim()]));
}

function typeOf(fileName: string | undefined, mimeType: string | undefined): string | undefined {
	const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
	if (ext === 'csv' || ext === 'json' || ext === 'xlsx') return ext;
	if (mimeType?.includes('csv')) return 'csv';
	if (mimeType?.includes('json')) return 'json';
	if (mimeType?.includes('spreadsheetml')) return 'xlsx';
	return undefined;
}

/** Checks a CSV body: parseable, the text column present and filled, every row as wide as the header. */
function checkCsv(text: string, headers: HeaderMatching, operation: string, itemIndex: number, what: string): number {
	const parsed = attempt(() => parseCsvObjects(text), CsvParseError, (error) => fail(operation, [{ itemIndex, field: what, problem: `is not valid CSV: ${error.message}` }]));
	const textColumn = headers.text ?? 'text';
	if (!parsed.header.includes(textColumn)) {
		fail(operation, [{ itemIndex, field: headers.text ? 'headerMatching.text' : what, problem: `names the text column "${textColumn}", but the file's columns are: ${parsed.header.join(', ') || 'none'}` }]);
	}
	for (const [key, column] of Object.entries(headers)) {
		if (!parsed.header.includes(column)) fail(operation, [{ itemIndex, field: `headerMatching.${key}`, problem: `names the column "${column}", which the file does not have (columns: ${parsed.header.join(', ')})` }]);
	}
	const empty = parsed.rows.findIndex((row) => (row[textColumn] ?? '').trim() === '');
	if (empty >= 0) fail(operation, [{ itemIndex, field: what, problem: `data row ${empty} has an empty text column "${textColumn}"` }]);
	if (parsed.rows.length === 0) fail(operation, [{ itemIndex, field: what, problem: 'has no data rows' }]);
	return parsed.rows.length;
}

function checkJson(text: string, headers: HeaderMatching, operation: string, itemIndex: number, what: string): number {
	const value: unknown = attempt(() => JSON.parse(text) as unknown, SyntaxError, (error) => fail(operation, [{ itemIndex, field: what, problem: `is not valid JSON: ${error.message}` }]));
	if (!Array.isArray(value)) fail(operation, [{ itemIndex, field: what, problem: 'must be a JSON array of document objects' }]);
	const textKey = headers.text ?? 'text';
	value.forEach((element, index) => {
		const ok = element && typeof element === 'object' && !Array.isArray(element) && typeof (element as IDataObject)[textKey] === 'string' && ((element as IDataObject)[textKey] as string).trim() !== '';
		if (!ok) fail(operation, [{ itemIndex, field: what, problem: `element ${index} has no non-empty "${textKey}" text` }]);
	});
	if (value.length === 0) fail(operation, [{ itemIndex, field: what, problem: 'is an empty array' }]);
	return value.length;
}

/** The file of item `i` (Input Source: Binary File), checked and ready to upload. */
export async function binaryFile(ctx: IExecuteFunctions, i: number, operation: string): Promise<PreparedFile> {
	const property = ctx.getNodeParameter('binaryPropertyName', i) as string;
	const binary = ctx.helpers.assertBinaryData(i, property);
	const chosen = ctx.getNodeParameter('fileType', i, 'auto') as string;
	const filetype = chosen === 'auto' ? typeOf(binary.fileName, binary.mimeType) : chosen;
	const what = `binary.${property}`;
	if (filetype === undefined) {
		fail(operation, [{ itemIndex: i, field: 'fileType', problem: `cannot be detected for "${binary.fileName ?? 'unnamed file'}" (MIME type ${binary.mimeType || 'unknown'}): choose CSV, JSON or XLSX` }]);
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(i, property);
	const headers = headersOf(ctx, i);
	const source: IDataObject = { fileName: binary.fileName ?? null, fileType: filetype };
	if (filetype === 'xlsx') {
		const sheet = (ctx.getNodeParameter('sheet', i, '') as string).trim() || undefined;
		const table = attempt(() => readXlsxTable(buffer, { sheet }), XlsxError, (error) => fail(operation, [{ itemIndex: i, field: what, problem: `cannot be read as XLSX: ${error.message}` }]));
		const csv = tableToCsv(table.header, table.rows);
		const documents = checkCsv(csv, headers, operation, i, what);
		return { data: new TextEncoder().encode(csv), filetype: 'csv', headers, documents, source: { ...source, sheet: table.sheet, convertedTo: 'csv' } };
	}
	const text = new TextDecoder().decode(buffer);
	const documents = filetype === 'csv' ? checkCsv(text, headers, operation, i, what) : checkJson(text, headers, operation, i, what);
	return { data: buffer, filetype: filetype as UploadFiletype, headers, documents, source };
}

/** The document an item maps to (Input Source: Input Items). */
export function itemDocument(ctx: IExecuteFunctions, i: number): UploadDocument {
	const fields = ctx.getNodeParameter('documentFields', i, {}) as IDataObject;
	return { text: ctx.getNodeParameter('text', i, '') as unknown, id: fields.id, title: fields.title, date: fields.date, label: fields.label };
}

/**
 * One file from all items: every item is checked first and every bad one is named; with
 * Continue On Fail the bad ones are reported and the good ones uploaded.
 */
export function itemsFile(ctx: IExecuteFunctions, items: INodeExecutionData[], operation: string, continueOnFail: boolean): { file?: PreparedFile; indices: number[]; errors: Array<{ itemIndex: number; error: ValidationError }> } {
	const documents: UploadDocument[] = [];
	const indices: number[] = [];
	const errors: Array<{ itemIndex: number; error: ValidationError }> = [];
	const issues: ValidationIssue[] = [];
	for (let i = 0; i < items.length; i++) {
		const doc = itemDocument(ctx, i);
		const problems = validateUploadDocument(doc, i);
		if (problems.length) {
			issues.push(...problems);
			errors.push({ itemIndex: i, error: new ValidationError(problems, PLATFORM, operation) });
			continue;
		}
		documents.push(doc);
		indices.push(i);
	}
	if (issues.length && !continueOnFail) fail(operation, issues);
	if (documents.length === 0) return { indices, errors };
	const filetype = ctx.getNodeParameter('itemsFiletype', 0, 'csv') as UploadFiletype;
	const { data, headers } = documentsToFile(documents, filetype);
	return { file: { data: new TextEncoder().encode(data), filetype, headers, documents: documents.length, source: { items: documents.length, fileType: filetype } }, indices, errors };
}
