/**
 * Dependency-free RFC 4180 CSV for the n8n node (which may not use npm packages at runtime):
 * encoding upload bodies built from items, and parsing uploaded or downloaded CSV text.
 * Data sent to the API is written verbatim: no spreadsheet formula escaping.
 */

export function csvField(value: unknown): string {
	if (value === undefined || value === null) return '';
	let text: string;
	if (typeof value === 'string') text = value;
	else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
	else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
	else text = JSON.stringify(value) ?? '';
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly unknown[]): string {
	return `${values.map(csvField).join(',')}\r\n`;
}

export class CsvParseError extends Error {
	override readonly name = 'CsvParseError';
	constructor(
		message: string,
		/** 1-based line of the file where the problem is. */
		readonly line: number,
	) {
		super(message);
	}
}

export interface CsvRecord {
	fields: string[];
	/** 1-based line where the record starts. */
	line: number;
}

/**
 * Parses CSV text into records (quoted fields with commas, quotes and newlines; CRLF or LF; a BOM).
 * Blank lines are skipped. An unterminated quote throws a CsvParseError naming its line.
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
	const records: CsvRecord[] = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	const n = text.length;
	while (i < n) {
		const start = line;
		const fields: string[] = [];
		let field = '';
		let atEnd = false;
		// One record.
		for (;;) {
			if (i < n && text[i] === '"') {
				const quoteLine = line;
				i++;
				for (;;) {
					if (i >= n) throw new CsvParseError(`line ${quoteLine}: a quoted field is never closed`, quoteLine);
					const ch = text[i];
					if (ch === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (ch === '\n') line++;
					field += ch;
					i++;
				}
			}
			// Unquoted part (or what follows a closing quote, kept as text).
			while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
			fields.push(field);
			field = '';
			if (i >= n) {
				atEnd = true;
				break;
			}
			if (text[i] === delimiter) {
				i++;
				continue;
			}
			// End of line.
			if (text[i] === '\r') i++;
			if (text[i] === '\n') i++;
			line++;
			break;
		}
		const blank = fields.length === 1 && fields[0] === '';
		if (!blank) records.push({ fields, line: start });
		if (atEnd) break;
	}
	return records;
}

/**
 * Header + rows as objects keyed by the header. A row whose field count differs from the header's
 * throws a CsvParseError naming its line and data row (the columns would be misaligned).
 */
export function parseCsvObjects(text: string): { header: string[]; rows: Array<Record<string, string>> } {
	const [head, ...records] = parseCsv(text);
	if (!head) return { header: [], rows: [] };
	const header = head.fields.map((h) => h.trim());
	const rows = records.map((record, index) => {
		if (record.fields.length !== header.length) {
			throw new CsvParseError(`data row ${index} (line ${record.line}) has ${record.fields.length} fields, but the header has ${header.length}`, record.line);
		}
		const row: Record<string, string> = {};
		header.forEach((key, k) => {
			if (key !== '' && key !== '__proto__' && key !== 'constructor' && key !== 'prototype') row[key] = record.fields[k];
		});
		return row;
	});
	return { header, rows };
}
