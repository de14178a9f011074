import { errorRow, withoutUnsafeKeys } from './keys';
import { readLines } from './lines';
import { checkAborted, type FileRow, type ReadLimits } from './types';

/**
 * Reads a JSONL (newline-delimited JSON) file: one object per line, blank lines skipped (not
 * counted). A line that is not valid JSON, or not an object, becomes a row `{ __error }` so the
 * caller can report it and carry on. Lines before `startRow` are counted, not parsed.
 * Returns the number of rows in the file.
 */
export async function* readJsonl(path: string, startRow: number, limits: ReadLimits, signal?: AbortSignal, startOffset?: number): AsyncGenerator<FileRow, number> {
	// Starting at a known offset means the rows before it need not be scanned at all.
	let row = startOffset === undefined ? 0 : startRow;
	for await (const { text, end } of readLines(path, limits.maxRecordChars * 3, startOffset ?? 0)) {
		checkAborted(signal);
		if (text.trim() === '') continue;
		if (row >= startRow) yield { row, values: parseRecord(text), offset: end };
		row++;
	}
	return row;
}

/** Parses one JSON record; problems become an error row instead of an exception. */
export function parseRecord(text: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return errorRow(`invalid JSON: ${(error as Error).message}`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return errorRow(`expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
	}
	return withoutUnsafeKeys(value as Record<string, unknown>);
}
