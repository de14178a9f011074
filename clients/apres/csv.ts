import type { ProcessedRow } from './types';

/** The columns of a load_batch CSV, as in the Apres docs' example (Input, Type, Output). */
export const PROCESSED_CSV_COLUMNS = ['Input', 'Type', 'Output'] as const;

/** Joins several answers of one row into the Output cell. */
export const OUTPUT_SEPARATOR = '|';

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or edge spaces). */
export function csvField(value: unknown): string {
	const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (CRLF line ends, header first) of processed rows: Input, Type, Output. */
export function processedRowsToCsv(rows: readonly ProcessedRow[]): string {
	const lines = [PROCESSED_CSV_COLUMNS.join(',')];
	for (const row of rows) {
		const output = Array.isArray(row.output) ? row.output.join(OUTPUT_SEPARATOR) : row.output;
		lines.push([row.input, row.type ?? '', output].map(csvField).join(','));
	}
	return `${lines.join('\r\n')}\r\n`;
}

/** Base64 of the UTF-8 bytes of `text`. */
export function toBase64(data: string | Uint8Array): string {
	return (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength)).toString('base64');
}

/** The column names of a CSV's first record, trimmed and lower-cased (a BOM is ignored). */
export function parseCsvHeader(text: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			fields.push(field);
			field = '';
		} else if (c === '\r' || c === '\n') break;
		else field += c;
	}
	fields.push(field);
	return fields.length === 1 && fields[0].trim() === '' ? [] : fields.map((f) => f.trim().toLowerCase());
}
