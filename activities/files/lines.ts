import { createReadStream } from 'node:fs';
import { FileError } from './types';

const NEWLINE = 0x0a;

/**
 * Streams a UTF-8 file line by line with flat memory: splits on `\n` bytes (never part of a
 * multi-byte UTF-8 sequence), strips a trailing `\r` and a leading BOM. A line longer than
 * `maxLineBytes` throws rather than buffering without bound.
 */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<string> {
	const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let first = true;
	const decode = (bytes: Buffer): string => {
		const line = bytes.toString('utf8');
		return line.endsWith('\r') ? line.slice(0, -1) : line;
	};
	const tooLong = (): FileError =>
		new FileError('LIMIT_EXCEEDED', `${path}: a line is longer than ${maxLineBytes} bytes; is this really a one-record-per-line (JSONL) file?`);
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			let start = 0;
			if (first) {
				first = false;
				if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
			}
			for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
				const piece = chunk.subarray(start, nl);
				start = nl + 1;
				if (pendingBytes + piece.length > maxLineBytes) throw tooLong();
				const line = pendingBytes ? Buffer.concat([...pending, piece]) : piece;
				pending = [];
				pendingBytes = 0;
				yield decode(line);
			}
			if (start < chunk.length) {
				pending.push(chunk.subarray(start));
				pendingBytes += chunk.length - start;
				if (pendingBytes > maxLineBytes) throw tooLong();
			}
		}
		if (pendingBytes) yield decode(Buffer.concat(pending));
	} finally {
		stream.destroy();
	}
}
