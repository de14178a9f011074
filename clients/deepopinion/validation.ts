import { isByteSource, type ValidationIssue } from '../core';
import type { DocumentInput, UploadFile } from './types';

/** Documented limits. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_HITL_NAME = 120;
export const MAX_HITL_DESCRIPTION = 255;
export const MAX_WEBHOOK_URL = 255;
/** Documents per ad-hoc analysis request the client sends at most (larger inputs are split). */
export const MAX_ADHOC_BATCH = 100;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	return JSON.stringify(value) ?? String(value);
}

/** An integer id >= 1 (every DeepOpinion id is one). */
export function checkId(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	return Number.isInteger(value) && (value as number) >= 1 ? [] : [{ itemIndex, field, problem: `must be a whole number >= 1, got ${describe(value)}` }];
}

export function checkOptionalId(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	return value === undefined ? [] : checkId(field, value, itemIndex);
}

export function checkIds(field: string, values: unknown, itemIndex?: number, allowEmpty = true): ValidationIssue[] {
	if (values === undefined) return [];
	if (!Array.isArray(values)) return [{ itemIndex, field, problem: `must be a list of IDs, got ${describe(values)}` }];
	if (!allowEmpty && values.length === 0) return [{ itemIndex, field, problem: 'must not be empty' }];
	return values.flatMap((v, i) => checkId(`${field}[${i}]`, v, itemIndex));
}

export function checkText(field: string, value: unknown, itemIndex?: number, max?: number): ValidationIssue[] {
	if (typeof value !== 'string' || value.trim() === '') return [{ itemIndex, field, problem: `is required and must be non-empty text, got ${describe(value)}` }];
	if (max !== undefined && value.length > max) return [{ itemIndex, field, problem: `must be at most ${max} characters, got ${value.length}` }];
	return [];
}

export function checkOptionalText(field: string, value: unknown, itemIndex?: number, max?: number): ValidationIssue[] {
	return value === undefined ? [] : checkText(field, value, itemIndex, max);
}

export function checkOneOf(field: string, value: unknown, allowed: readonly string[], itemIndex?: number): ValidationIssue[] {
	return typeof value === 'string' && allowed.includes(value) ? [] : [{ itemIndex, field, problem: `must be one of ${allowed.join(', ')}, got ${describe(value)}` }];
}

export function checkOptionalOneOf(field: string, value: unknown, allowed: readonly string[], itemIndex?: number): ValidationIssue[] {
	return value === undefined ? [] : checkOneOf(field, value, allowed, itemIndex);
}

export function checkEmail(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	return typeof value === 'string' && EMAIL.test(value) ? [] : [{ itemIndex, field, problem: `must be an email address, got ${describe(value)}` }];
}

export function checkPassword(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	return typeof value === 'string' && value.length >= 8 ? [] : [{ itemIndex, field, problem: 'must be at least 8 characters' }];
}

export function checkUrl(field: string, value: unknown, itemIndex?: number, max = MAX_WEBHOOK_URL): ValidationIssue[] {
	if (value === undefined || value === '') return [];
	if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value)) return [{ itemIndex, field, problem: `must be an http(s) URL, got ${describe(value)}` }];
	if (value.length > max) return [{ itemIndex, field, problem: `must be at most ${max} characters, got ${value.length}` }];
	return [];
}

export function checkPaging(offset: unknown, limit: unknown, maxLimit = MAX_PAGE_SIZE): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (offset !== undefined && !(Number.isInteger(offset) && (offset as number) >= 0)) issues.push({ field: 'offset', problem: `must be a whole number >= 0, got ${describe(offset)}` });
	if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= maxLimit)) {
		issues.push({ field: 'limit', problem: `must be a whole number from 1 to ${maxLimit}, got ${describe(limit)}` });
	}
	return issues;
}

/**
 * A list of documents to send. With `itemIndexes`, issue i is reported for input item
 * `itemIndexes[i]` (one document per n8n item), otherwise the field names the list position.
 */
export function checkDocuments(documents: unknown, field = 'documents', itemIndexes?: readonly number[]): ValidationIssue[] {
	if (!Array.isArray(documents)) return [{ field, problem: `must be a list of documents ({ "text": ... }), got ${describe(documents)}` }];
	if (documents.length === 0) return [{ field, problem: 'must contain at least one document' }];
	return (documents as DocumentInput[]).flatMap((doc, i) => {
		const itemIndex = itemIndexes?.[i];
		const at = itemIndexes ? 'text' : `${field}[${i}].text`;
		if (!doc || typeof doc !== 'object') return [{ itemIndex, field: itemIndexes ? 'document' : `${field}[${i}]`, problem: 'must be an object with a "text" field' }];
		const issues = checkText(at, doc.text, itemIndex);
		if (doc.id !== undefined && doc.id !== null && doc.id !== '' && !(typeof doc.id === 'number' || typeof doc.id === 'string')) {
			issues.push({ itemIndex, field: itemIndexes ? 'id' : `${field}[${i}].id`, problem: `must be a number or text, got ${describe(doc.id)}` });
		}
		return issues;
	});
}

// --- uploads --------------------------------------------------------------------------------------

/** What an upload endpoint accepts. */
export type UploadKind = 'data' | 'extraction' | 'model';

/** Extensions per upload kind, with the Content-Type sent for each. */
export const UPLOAD_FORMATS: Record<Exclude<UploadKind, 'model'>, Record<string, string>> = {
	data: {
		csv: 'text/csv',
		txt: 'text/plain',
		json: 'application/json',
		jsonl: 'application/jsonl',
		xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	},
	extraction: {
		pdf: 'application/pdf',
		jpeg: 'image/jpeg',
		jpg: 'image/jpeg',
		png: 'image/png',
		tiff: 'image/tiff',
		tif: 'image/tiff',
		webp: 'image/webp',
	},
};

/** Largest file the client uploads (the API's own limit is not documented). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const startsWith = (data: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Magic bytes per binary format: a file whose content contradicts its extension is refused. */
const SIGNATURES: Record<string, { test: (d: Uint8Array) => boolean; what: string }> = {
	xlsx: { test: (d) => startsWith(d, [0x50, 0x4b, 0x03, 0x04]), what: 'an XLSX workbook (a zip file)' },
	pdf: { test: (d) => startsWith(d, ascii('%PDF-')), what: 'a PDF (it should start with %PDF-)' },
	png: { test: (d) => startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), what: 'a PNG image' },
	jpeg: { test: (d) => startsWith(d, [0xff, 0xd8, 0xff]), what: 'a JPEG image' },
	jpg: { test: (d) => startsWith(d, [0xff, 0xd8, 0xff]), what: 'a JPEG image' },
	tiff: { test: (d) => startsWith(d, [0x49, 0x49, 0x2a, 0x00]) || startsWith(d, [0x4d, 0x4d, 0x00, 0x2a]), what: 'a TIFF image' },
	tif: { test: (d) => startsWith(d, [0x49, 0x49, 0x2a, 0x00]) || startsWith(d, [0x4d, 0x4d, 0x00, 0x2a]), what: 'a TIFF image' },
	webp: { test: (d) => startsWith(d, ascii('RIFF')) && startsWith(d, ascii('WEBP'), 8), what: 'a WebP image' },
};

/** The content checks read no more than a file's first bytes: a streamed file needs only these read. */
export const UPLOAD_SNIFF_BYTES = 4096;

function looksLikeText(data: Uint8Array): boolean {
	const head = data.subarray(0, UPLOAD_SNIFF_BYTES);
	return !head.includes(0);
}

function firstNonSpace(data: Uint8Array): string {
	for (let i = 0; i < Math.min(data.length, UPLOAD_SNIFF_BYTES); i++) {
		const c = data[i];
		if (c === 0xef && data[i + 1] === 0xbb && data[i + 2] === 0xbf) {
			i += 2; // UTF-8 byte order mark
			continue;
		}
		if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return String.fromCharCode(c);
	}
	return '';
}

export function extensionOf(fileName: string): string {
	const match = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
	return match ? match[1].toLowerCase() : '';
}

/**
 * Checks a file before it is uploaded: a name with an accepted extension, some content, and content
 * that matches the extension. Returns the Content-Type to send with it. For a file streamed from a
 * ByteSource, `head` holds its first UPLOAD_SNIFF_BYTES bytes (the client reads them); without it
 * only the name and size are checked.
 */
export function checkUploadFile(kind: UploadKind, file: UploadFile | undefined, field = 'file', itemIndex?: number, head?: Uint8Array): { issues: ValidationIssue[]; contentType: string } {
	const fail = (problem: string) => ({ issues: [{ itemIndex, field, problem }], contentType: '' });
	if (!file || !(file.data instanceof Uint8Array || isByteSource(file.data))) return fail('is required: the binary data of the file to upload');
	const name = typeof file.fileName === 'string' ? file.fileName.trim() : '';
	if (!name) return fail('needs a file name with an extension');
	const size = file.data instanceof Uint8Array ? file.data.length : file.data.size;
	const content = file.data instanceof Uint8Array ? file.data : head;
	if (size === 0) return fail(`"${name}" is empty (0 bytes)`);
	if (size > MAX_UPLOAD_BYTES) return fail(`"${name}" is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
	const ext = extensionOf(name);
	if (kind === 'model') return { issues: [], contentType: file.mimeType || 'application/octet-stream' };
	const formats = UPLOAD_FORMATS[kind];
	if (!Object.hasOwn(formats, ext)) {
		const accepted = Object.keys(formats).map((e) => `.${e}`).join(', ');
		return fail(`"${name}" has ${ext ? `the extension .${ext}` : 'no extension'}, which this upload does not accept (accepted: ${accepted})`);
	}
	if (!content) return { issues: [], contentType: formats[ext] };
	const signature = SIGNATURES[ext];
	if (signature && !signature.test(content)) return fail(`"${name}" does not look like ${signature.what}: check that the extension matches the content`);
	if (!signature) {
		if (!looksLikeText(content)) return fail(`"${name}" is binary data, not a .${ext} text file`);
		const first = firstNonSpace(content);
		if (first === '') return fail(`"${name}" contains only whitespace`);
		if (ext === 'json' && first !== '[' && first !== '{') return fail(`"${name}" is not JSON (it should start with [ or {)`);
		if (ext === 'jsonl' && first !== '{' && first !== '[' && first !== '"') return fail(`"${name}" is not JSON Lines (one JSON value per line)`);
	}
	return { issues: [], contentType: formats[ext] };
}
