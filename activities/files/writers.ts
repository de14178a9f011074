import * as XLSX from '@e965/xlsx';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { formatCsvRecord } from './csvFormat';
import { FileError } from './types';

/** Writes result records to a file. Await each `write` (it applies backpressure); always `close`. */
export interface ResultWriter {
	write(record: Record<string, unknown>): Promise<void>;
	/** Many records at once: one await for the lot (bulk loops; same output as writing each). */
	writeMany(records: ReadonlyArray<Record<string, unknown>>): Promise<void>;
	/** Flushes and closes the file; `rows` counts the records written through this writer. */
	close(): Promise<{ rows: number }>;
}

export type ResultFormat = 'jsonl' | 'csv' | 'xlsx';

export interface ResultWriterOptions {
	/**
	 * jsonl/csv: add to an existing file instead of replacing it (for activities that resume).
	 * A partial last line left by a crash is cut off first. CSV needs `columns` to append, and
	 * writes the header only when the file is new or empty.
	 */
	append?: boolean;
	/** csv: field delimiter (default `,`). */
	delimiter?: string;
	/** csv: prefix text cells that start a formula with `'` (default true; see csvFormat.ts). */
	escapeFormulas?: boolean;
	/** xlsx: most data rows accepted (default and cap: XLSX_MAX_ROWS). */
	maxRows?: number;
}

/** Excel's row limit (1,048,576) minus the header row. */
export const XLSX_MAX_ROWS = 1_048_575;
/** Excel's cell text limit; longer text is cut and ends with `…`. */
export const XLSX_MAX_CELL_CHARS = 32_767;

/** A file write stream whose writes wait for `drain`, and whose errors surface on the next call. */
class FileSink {
	private failure: Error | undefined;
	private closed = false;

	private constructor(private readonly stream: WriteStream) {
		stream.on('error', (error) => {
			this.failure ??= error;
		});
	}

	static async open(path: string, flags: 'w' | 'a'): Promise<FileSink> {
		const stream = createWriteStream(path, { flags, highWaterMark: 256 * 1024 });
		const sink = new FileSink(stream);
		await once(stream, 'open'); // rejects if the file cannot be opened
		return sink;
	}

	async write(chunk: string): Promise<void> {
		if (this.closed) throw new Error('write after close');
		if (this.failure) throw this.failure;
		if (!this.stream.write(chunk)) await once(this.stream, 'drain');
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.stream.end();
		await finished(this.stream);
		if (this.failure) throw this.failure;
	}
}

/**
 * Cuts a file back to just after its last `\n`, removing a partial record a crash left behind
 * (it was never acknowledged, so the resumed activity writes it again). Missing file: no-op.
 */
export async function trimPartialLine(path: string): Promise<void> {
	let handle;
	try {
		handle = await open(path, 'r+');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}
	try {
		const { size } = await handle.stat();
		const block = Buffer.alloc(64 * 1024);
		for (let end = size; end > 0; ) {
			const start = Math.max(0, end - block.length);
			const { bytesRead } = await handle.read(block, 0, end - start, start);
			const newline = block.subarray(0, bytesRead).lastIndexOf(0x0a);
			if (newline !== -1) {
				if (start + newline + 1 < size) await handle.truncate(start + newline + 1);
				return;
			}
			end = start;
		}
		if (size > 0) await handle.truncate(0);
	} finally {
		await handle.close();
	}
}

async function isNonEmpty(path: string): Promise<boolean> {
	try {
		return (await stat(path)).size > 0;
	} catch {
		return false;
	}
}

function jsonlWriter(sink: FileSink): ResultWriter {
	let rows = 0;
	return {
		async write(record) {
			await sink.write(`${JSON.stringify(record)}\n`);
			rows++;
		},
		async writeMany(records) {
			if (!records.length) return;
			await sink.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
			rows += records.length;
		},
		async close() {
			await sink.close();
			return { rows };
		},
	};
}

async function csvWriter(path: string, columns: readonly string[] | undefined, options: ResultWriterOptions): Promise<ResultWriter> {
	const delimiter = options.delimiter ?? ',';
	const escape = options.escapeFormulas ?? true;
	let needsHeader = true;
	if (options.append) {
		if (!columns) throw new FileError('UNSUPPORTED_FORMAT', `${path}: appending to a CSV file needs explicit columns`);
		await trimPartialLine(path);
		needsHeader = !(await isNonEmpty(path));
	}
	const sink = await FileSink.open(path, options.append ? 'a' : 'w');
	// Without explicit columns, the first record's keys are the columns; later extra keys are dropped.
	let cols = columns ? [...columns] : undefined;
	const header = (): string => {
		needsHeader = false;
		return formatCsvRecord(cols!, delimiter, escape);
	};
	if (cols && needsHeader) await sink.write(header());
	let rows = 0;
	const line = (record: Record<string, unknown>): string => {
		cols ??= Object.keys(record);
		const text = formatCsvRecord(
			cols.map((column) => (Object.hasOwn(record, column) ? record[column] : undefined)),
			delimiter,
			escape,
		);
		return needsHeader ? header() + text : text;
	};
	return {
		async write(record) {
			await sink.write(line(record));
			rows++;
		},
		async writeMany(records) {
			if (!records.length) return;
			await sink.write(records.map(line).join(''));
			rows += records.length;
		},
		async close() {
			await sink.close();
			return { rows };
		},
	};
}

function xlsxCell(value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
	const text = typeof value === 'string' ? value : typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? '');
	return text.length > XLSX_MAX_CELL_CHARS ? `${text.slice(0, XLSX_MAX_CELL_CHARS - 1)}…` : text;
}

/**
 * XLSX cannot be streamed by SheetJS: rows are kept in memory (as arrays, one per record) and the
 * workbook is built and written at `close`. Memory grows with the data — roughly a few hundred
 * bytes per cell plus the text, and about twice that again while writing — so use XLSX for
 * human-sized results and JSONL/CSV for bulk. Text cells are stored as text, never as formulas.
 * The file is written to a temporary name and renamed, so a crash never leaves half a workbook.
 */
function xlsxWriter(path: string, columns: readonly string[] | undefined, options: ResultWriterOptions): ResultWriter {
	const maxRows = Math.min(options.maxRows ?? XLSX_MAX_ROWS, XLSX_MAX_ROWS);
	const header: string[] = [];
	const index = new Map<string, number>();
	const addColumn = (column: string): void => {
		if (!index.has(column)) index.set(column, header.push(column) - 1);
	};
	columns?.forEach(addColumn);
	// Without explicit columns, columns are the union of all records' keys, in first-seen order.
	const growColumns = columns === undefined;
	const table: unknown[][] = [header];
	let closed = false;
	const writer: ResultWriter = {
		async writeMany(records) {
			for (const record of records) await writer.write(record);
		},
		async write(record) {
			if (closed) throw new Error('write after close');
			if (table.length > maxRows) {
				throw new FileError('LIMIT_EXCEEDED', `${path}: an XLSX result file holds at most ${maxRows} rows; write JSONL or CSV for more`);
			}
			const cells: unknown[] = [];
			for (const [key, value] of Object.entries(record)) {
				if (growColumns) addColumn(key);
				const at = index.get(key);
				if (at !== undefined) cells[at] = xlsxCell(value);
			}
			table.push(cells);
		},
		async close() {
			if (closed) return { rows: table.length - 1 };
			closed = true;
			const book = XLSX.utils.book_new();
			XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(table, { dense: true }), 'Results');
			const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
			const temporary = `${path}.${process.pid}.tmp`;
			try {
				await writeFile(temporary, data);
				await rename(temporary, path);
			} catch (error) {
				await unlink(temporary).catch(() => undefined);
				throw error;
			}
			return { rows: table.length - 1 };
		},
	};
	return writer;
}

/**
 * Opens a result file. jsonl: one JSON object per line. csv: RFC 4180 with a header row
 * (`columns`, else the first record's keys), nested values JSON-encoded, formula-escaped text
 * (see csvFormat.ts). jsonl and csv stream with flat memory and backpressure; xlsx buffers
 * rows until `close` (see `xlsxWriter` notes) and fails clearly past `maxRows`.
 */
export async function openResultWriter(path: string, format: ResultFormat, columns?: readonly string[], options: ResultWriterOptions = {}): Promise<ResultWriter> {
	switch (format) {
		case 'jsonl':
			if (options.append) await trimPartialLine(path);
			return jsonlWriter(await FileSink.open(path, options.append ? 'a' : 'w'));
		case 'csv':
			return csvWriter(path, columns, options);
		case 'xlsx':
			if (options.append) throw new FileError('UNSUPPORTED_FORMAT', `${path}: XLSX result files cannot be appended to; use JSONL or CSV`);
			return xlsxWriter(path, columns, options);
		default:
			throw new FileError('UNSUPPORTED_FORMAT', `Unsupported result format "${String(format)}": use jsonl, csv or xlsx`);
	}
}

/**
 * An append-mode JSONL writer for error/reject files that must survive an activity resuming:
 * opens with flag `a` (earlier records are kept) after cutting off a partial last line from a
 * crash. Records written after the last heartbeat may be written again on resume, so include the
 * row index in each record and treat the file as at-least-once.
 */
export function appendJsonl(path: string): Promise<ResultWriter> {
	return openResultWriter(path, 'jsonl', undefined, { append: true });
}
