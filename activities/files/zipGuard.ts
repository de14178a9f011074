import { FileError } from './types';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAX_ENTRIES = 10_000;

/**
 * Checks an XLSX (zip) file before it is handed to the parser: it must be a zip, and the
 * uncompressed sizes its central directory declares must stay under `maxUncompressedBytes` (a zip
 * bomb is rejected before anything is inflated). ZIP64 archives (over 4 GB) are refused.
 * This is a guard against obviously hostile files, not a full zip validator.
 */
export function checkZip(buffer: Buffer, path: string, maxUncompressedBytes: number): void {
	const refuse = (message: string): never => {
		throw new FileError('UNSAFE_INPUT', `${path}: ${message}`);
	};
	if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) refuse('not an XLSX file (it is not a zip archive)');
	// The end-of-central-directory record is in the last 22 bytes plus up to 64 KB of comment.
	let eocd = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
		if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) refuse('corrupt XLSX file (no zip directory)');
	const entries = buffer.readUInt16LE(eocd + 10);
	const directoryOffset = buffer.readUInt32LE(eocd + 16);
	if (entries === 0xffff || directoryOffset === 0xffffffff) refuse('ZIP64 workbooks are not supported');
	if (entries > MAX_ENTRIES) refuse(`the workbook has ${entries} parts; at most ${MAX_ENTRIES} are accepted`);
	let total = 0;
	let at = directoryOffset;
	for (let n = 0; n < entries; n++) {
		if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) refuse('corrupt XLSX file (bad zip directory)');
		const size = buffer.readUInt32LE(at + 24);
		if (size === 0xffffffff) refuse('ZIP64 workbooks are not supported');
		total += size;
		if (total > maxUncompressedBytes) {
			refuse(`the workbook unpacks to more than ${Math.round(maxUncompressedBytes / 1048576)} MB; save the sheet as CSV for large data`);
		}
		at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
	}
}
