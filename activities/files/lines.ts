import { createReadStream } from 'node:fs';
import { FileError } from './types';

const NEWLINE = 0x0a;

/**
 * Streams a UTF-8 file line by line with flat memory: splits on `\n` bytes (never part of a
 * multi-byte UTF-8 sequence), strips a trailing `\r` and a leading BOM. A line longer than
 * `maxLineBytes` throws rather than buffering without bound. Each line comes with `end`, the
 * byte offset just after it; `startByte` starts reading at such an offset.
 */
export async function* readLines(path: string, maxLineBytes: number, startByte = 0): AsyncGenerator<{ text: string; end: number }> {
	const stream = createReadStream(path, { highWaterMark: 256 * 1024, start: startByte });
	let position = startByte;
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
			const chunkStart = position;
			position += chunk.length;
			if (first) {
				first = false;
				if (startByte === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
			}
			for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
				const piece = chunk.subarray(start, nl);
				start = nl + 1;
				if (pendingBytes + piece.length > maxLineBytes) throw tooLong();
				const line = pendingBytes ? Buffer.concat([...pending, piece]) : piece;
				pending = [];
				pendingBytes = 0;
				yield { text: decode(line), end: chunkStart + nl + 1 };
			}
			if (start < chunk.length) {
				pending.push(chunk.subarray(start));
				pendingBytes += chunk.length - start;
				if (pendingBytes > maxLineBytes) throw tooLong();
			}
		}
		if (pendingBytes) yield { text: decode(Buffer.concat(pending)), end: position };
	} finally {
		stream.destroy();
	}
}
