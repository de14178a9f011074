/**
 * A dependency-free `multipart/form-data` encoder (RFC 7578, as browsers and `FormData` write it),
 * shared by every platform client that uploads files. Two encodings of the same wire format:
 *
 * - `encodeMultipart`: every part in memory, the body is plain bytes. It goes through any Transport
 *   (n8n's helper, axios) unchanged, and retried requests resend the same bytes.
 * - `encodeMultipartSource`: file parts may be ByteSources (a file on disk), and the body is a
 *   ByteSource too, with a known size: a transport streams it with that Content-Length and opens
 *   it again for a retry, so an upload never holds the file in memory (let alone twice).
 *
 * Both write byte-identical bodies for the same parts and boundary.
 */
import { isByteSource, readChecked, type ByteSource } from './byteSource';

export interface MultipartField {
	name: string;
	/** Sent as text; objects must be serialised by the caller (e.g. JSON.stringify). */
	value: string | number | boolean;
}

export interface MultipartFile {
	name: string;
	/** The file's bytes, or (for `encodeMultipartSource` only) a source to stream them from. */
	data: Uint8Array | ByteSource;
	filename: string;
	/** Defaults to application/octet-stream. */
	contentType?: string;
}

export type MultipartPart = MultipartField | MultipartFile;

export interface EncodedMultipart {
	body: Uint8Array;
	/** The Content-Type header value, boundary included. */
	contentType: string;
	boundary: string;
}

export interface EncodedMultipartSource {
	/** The whole body, re-openable, with its exact size (the Content-Length). */
	body: ByteSource;
	/** The Content-Type header value, boundary included. */
	contentType: string;
	boundary: string;
}

export interface MultipartOptions {
	/** A fixed boundary (checked against the content); random when not given. */
	boundary?: string;
	random?: () => number;
}

const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');

export function isMultipartFile(part: MultipartPart): part is MultipartFile {
	const data = (part as MultipartFile).data;
	return data instanceof Uint8Array || isByteSource(data);
}

/** True when some part of the body is streamed from a source rather than held in memory. */
export function hasStreamedPart(parts: readonly MultipartPart[]): boolean {
	return parts.some((part) => isMultipartFile(part) && !(part.data instanceof Uint8Array));
}

/** Escapes a name or filename for a Content-Disposition parameter, the way the WHATWG spec does. */
export function escapeDispositionValue(value: string): string {
	return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/** True when `needle` occurs in `haystack` (bytes). */
export function bytesInclude(haystack: Uint8Array, needle: Uint8Array): boolean {
	if (needle.length === 0) return true;
	const first = needle[0];
	const last = haystack.length - needle.length;
	// The native indexOf finds candidate starts far faster than a byte loop (sources reach 100 MB).
	outer: for (let i = haystack.indexOf(first); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
		for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

/**
 * True when `needle` occurs in one pass over the source, also across the chunks' edges: before each
 * chunk, the last `needle.length - 1` bytes seen are searched together with the chunk's start.
 */
export async function sourceIncludes(source: ByteSource, needle: Uint8Array): Promise<boolean> {
	if (needle.length === 0) return true;
	const keep = needle.length - 1;
	let carry = new Uint8Array(0);
	for await (const chunk of source.open()) {
		if (carry.length && keep) {
			const joint = new Uint8Array(carry.length + Math.min(keep, chunk.length));
			joint.set(carry);
			joint.set(chunk.subarray(0, joint.length - carry.length), carry.length);
			if (bytesInclude(joint, needle)) return true;
		}
		if (bytesInclude(chunk, needle)) return true;
		if (chunk.length >= keep) carry = chunk.slice(chunk.length - keep);
		else {
			const joined = new Uint8Array(carry.length + chunk.length);
			joined.set(carry);
			joined.set(chunk, carry.length);
			carry = joined.slice(Math.max(0, joined.length - keep));
		}
	}
	return false;
}

function randomBoundary(random: () => number): string {
	let token = '';
	for (let i = 0; i < 24; i++) token += Math.floor(random() * 16).toString(16);
	return `----textai${token}`;
}

const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/;

/** Random boundaries tried before giving up (a clash with 96 random bits means planted content). */
const RANDOM_ATTEMPTS = 18;

/** The given boundary (validated), or random candidates: the caller takes the first that is not in the content. */
function* boundaryCandidates(options: MultipartOptions): Generator<string> {
	if (options.boundary !== undefined) {
		if (!BOUNDARY.test(options.boundary)) throw new TypeError(`invalid multipart boundary "${options.boundary}"`);
		yield options.boundary;
		throw new TypeError('the multipart boundary occurs in the content');
	}
	const random = options.random ?? Math.random;
	for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) yield randomBoundary(random);
	throw new Error('could not find a multipart boundary that does not occur in the content');
}

/** Each part's content: text fields as UTF-8, files as given. Names are checked first. */
function partContents(parts: readonly MultipartPart[]): Array<Uint8Array | ByteSource> {
	for (const part of parts) {
		if (!part || typeof part.name !== 'string' || part.name === '') throw new TypeError('every multipart part needs a non-empty name');
	}
	return parts.map((part) => (isMultipartFile(part) ? part.data : encoder.encode(String(part.value))));
}

/** The body in wire order: each part's header, its content and a line break, then the closing boundary. */
function frame(parts: readonly MultipartPart[], contents: ReadonlyArray<Uint8Array | ByteSource>, boundary: string): Array<Uint8Array | ByteSource> {
	const pieces: Array<Uint8Array | ByteSource> = [];
	parts.forEach((part, index) => {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeDispositionValue(part.name)}"`;
		if (isMultipartFile(part)) {
			head += `; filename="${escapeDispositionValue(part.filename)}"\r\nContent-Type: ${part.contentType || 'application/octet-stream'}`;
		}
		pieces.push(encoder.encode(`${head}\r\n\r\n`), contents[index], CRLF);
	});
	pieces.push(encoder.encode(`--${boundary}--\r\n`));
	return pieces;
}

const contentType = (boundary: string) => `multipart/form-data; boundary=${boundary}`;

/**
 * Encodes the parts, all in memory, in order. The boundary is random unless given, and never occurs
 * in any part (checked; a clash picks another one). Text values are UTF-8; file bytes are sent as
 * they are. Parts streamed from a ByteSource need `encodeMultipartSource`.
 */
export function encodeMultipart(parts: readonly MultipartPart[], options: MultipartOptions = {}): EncodedMultipart {
	const contents = partContents(parts);
	const bytes = contents.map((data) => {
		if (!(data instanceof Uint8Array)) throw new TypeError('a multipart file streamed from a source needs encodeMultipartSource');
		return data;
	});
	let boundary = '';
	for (const candidate of boundaryCandidates(options)) {
		const marker = encoder.encode(`--${candidate}`);
		if (!bytes.some((data) => bytesInclude(data, marker))) {
			boundary = candidate;
			break;
		}
	}
	const pieces = frame(parts, bytes, boundary) as Uint8Array[];
	const body = new Uint8Array(pieces.reduce((sum, c) => sum + c.length, 0));
	let offset = 0;
	for (const piece of pieces) {
		body.set(piece, offset);
		offset += piece.length;
	}
	return { body, contentType: contentType(boundary), boundary };
}

/**
 * Encodes the parts as a re-openable stream: nothing of a ByteSource part is held, and each
 * `body.open()` reads the sources again. The boundary is checked against every part as in
 * `encodeMultipart`, which for a source means one read through it now (sequential, no memory).
 * A source that no longer yields its announced size when sent fails the body rather than
 * sending a body of another length than its Content-Length.
 */
export async function encodeMultipartSource(parts: readonly MultipartPart[], options: MultipartOptions = {}): Promise<EncodedMultipartSource> {
	const contents = partContents(parts);
	let boundary = '';
	for (const candidate of boundaryCandidates(options)) {
		const marker = encoder.encode(`--${candidate}`);
		let clash = false;
		for (const data of contents) {
			clash = data instanceof Uint8Array ? bytesInclude(data, marker) : await sourceIncludes(data, marker);
			if (clash) break;
		}
		if (!clash) {
			boundary = candidate;
			break;
		}
	}
	// Each source is read through a size check, named after its file in the error.
	const checked = contents.map((data, i): Uint8Array | ByteSource =>
		data instanceof Uint8Array ? data : { size: data.size, open: () => readChecked(data, `"${(parts[i] as MultipartFile).filename}"`) },
	);
	const pieces = frame(parts, checked, boundary);
	const size = pieces.reduce((sum, piece) => sum + (piece instanceof Uint8Array ? piece.length : piece.size), 0);
	return {
		body: {
			size,
			async *open() {
				for (const piece of pieces) {
					if (piece instanceof Uint8Array) yield piece;
					else yield* piece.open();
				}
			},
		},
		contentType: contentType(boundary),
		boundary,
	};
}
