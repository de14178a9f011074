import { inflateRawSync } from 'node:zlib';
import { badRequest, HttpError } from '../core';

/**
 * Uploaded data files (CSV, TXT, JSON, JSONL, XLSX) read into rows, with Node built-ins only.
 * `rows[0]` is the header row for CSV and XLSX (as in the file); for TXT, JSON and JSONL a header
 * is synthesised (`text` for plain lines and strings, the object keys otherwise).
 */

export interface ParsedFile {
	format: 'csv' | 'txt' | 'json' | 'jsonl' | 'xlsx';
	rows: unknown[][];
}

const MAX_XLSX_UNPACKED = 200 * 1024 * 1024;

function unsupported(message: string): HttpError {
	return new HttpError(415, `415 Unsupported Media Type: ${message}`);
}

// --- XLSX: the first worksheet of a zip of XML parts -------------------------------------------

function unzip(buffer: Buffer): Map<string, Buffer> {
	const END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
	const end = buffer.lastIndexOf(END);
	if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50 || end < 0) throw badRequest('file: not a valid XLSX workbook (not a zip archive)');
	const entries = buffer.readUInt16LE(end + 10);
	let at = buffer.readUInt32LE(end + 16);
	const parts = new Map<string, Buffer>();
	let budget = MAX_XLSX_UNPACKED;
	for (let n = 0; n < entries; n++) {
		if (buffer.readUInt32LE(at) !== 0x02014b50) throw badRequest('file: corrupt XLSX workbook (bad zip directory)');
		const method = buffer.readUInt16LE(at + 10);
		const compressed = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const raw = buffer.subarray(dataStart, dataStart + compressed);
		let data: Buffer;
		if (method === 0) data = raw;
		else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: budget });
		else throw badRequest(`file: unsupported zip compression method ${method}`);
		budget -= data.length;
		parts.set(name, data);
	}
	return parts;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, code: string) => {
		if (code.startsWith('#x')) return String.fromCodePoint(parseInt(code.slice(2), 16));
		if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
		return ENTITIES[code] ?? whole;
	});
}

function textOf(xml: string): string {
	let out = '';
	for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]);
	return out;
}

function columnIndex(ref: string): number {
	const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
	let n = 0;
	for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
	return n - 1;
}

function firstSheetPath(parts: Map<string, Buffer>): string {
	const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
	const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
	const sheetRel = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
	if (sheetRel) {
		const target = new RegExp(`<Relationship\\b[^>]*Id="${sheetRel}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${sheetRel}"`).exec(rels)?.[1];
		if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	}
	return 'xl/worksheets/sheet1.xml';
}

export function readXlsx(buffer: Buffer): unknown[][] {
	const parts = unzip(buffer);
	const shared = [...(parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
	const sheet = parts.get(firstSheetPath(parts))?.toString('utf8');
	if (sheet === undefined) throw badRequest('file: the XLSX workbook has no worksheet');
	const rows: unknown[][] = [];
	for (const rowMatch of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const row: unknown[] = [];
		let next = 0;
		for (const cell of (rowMatch[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = cell[1];
			const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
			const index = ref ? columnIndex(ref) : next;
			next = index + 1;
			const type = /\bt="(\w+)"/.exec(attrs)?.[1];
			const inner = cell[2] ?? '';
			const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
			let value: unknown = null;
			if (type === 's') value = shared[Number(v)] ?? '';
			else if (type === 'inlineStr') value = textOf(inner);
			else if (type === 'str') value = decodeXml(v ?? '');
			else if (type === 'b') value = v === '1';
			else if (v !== undefined) value = Number(v);
			while (row.length < index) row.push(null);
			row[index] = value;
		}
		if (row.some((v) => v !== null && v !== '')) rows.push(row);
	}
	return rows;
}

// --- CSV (RFC 4180, delimiter sniffed from the header line) -------------------------------------

export function readCsv(text: string): unknown[][] {
	const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
	const delimiter = [',', ';', '\t', '|'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
	const rows: unknown[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === delimiter) {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			if (row.some((f) => f !== '')) rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (quoted) throw badRequest('file: unterminated quoted field in the CSV file');
	row.push(field);
	if (row.some((f) => f !== '')) rows.push(row);
	return rows;
}

function objectsToRows(values: unknown[]): unknown[][] {
	if (values.every((v) => typeof v !== 'object' || v === null)) return [['text'], ...values.map((v) => [v])];
	const columns: string[] = [];
	for (const v of values) if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) if (!columns.includes(k)) columns.push(k);
	return [columns, ...values.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? columns.map((c) => (v as Record<string, unknown>)[c] ?? null) : [v]))];
}

/** Reads an uploaded data file by its extension. Wrong or empty files get a 400/415 naming the problem. */
export function parseDataFile(fileName: string, data: Buffer): ParsedFile {
	const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
	if (data.length === 0) throw badRequest(`file: "${fileName}" is empty`);
	const text = () => data.toString('utf8').replace(/^\uFEFF/, '');
	let parsed: ParsedFile;
	switch (ext) {
		case 'csv':
			parsed = { format: 'csv', rows: readCsv(text()) };
			break;
		case 'txt':
			parsed = { format: 'txt', rows: [['text'], ...text().split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => [l])] };
			break;
		case 'json': {
			let value: unknown;
			try {
				value = JSON.parse(text());
			} catch (error) {
				throw badRequest(`file: "${fileName}" is not valid JSON (${(error as Error).message})`);
			}
			const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { documents?: unknown }).documents) ? (value as { documents: unknown[] }).documents : [value];
			parsed = { format: 'json', rows: objectsToRows(list) };
			break;
		}
		case 'jsonl': {
			const values = text()
				.split(/\r?\n/)
				.filter((l) => l.trim() !== '')
				.map((line, i) => {
					try {
						return JSON.parse(line) as unknown;
					} catch {
						throw badRequest(`file: line ${i + 1} of "${fileName}" is not valid JSON`);
					}
				});
			parsed = { format: 'jsonl', rows: objectsToRows(values) };
			break;
		}
		case 'xlsx':
			parsed = { format: 'xlsx', rows: readXlsx(data) };
			break;
		default:
			throw unsupported(`"${fileName}": accepted file types are .csv, .txt, .json, .jsonl and .xlsx`);
	}
	if (parsed.rows.length < 2) throw badRequest(`file: "${fileName}" contains no documents`);
	return parsed;
}
