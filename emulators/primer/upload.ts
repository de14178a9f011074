import { badRequest, isObject, type HttpError } from '../core';

/**
 * Parsing of `datasets:upload` bodies the way the platform does: `filetype=csv` (a header row,
 * RFC 4180 quoting) or `filetype=json` (an array of objects), with `header_matching_*` naming the
 * columns/keys that hold each document field (defaults: text, title, id, date, label).
 */
export interface ParsedDocument {
	id?: string;
	title?: string;
	date?: string;
	text: string;
	labels?: string[];
}

export const MATCH_FIELDS = ['text', 'title', 'id', 'date', 'label'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** Column names per field: the query's `header_matching_<field>`, or the field's own name. */
export function headerMatching(query: URLSearchParams): { columns: Record<MatchField, string>; explicit: Set<MatchField> } {
	const columns = {} as Record<MatchField, string>;
	const explicit = new Set<MatchField>();
	for (const field of MATCH_FIELDS) {
		const given = query.get(`header_matching_${field}`);
		if (given !== null && given.trim() !== '') explicit.add(field);
		columns[field] = given !== null && given.trim() !== '' ? given.trim() : field;
	}
	return { columns, explicit };
}

function parseCsvRecords(text: string): Array<{ fields: string[]; line: number }> {
	const out: Array<{ fields: string[]; line: number }> = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (i < text.length) {
		const start = line;
		const fields: string[] = [];
		let field = '';
		for (;;) {
			if (text[i] === '"') {
				i++;
				for (;;) {
					if (i >= text.length) throw badRequest(`CSV line ${start}: a quoted field is never closed`);
					if (text[i] === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (text[i] === '\n') line++;
					field += text[i++];
				}
			}
			while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
			fields.push(field);
			field = '';
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === '\r') i++;
			if (text[i] === '\n') i++;
			line++;
			break;
		}
		if (!(fields.length === 1 && fields[0] === '')) out.push({ fields, line: start });
	}
	return out;
}

function cell(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

function labelsOf(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.map(String).map((s) => s.trim()).filter(Boolean);
	const text = cell(value);
	if (text === undefined || text.trim() === '') return undefined;
	return text.split(';').map((s) => s.trim()).filter(Boolean);
}

function toDocument(get: (field: MatchField) => unknown, where: string, textColumn: string): ParsedDocument {
	const text = cell(get('text'));
	if (text === undefined || text.trim() === '') throw badRequest(`${where}: the text column "${textColumn}" is empty`);
	const doc: ParsedDocument = { text };
	const id = cell(get('id'));
	const title = cell(get('title'));
	const date = cell(get('date'));
	const labels = labelsOf(get('label'));
	if (id !== undefined && id.trim() !== '') doc.id = id.trim();
	if (title !== undefined && title !== '') doc.title = title;
	if (date !== undefined && date !== '') doc.date = date;
	if (labels?.length) doc.labels = labels;
	return doc;
}

function missingColumn(field: MatchField, column: string, available: string[], what: string): HttpError {
	return badRequest(`The ${what} has no ${field} column "${column}" (header_matching_${field}); its columns are: ${available.join(', ') || 'none'}`);
}

export function parseUpload(body: Buffer, filetype: string, query: URLSearchParams): ParsedDocument[] {
	if (body.length === 0) throw badRequest('The request body is empty: send the file content');
	const { columns, explicit } = headerMatching(query);
	const text = body.toString('utf8');
	if (filetype === 'csv') {
		const [head, ...records] = parseCsvRecords(text);
		if (!head) throw badRequest('The CSV file has no header row');
		const header = head.fields.map((h) => h.trim());
		const index = {} as Record<MatchField, number>;
		for (const field of MATCH_FIELDS) {
			index[field] = header.indexOf(columns[field]);
			if (index[field] < 0 && (field === 'text' || explicit.has(field))) throw missingColumn(field, columns[field], header, 'CSV file');
		}
		return records.map(({ fields, line }, row) => {
			if (fields.length !== header.length) throw badRequest(`CSV row ${row + 1} (line ${line}) has ${fields.length} fields, but the header has ${header.length}`);
			return toDocument((field) => (index[field] < 0 ? undefined : fields[index[field]]), `CSV row ${row + 1} (line ${line})`, columns.text);
		});
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw badRequest(`The JSON file is not valid JSON: ${(error as Error).message}`);
	}
	if (!Array.isArray(value)) throw badRequest('The JSON file must hold an array of document objects');
	return value.map((item, i) => {
		if (!isObject(item)) throw badRequest(`JSON element ${i} is not an object`);
		if (!(columns.text in item)) throw missingColumn('text', columns.text, Object.keys(item), `JSON element ${i}`);
		return toDocument((field) => item[columns[field]], `JSON element ${i}`, columns.text);
	});
}
