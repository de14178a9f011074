import { readCsv, readCsvChunks } from './csvReader';
import { readJsonArray, readJsonArrayChunks } from './jsonArrayReader';
import { readJsonl } from './jsonlReader';
import { DEFAULT_READ_LIMITS, detectFormat, type FileRow, type FileSpec, type ReadOptions } from './types';
import { readXlsx } from './xlsxReader';

/**
 * Streams the data rows of a CSV, JSONL, JSON (array) or XLSX file as `{ row, values }`.
 *
 * `row` is the 0-based index of the data record (header, blank lines and blank sheet rows are
 * not counted), the same on every run, so an activity can heartbeat the last row it finished and
 * resume with `startRow`. Rows before `startRow` are skipped without being materialised.
 * CSV, JSONL and JSON are streamed with flat memory; XLSX is parsed whole (bounded by limits).
 * A record that cannot be parsed (bad JSON line, wrong CSV field count) is yielded as
 * `{ __error: message }` (see `rowError`) rather than ending the stream. The generator's return
 * value is the total number of rows in the file.
 */
export function readRows(file: FileSpec, options: ReadOptions = {}): AsyncGenerator<FileRow, number> {
	const format = detectFormat(file);
	const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
	const startRow = options.startRow ?? 0;
	if (!Number.isInteger(startRow) || startRow < 0) throw new RangeError(`startRow must be a whole number >= 0, got ${startRow}`);
	const { signal } = options;
	switch (format) {
		case 'csv':
			return readCsv(file.path, file.delimiter, startRow, limits, signal, options.startOffset);
		case 'jsonl':
			return readJsonl(file.path, startRow, limits, signal, options.startOffset);
		case 'json':
			return readJsonArray(file.path, startRow, limits, signal);
		case 'xlsx':
			return readXlsx(file.path, file.sheet, startRow, limits, signal);
	}
}

/** Rows per chunk when `readRowChunks` groups the rows of a format read row by row. */
const GROUPED_CHUNK_ROWS = 512;

/**
 * `readRows` in chunks: arrays of consecutive rows, with the same row numbers, values and offsets,
 * for loops that handle many rows between awaits (bulk uploads). CSV and JSON arrays come in
 * their readers' own chunks (one promise per block read instead of several per row); JSONL and
 * XLSX are read row by row and grouped. A consumer that stops in the middle of a chunk resumes from the
 * `offset` of the last row it used, as with `readRows`.
 */
export async function* readRowChunks(file: FileSpec, options: ReadOptions = {}): AsyncGenerator<FileRow[], number> {
	const format = detectFormat(file);
	if (format === 'csv' || format === 'json') {
		const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
		const startRow = options.startRow ?? 0;
		if (!Number.isInteger(startRow) || startRow < 0) throw new RangeError(`startRow must be a whole number >= 0, got ${startRow}`);
		return format === 'csv'
			? yield* readCsvChunks(file.path, file.delimiter, startRow, limits, options.signal, options.startOffset)
			: yield* readJsonArrayChunks(file.path, startRow, limits, options.signal);
	}
	const rows = readRows(file, options);
	try {
		let chunk: FileRow[] = [];
		for (;;) {
			const next = await rows.next();
			if (next.done) {
				if (chunk.length) yield chunk;
				return next.value;
			}
			chunk.push(next.value);
			if (chunk.length >= GROUPED_CHUNK_ROWS) {
				yield chunk;
				chunk = [];
			}
		}
	} finally {
		// A consumer that stops early closes the file.
		await rows.return(0);
	}
}

/**
 * Counts the data rows `readRows` would yield, without materialising any (no row objects, no
 * JSON.parse). JSONL is a line scan; CSV still runs the parser (quoted fields may hold newlines);
 * JSON runs the element scanner; XLSX loads the workbook.
 */
export async function countRows(file: FileSpec, options: Omit<ReadOptions, 'startRow'> = {}): Promise<number> {
	const rows = readRows(file, { ...options, startRow: Number.MAX_SAFE_INTEGER });
	for (;;) {
		const next = await rows.next();
		if (next.done) return next.value;
	}
}
