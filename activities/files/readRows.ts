import { readCsv } from './csvReader';
import { readJsonArray } from './jsonArrayReader';
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
