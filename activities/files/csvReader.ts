import { CsvError, Parser, type Options } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished, type Readable } from 'node:stream';
import { errorRow, headerKeys, toRecord } from './keys';
import { checkAborted, FileError, rowsOfChunks, type FileRow, type ReadLimits } from './types';

const CANDIDATES = [',', ';', '\t', '|'];

/**
 * Guesses the delimiter from the header line: the candidate (`,` `;` tab `|`) seen most often
 * outside quotes; `,` when none is. Excel writes `;` in many European locales.
 */
export function sniffDelimiter(head: string): string {
	const counts = new Map<string, number>();
	let quoted = false;
	for (const ch of head) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && CANDIDATES.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	}
	let best = ',';
	for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
	return best;
}

async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(bytes);
		const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
		return buffer.subarray(0, bytesRead).toString('utf8');
	} finally {
		await handle.close();
	}
}

/** The delimiter to use for `path`: the explicit one, tab for .tsv, else sniffed from the header. */
export async function csvDelimiter(path: string, delimiter?: string): Promise<string> {
	if (delimiter) return delimiter;
	if (path.toLowerCase().endsWith('.tsv')) return '\t';
	return sniffDelimiter(await readHead(path));
}

/**
 * Streams an RFC 4180 CSV file with csv-parse: quoted fields with embedded delimiters, newlines and
 * doubled quotes; BOM; CRLF or LF. The first record is the header and gives the keys (see
 * `headerKeys`); values are the cell strings, unchanged. Empty lines are skipped (not counted).
 * A record whose field count differs from the header's becomes a row `{ __error }` (the data would
 * be misaligned otherwise). Malformed quoting ends the read with a FileError naming the line.
 * Rows before `startRow` are parsed but not turned into objects. Returns the number of rows.
 */
export async function* readCsv(path: string, delimiter: string | undefined, startRow: number, limits: ReadLimits, signal?: AbortSignal, startOffset?: number): AsyncGenerator<FileRow, number> {
	return yield* rowsOfChunks(readCsvChunks(path, delimiter, startRow, limits, signal, startOffset), signal);
}

/**
 * `readCsv` in chunks: the same rows, row numbers and offsets, handed out as arrays of every
 * record the parser has ready (a few thousand at a time). A consumer that loops over the chunks
 * pays one promise per chunk instead of a few per row: per-row promises are a large part of the
 * cost of reading a file, and inside a Temporal activity every promise also runs the
 * AsyncLocalStorage hooks that carry the activity context. Returns the number of rows.
 */
export async function* readCsvChunks(path: string, delimiter: string | undefined, startRow: number, limits: ReadLimits, signal?: AbortSignal, startOffset?: number): AsyncGenerator<FileRow[], number> {
	const separator = await csvDelimiter(path, delimiter);
	let keys: Array<string | undefined> | undefined = startOffset === undefined ? undefined : await readHeader(path, separator, limits);
	const base = startOffset ?? 0;
	const source = createReadStream(path, { highWaterMark: 256 * 1024, start: base });
	const parser = new OffsetParser(parserOptions(separator, limits));
	source.on('error', (error) => parser.destroy(error));
	source.pipe(parser);

	let row = startOffset === undefined ? 0 : startRow;
	try {
		for await (const records of readyChunks<{ record: string[]; bytes: number }>(parser)) {
			const rows: FileRow[] = [];
			for (const { record, bytes } of records) {
				checkAborted(signal);
				if (!keys) {
					keys = headerKeys(record);
					continue;
				}
				if (row >= startRow) {
					const values =
						record.length === keys.length
							? toRecord(keys, record)
							: errorRow(`expected ${keys.length} fields (as in the header), got ${record.length}`);
					rows.push({ row, values, offset: base + bytes });
				}
				row++;
			}
			if (rows.length) yield rows;
		}
	} catch (error) {
		if (error instanceof CsvError) throw new FileError('PARSE_ERROR', `${path}: invalid CSV near data row ${row} (${error.message})`);
		throw error;
	} finally {
		source.destroy();
		parser.destroy();
	}
	return row;
}

/**
 * An object-mode stream as arrays of the items it has buffered, taken synchronously with `read()`
 * until it has none, then waiting for more: what the stream's own async iterator does, without a
 * promise per item. Ends when the stream ends; throws its error.
 */
async function* readyChunks<T>(stream: Readable): AsyncGenerator<T[]> {
	let wake: (() => void) | undefined;
	/** undefined while the stream runs, null once it ended cleanly. */
	let failure: Error | null | undefined;
	const onReadable = () => {
		wake?.();
		wake = undefined;
	};
	stream.on('readable', onReadable);
	const stopWatching = finished(stream, { writable: false }, (error) => {
		failure = error ?? null;
		onReadable();
	});
	try {
		for (;;) {
			const items: T[] = [];
			for (let item: T | null = stream.destroyed ? null : (stream.read() as T | null); item !== null; item = stream.read() as T | null) items.push(item);
			if (items.length) yield items;
			else if (failure) throw failure;
			else if (failure === null) return;
			else await new Promise<void>((resolve) => (wake = resolve));
		}
	} finally {
		stream.off('readable', onReadable);
		stopWatching();
	}
}

function parserOptions(separator: string, limits: ReadLimits): Options {
	return {
		delimiter: separator,
		bom: true,
		skip_empty_lines: true,
		relax_column_count: true,
		// A stray quote inside an unquoted field (`5" screen`) is kept as text, as Excel does.
		relax_quotes: true,
		// Bounds memory when a quote is never closed.
		max_record_size: limits.maxRecordChars,
	};
}

/**
 * A parser whose records come with the byte offset just after them, `{ record, bytes }`, without
 * the `info` option: that copies the parser's whole state into a new object for every record,
 * which costs more than parsing the record. The parser hands each record to `push` as soon as its
 * last byte is parsed, when `info.bytes` is that record's end: the value `info: true` reports.
 */
class OffsetParser extends Parser {
	override push(record: unknown, encoding?: BufferEncoding): boolean {
		return super.push(record === null ? null : { record, bytes: this.info.bytes }, encoding);
	}
}

/** The header record's keys, parsed from the start of the file. */
async function readHeader(path: string, separator: string, limits: ReadLimits): Promise<Array<string | undefined>> {
	const source = createReadStream(path, { highWaterMark: 64 * 1024 });
	const parser = new OffsetParser(parserOptions(separator, limits));
	source.pipe(parser);
	try {
		for await (const { record } of parser as AsyncIterable<{ record: string[] }>) return headerKeys(record);
		throw new FileError('PARSE_ERROR', `${path}: the file has no header row`);
	} finally {
		source.destroy();
		parser.destroy();
	}
}
