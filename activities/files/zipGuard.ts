import { inflateRawSync } from 'node:zlib';
import { FileError } from './types';

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP64_EXTRA = 0x0001;
const MAX_ENTRIES = 10_000;

/** Whether a zip "extra field" block holds a ZIP64 record (which can declare 64-bit sizes). */
function hasZip64Extra(buffer: Buffer, start: number, length: number): boolean {
	for (let at = start; at + 4 <= Math.min(start + length, buffer.length); at += 4 + buffer.readUInt16LE(at + 2)) {
		if (buffer.readUInt16LE(at) === ZIP64_EXTRA) return true;
	}
	return false;
}

/**
 * Checks an XLSX (zip) file before SheetJS parses it: it must be a zip with at most 10,000 parts,
 * no ZIP64 records, and parts that unpack to at most `maxUncompressedBytes` in total — both as
 * declared and as actually inflated.
 *
 * The zip is walked the way SheetJS walks it (last end-of-directory record, central directory,
 * each local header). SheetJS allocates the declared size up front, and when a part declares
 * size 0 (legal for streamed zips) it inflates without any bound, so declared sizes are summed
 * and every deflated part is also inflated here with a hard output cap. The cost is one extra
 * inflate of the workbook (about 1 s per 250 MB unpacked), with transient buffers up to the cap.
 */
export function checkZip(buffer: Buffer, path: string, maxUncompressedBytes: number): void {
	const refuse = (message: string): never => {
		throw new FileError('UNSAFE_INPUT', `${path}: ${message}`);
	};
	const tooBig = (): never => refuse(`the workbook unpacks to more than ${Math.round(maxUncompressedBytes / 1048576)} MB; save the sheet as CSV for large data`);
	if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL_SIGNATURE) refuse('not an XLSX file (it is not a zip archive)');
	const end = buffer.lastIndexOf(END_SIGNATURE);
	if (end < 0 || end + 22 > buffer.length) refuse('corrupt XLSX file (no zip directory)');
	const entries = buffer.readUInt16LE(end + 8);
	if (entries > MAX_ENTRIES) refuse(`the workbook has ${entries} parts; at most ${MAX_ENTRIES} are accepted`);

	let declared = 0;
	let budget = maxUncompressedBytes;
	let at = buffer.readUInt32LE(end + 16);
	for (let n = 0; n < entries; n++) {
		if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) refuse('corrupt XLSX file (bad zip directory)');
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const local = buffer.readUInt32LE(at + 42);
		if (hasZip64Extra(buffer, at + 46 + nameLength, extraLength)) refuse('ZIP64 workbooks are not supported');
		if (local + 30 > buffer.length) refuse('corrupt XLSX file (bad zip entry)');
		const localName = buffer.readUInt16LE(local + 26);
		const localExtra = buffer.readUInt16LE(local + 28);
		if (hasZip64Extra(buffer, local + 30 + localName, localExtra)) refuse('ZIP64 workbooks are not supported');
		declared += Math.max(buffer.readUInt32LE(at + 24), buffer.readUInt32LE(local + 22));
		if (declared > maxUncompressedBytes) tooBig();
		at += 46 + nameLength + extraLength + buffer.readUInt16LE(at + 32);

		const method = buffer.readUInt16LE(local + 8);
		const data = local + 30 + localName + localExtra;
		if (data > buffer.length) refuse('corrupt XLSX file (bad zip entry)');
		if (method === 0) continue; // stored: no bigger than the file itself
		if (method !== 8) refuse(`unsupported zip compression method ${method}`);
		if (budget <= 0) tooBig();
		let size = 0;
		try {
			// Inflation stops at the end of the part's deflate stream; the rest of the buffer is ignored.
			size = inflateRawSync(buffer.subarray(data), { maxOutputLength: budget }).length;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') tooBig();
			refuse(`corrupt XLSX file (${(error as Error).message})`);
		}
		budget -= size;
	}
}
