import { createReadStream } from 'node:fs';
import { parseRecord } from './jsonlReader';
import { checkAborted, FileError, rowsOfChunks, type FileRow, type ReadLimits } from './types';

enum State {
	/** Before the opening `[`. */
	Start,
	/** After `[` or `,`: an element or `]` comes next. */
	Between,
	/** Inside an element. */
	Element,
	/** After an element: `,` or `]` comes next. */
	After,
	/** After the closing `]`: only whitespace may follow. */
	End,
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Streams a JSON file holding a top-level array of objects, with flat memory: a small scanner finds
 * where each top-level element starts and ends (tracking nesting and strings), and only that
 * element's text is kept and handed to `JSON.parse`. Elements before `startRow` are scanned, not
 * parsed. An element that is not valid JSON or not an object becomes a row `{ __error }`; a file
 * that is not an array, or is truncated, throws a FileError. Returns the number of rows.
 */
export async function* readJsonArray(path: string, startRow: number, limits: ReadLimits, signal?: AbortSignal): AsyncGenerator<FileRow, number> {
	return yield* rowsOfChunks(readJsonArrayChunks(path, startRow, limits, signal), signal);
}

/**
 * `readJsonArray` in chunks: the rows completed by each block read from the file (256 KB), in
 * one array, so a bulk loop awaits once per block instead of once per row.
 */
export async function* readJsonArrayChunks(path: string, startRow: number, limits: ReadLimits, signal?: AbortSignal): AsyncGenerator<FileRow[], number> {
	const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
	let state = State.Start as State;
	let row = 0;
	let offset = 0; // characters before the current chunk, for error messages
	// Current element: its text so far, and the scanner's position inside it.
	let parts: string[] = [];
	let size = 0;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let scalar = false; // a number/true/false/null element: ends at `,`, `]` or whitespace
	let found: FileRow[] = [];

	const fail = (message: string): never => {
		throw new FileError('PARSE_ERROR', `${path}: ${message}`);
	};
	try {
		for await (const chunk of stream as AsyncIterable<string>) {
			let i = offset === 0 && chunk.charCodeAt(0) === 0xfeff ? 1 : 0;
			let start = 0; // where the current element starts in this chunk
			let nextBackslash = -2; // in this chunk, at or after i: -1 none left, -2 not looked for yet
			const finish = (end: number): FileRow | undefined => {
				const text = parts.length ? parts.join('') + chunk.slice(start, end) : chunk.slice(start, end);
				parts = [];
				size = 0;
				state = State.After;
				const current = row++;
				return current >= startRow ? { row: current, values: parseRecord(text) } : undefined;
			};
			while (i < chunk.length) {
				const c = chunk.charCodeAt(i);
				switch (state) {
					case State.Start:
						if (c === 0x5b /* [ */) state = State.Between;
						else if (!isSpace(c)) fail('expected a JSON array of objects ("[{...}, ...]"); for one object per line, use a .jsonl file');
						i++;
						break;
					case State.Between:
					case State.After:
						if (c === 0x5d /* ] */) state = State.End;
						else if (c === 0x2c /* , */ && state === State.After) state = State.Between;
						else if (state === State.Between && !isSpace(c) && c !== 0x2c) {
							state = State.Element;
							start = i;
							depth = 0;
							inString = false;
							escaped = false;
							scalar = c !== 0x7b && c !== 0x5b && c !== 0x22; // not { [ "
							continue; // scan this character as part of the element
						} else if (!isSpace(c)) fail(`unexpected "${chunk[i]}" at character ${offset + i} between array elements`);
						i++;
						break;
					case State.Element: {
						if (scalar) {
							if (c === 0x2c || c === 0x5d || isSpace(c)) {
								const out = finish(i);
								checkAborted(signal);
								if (out) found.push(out);
								continue; // `,` / `]` is handled in State.After
							}
						} else if (inString) {
							if (escaped) escaped = false;
							else {
								// Most of a JSON text is string content: jump to the string's next quote or backslash.
								if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf('\\', i);
								const quote = chunk.indexOf('"', i);
								const stop = quote === -1 ? nextBackslash : nextBackslash === -1 ? quote : Math.min(quote, nextBackslash);
								if (stop === -1) {
									i = chunk.length;
									break;
								}
								i = stop;
								if (chunk.charCodeAt(i) === 0x5c /* \ */) escaped = true;
								else {
									inString = false;
									if (depth === 0) {
										const out = finish(i + 1);
										i++;
										checkAborted(signal);
										if (out) found.push(out);
										continue;
									}
								}
							}
						} else if (c === 0x22) inString = true;
						else if (c === 0x7b || c === 0x5b) depth++;
						else if (c === 0x7d || c === 0x5d) {
							depth--;
							if (depth === 0) {
								const out = finish(i + 1);
								i++;
								checkAborted(signal);
								if (out) found.push(out);
								continue;
							}
						}
						i++;
						break;
					}
					case State.End:
						if (!isSpace(c)) fail(`unexpected "${chunk[i]}" at character ${offset + i} after the end of the array`);
						i++;
						break;
				}
			}
			if (state === State.Element) {
				size += chunk.length - start;
				if (size > limits.maxRecordChars) fail(`array element ${row} is longer than ${limits.maxRecordChars} characters`);
				parts.push(chunk.slice(start));
			}
			offset += chunk.length;
			if (found.length) {
				yield found;
				found = [];
			}
		}
		if (state === State.Element && scalar) {
			// A scalar at the very end of the file: the array was never closed.
			fail('unexpected end of file inside the array (truncated?)');
		}
		if (state !== State.End) fail(state === State.Start ? 'the file is empty; expected a JSON array' : 'unexpected end of file inside the array (truncated?)');
		return row;
	} finally {
		stream.destroy();
	}
}
