import { inflateRaw, InflateError } from './inflate';

/**
 * A dependency-free XLSX reader for the n8n node (community nodes may not load npm packages or
 * node:zlib at runtime): unzips the workbook with a small DEFLATE decoder and reads one sheet's
 * cells (shared and inline strings, numbers, booleans, dates from date-formatted cells).
 * The first non-empty row is the header. Formulas give their cached value.
 */

export class XlsxError extends Error {
	override readonly name = 'XlsxError';
}

export interface XlsxReadOptions {
	/** Sheet name; default the first sheet. */
	sheet?: string;
	/** Most data rows read (default Excel's 1,048,575). */
	maxRows?: number;
	/** Most columns in the header (default 1024). */
	maxColumns?: number;
	/** Largest total uncompressed size of the parts read (zip-bomb guard, default 200 MB). */
	maxUncompressedBytes?: number;
}

export interface XlsxTable {
	sheet: string;
	sheets: string[];
	header: string[];
	/** Data rows keyed by header; empty cells are absent. */
	rows: Array<Record<string, unknown>>;
}

interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	offset: number;
	flags: number;
}

const u16 = (d: Uint8Array, o: number) => d[o] | (d[o + 1] << 8);
const u32 = (d: Uint8Array, o: number) => (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) + d[o + 3] * 0x1000000;
const utf8 = new TextDecoder('utf-8');

function zipEntries(data: Uint8Array): Map<string, ZipEntry> {
	let eocd = -1;
	for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
		if (u32(data, i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new XlsxError('not an XLSX file (no zip directory found)');
	const count = u16(data, eocd + 10);
	let at = u32(data, eocd + 16);
	const entries = new Map<string, ZipEntry>();
	for (let i = 0; i < count; i++) {
		if (at + 46 > data.length || u32(data, at) !== 0x02014b50) throw new XlsxError('corrupt XLSX file (bad zip directory)');
		const nameLength = u16(data, at + 28);
		const entry: ZipEntry = {
			flags: u16(data, at + 8),
			method: u16(data, at + 10),
			compressedSize: u32(data, at + 20),
			size: u32(data, at + 24),
			offset: u32(data, at + 42),
			name: utf8.decode(data.subarray(at + 46, at + 46 + nameLength)),
		};
		entries.set(entry.name.replace(/^\/+/, ''), entry);
		at += 46 + nameLength + u16(data, at + 30) + u16(data, at + 32);
	}
	return entries;
}

function corrupt(name: string, error: unknown): XlsxError {
	return new XlsxError(`corrupt XLSX file (${name}: ${error instanceof InflateError ? error.message : String(error)})`);
}

function inflate(raw: Uint8Array, size: number, name: string): Uint8Array {
	try {
		return inflateRaw(raw, { expectedSize: size, limit: size });
	} catch (error) {
		throw corrupt(name, error);
	}
}

class Workbook {
	private readonly entries: Map<string, ZipEntry>;
	private budget: number;

	constructor(
		private readonly data: Uint8Array,
		maxUncompressedBytes: number,
	) {
		this.entries = zipEntries(data);
		this.budget = maxUncompressedBytes;
	}

	has(name: string): boolean {
		return this.entries.has(name);
	}

	text(name: string): string {
		const entry = this.entries.get(name);
		if (!entry) throw new XlsxError(`not an XLSX file (no ${name})`);
		if (entry.flags & 1) throw new XlsxError('the XLSX file is encrypted (password-protected workbooks cannot be read)');
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new XlsxError(`${name} is too large (ZIP64 workbooks are not supported)`);
		if (entry.size > this.budget) throw new XlsxError(`the XLSX file expands beyond the allowed size (zip bomb guard)`);
		this.budget -= entry.size;
		const local = entry.offset;
		if (u32(this.data, local) !== 0x04034b50) throw new XlsxError(`corrupt XLSX file (bad entry ${name})`);
		const start = local + 30 + u16(this.data, local + 26) + u16(this.data, local + 28);
		const raw = this.data.subarray(start, start + entry.compressedSize);
		let bytes: Uint8Array;
		if (entry.method === 0) bytes = raw;
		else if (entry.method === 8) {
			bytes = inflate(raw, entry.size, name);
		} else throw new XlsxError(`unsupported compression method ${entry.method} in ${name}`);
		if (bytes.length !== entry.size) throw new XlsxError(`corrupt XLSX file (${name} has ${bytes.length} bytes, its directory says ${entry.size})`);
		return utf8.decode(bytes);
	}
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text to string: entities, then OOXML's `_xHHHH_` escapes. */
export function xmlText(text: string): string {
	return text
		.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
			if (e[0] !== '#') return ENTITIES[e] ?? m;
			const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
		})
		.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attributes(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = xmlText(m[2] ?? m[3] ?? '');
	return out;
}

/** Concatenated text of the `<t>` elements (phonetic runs excluded). */
function runsText(xml: string): string {
	let out = '';
	for (const m of xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '').matchAll(/<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += xmlText(m[1] ?? '');
	return out;
}

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
	const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
	return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which style indexes format numbers as dates. */
function dateStyles(xml: string | undefined): Set<number> {
	const styles = new Set<number>();
	if (!xml) return styles;
	const custom = new Map<number, string>();
	for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
		const a = attributes(m[1]);
		custom.set(Number(a.numFmtId), a.formatCode ?? '');
	}
	const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
	let index = 0;
	for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(\/>|>)/g)) {
		const id = Number(attributes(m[1]).numFmtId ?? 0);
		if (BUILT_IN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) styles.add(index);
		index++;
	}
	return styles;
}

/** An Excel date serial as an ISO timestamp (UTC wall clock). */
export function excelDate(serial: number, date1904 = false): string {
	const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
	return new Date(base + Math.round(serial * 86_400_000)).toISOString();
}

function columnIndex(ref: string | undefined): number | undefined {
	const letters = ref ? /^([A-Z]+)/i.exec(ref)?.[1] : undefined;
	if (!letters) return undefined;
	let n = 0;
	for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

function resolveTarget(target: string): string {
	if (target.startsWith('/')) return target.slice(1);
	const parts = ['xl'];
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.') parts.push(part);
	}
	return parts.join('/');
}

/** The sheet names of a workbook, in order. */
export function xlsxSheetNames(data: Uint8Array): string[] {
	const book = new Workbook(data, 50 * 1024 * 1024);
	return [...book.text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => attributes(m[1]).name ?? '');
}

/** Reads one sheet of an XLSX file into a header and rows. Throws XlsxError with the reason. */
export function readXlsxTable(data: Uint8Array, options: XlsxReadOptions = {}): XlsxTable {
	const maxRows = options.maxRows ?? 1_048_575;
	const maxColumns = options.maxColumns ?? 1024;
	const book = new Workbook(data, options.maxUncompressedBytes ?? 200 * 1024 * 1024);
	const workbookXml = book.text('xl/workbook.xml');
	const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbookXml);
	const sheets = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => {
		const a = attributes(m[1]);
		const rel = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
		return { name: a.name ?? '', rel };
	});
	if (sheets.length === 0) throw new XlsxError('the workbook has no sheets');
	const chosen = options.sheet ? sheets.find((s) => s.name === options.sheet) : sheets[0];
	if (!chosen) throw new XlsxError(`the workbook has no sheet named "${options.sheet}" (sheets: ${sheets.map((s) => s.name).join(', ')})`);
	const rels = book.has('xl/_rels/workbook.xml.rels') ? book.text('xl/_rels/workbook.xml.rels') : '';
	let target: string | undefined;
	for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
		const a = attributes(m[1]);
		if (a.Id === chosen.rel) target = a.Target;
	}
	const sheetPath = target ? resolveTarget(target) : `xl/worksheets/sheet${sheets.indexOf(chosen) + 1}.xml`;

	const shared: string[] = book.has('xl/sharedStrings.xml') ? [...book.text('xl/sharedStrings.xml').matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)].map((m) => runsText(m[1] ?? '')) : [];
	const styles = dateStyles(book.has('xl/styles.xml') ? book.text('xl/styles.xml') : undefined);
	const sheetXml = book.text(sheetPath);
	const sheetData = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(sheetXml)?.[1] ?? '';

	let header: string[] | undefined;
	let keys: Array<string | undefined> = [];
	const rows: Array<Record<string, unknown>> = [];
	for (const rowMatch of sheetData.matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
		const cells: unknown[] = [];
		let next = 0;
		for (const c of (rowMatch[1] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
			const a = attributes(c[1]);
			const col = columnIndex(a.r) ?? next;
			next = col + 1;
			if (col >= maxColumns) throw new XlsxError(`sheet "${chosen.name}" has more than ${maxColumns} columns`);
			const inner = c[2] ?? '';
			const raw = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
			let value: unknown = null;
			switch (a.t) {
				case 's':
					value = raw === undefined ? null : (shared[Number(raw)] ?? null);
					break;
				case 'inlineStr':
					value = runsText(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
					break;
				case 'str':
					value = raw === undefined ? null : xmlText(raw);
					break;
				case 'b':
					value = raw === undefined ? null : raw.trim() === '1' || raw.trim() === 'true';
					break;
				case 'e':
					value = null;
					break;
				case 'd':
					value = raw === undefined ? null : new Date(xmlText(raw)).toISOString();
					break;
				default: {
					if (raw === undefined || raw.trim() === '') break;
					const n = Number(raw);
					value = Number.isFinite(n) ? (styles.has(Number(a.s ?? 0)) ? excelDate(n, date1904) : n) : xmlText(raw);
				}
			}
			cells[col] = value;
		}
		const blank = cells.every((v) => v === null || v === undefined || v === '');
		if (blank) continue;
		if (!header) {
			const seen = new Set<string>();
			keys = Array.from({ length: cells.length }, (_, i) => {
				const base = cells[i] === null || cells[i] === undefined ? '' : String(cells[i]).trim();
				if (base === '' || base === '__proto__' || base === 'constructor' || base === 'prototype') return undefined;
				let key = base;
				for (let n = 2; seen.has(key); n++) key = `${base}_${n}`;
				seen.add(key);
				return key;
			});
			header = keys.filter((k): k is string => k !== undefined);
			continue;
		}
		if (rows.length >= maxRows) throw new XlsxError(`sheet "${chosen.name}" has more than ${maxRows} data rows`);
		const record: Record<string, unknown> = {};
		keys.forEach((key, i) => {
			if (key !== undefined && cells[i] !== null && cells[i] !== undefined && cells[i] !== '') record[key] = cells[i];
		});
		rows.push(record);
	}
	return { sheet: chosen.name, sheets: sheets.map((s) => s.name), header: header ?? [], rows };
}
