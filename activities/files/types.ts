import { extname } from 'node:path';

/** File formats the readers understand. */
export type FileFormat = 'csv' | 'json' | 'jsonl' | 'xlsx';

/** A file to read, as passed to an activity (a path, never the data). */
export interface FileSpec {
	path: string;
	/** Defaults to the file extension (.csv/.tsv, .json, .jsonl/.ndjson, .xlsx/.xlsm). */
	format?: FileFormat;
	/** XLSX: sheet to read; defaults to the first sheet. */
	sheet?: string;
	/** CSV: field delimiter; defaults to tab for .tsv, else sniffed from the header line (`,` `;` tab `|`). */
	delimiter?: string;
}

/** One data row. `row` is the 0-based index of the record, header and blank lines/rows excluded. */
export interface FileRow {
	row: number;
	values: Record<string, unknown>;
	/**
	 * CSV and JSONL: byte offset just after this record, where reading the next row can start
	 * (pass it back as `startOffset` with `startRow: row + 1`).
	 */
	offset?: number;
}

/** Safety limits; every reader enforces the ones that apply to it. */
export interface ReadLimits {
	/** XLSX files are read whole into memory: largest file accepted (bytes). */
	maxXlsxBytes: number;
	/** XLSX: largest total uncompressed size of the zip entries (zip-bomb guard). */
	maxXlsxUncompressedBytes: number;
	/** XLSX: most data rows read from a sheet (Excel's own maximum is 1,048,575 below a header). */
	maxXlsxRows: number;
	/** XLSX: most columns in the header row. */
	maxXlsxColumns: number;
	/** CSV record, JSONL line or JSON array element: largest size in characters. */
	maxRecordChars: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
	maxXlsxBytes: 50 * 1024 * 1024,
	maxXlsxUncompressedBytes: 300 * 1024 * 1024,
	maxXlsxRows: 1_048_575,
	maxXlsxColumns: 1024,
	maxRecordChars: 16 * 1024 * 1024,
});

export interface ReadOptions {
	/** Skip data rows before this index (cheaply: skipped rows are not materialised). */
	startRow?: number;
	/**
	 * CSV and JSONL: byte offset of row `startRow`, as a previous read reported it in `offset`.
	 * Reading then starts there instead of scanning the rows before it (resuming a 1M-row file at
	 * row 900,000 costs nothing). Other formats ignore it and skip by row.
	 */
	startOffset?: number;
	/** Aborts the read between rows (e.g. on Temporal activity cancellation). */
	signal?: AbortSignal;
	limits?: Partial<ReadLimits>;
}

export type FileErrorCode = 'UNSUPPORTED_FORMAT' | 'FILE_TOO_LARGE' | 'LIMIT_EXCEEDED' | 'PARSE_ERROR' | 'SHEET_NOT_FOUND' | 'UNSAFE_INPUT';

/**
 * A file cannot be read or written as asked. Retrying will not help (the activity layer should
 * surface it as a non-retryable failure); `code` says why.
 */
export class FileError extends Error {
	override readonly name = 'FileError';
	constructor(
		readonly code: FileErrorCode,
		message: string,
	) {
		super(message);
	}
}

const EXTENSIONS: Record<string, FileFormat> = {
	'.csv': 'csv',
	'.tsv': 'csv',
	'.json': 'json',
	'.jsonl': 'jsonl',
	'.ndjson': 'jsonl',
	'.xlsx': 'xlsx',
	'.xlsm': 'xlsx',
};

/** The file's format: the explicit `format`, else from its extension. */
export function detectFormat(file: FileSpec): FileFormat {
	if (file.format) {
		if (!['csv', 'json', 'jsonl', 'xlsx'].includes(file.format)) throw new FileError('UNSUPPORTED_FORMAT', `Unsupported format "${String(file.format)}": use csv, json, jsonl or xlsx`);
		return file.format;
	}
	const ext = extname(file.path).toLowerCase();
	const format = Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
	if (!format) throw new FileError('UNSUPPORTED_FORMAT', `Cannot tell the format of "${file.path}" from its extension "${ext}": set format to csv, json, jsonl or xlsx`);
	return format;
}

/** Throws the signal's reason (an AbortError by default) once it is aborted. */
export function checkAborted(signal: AbortSignal | undefined): void {
	signal?.throwIfAborted();
}

/**
 * A chunk reader's rows one at a time (for `readRows`), with its return value (the row count).
 * A signal aborted while the consumer handles a row stops the read at the next one; a consumer
 * that stops early closes the file.
 */
export async function* rowsOfChunks(chunks: AsyncGenerator<FileRow[], number>, signal?: AbortSignal): AsyncGenerator<FileRow, number> {
	try {
		for (;;) {
			const next = await chunks.next();
			if (next.done) return next.value;
			for (const row of next.value) {
				checkAborted(signal);
				yield row;
			}
		}
	} finally {
		await chunks.return(0);
	}
}
