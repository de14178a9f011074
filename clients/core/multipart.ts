/**
 * A dependency-free `multipart/form-data` encoder (RFC 7578, as browsers and `FormData` write it),
 * shared by every platform client that uploads files. The encoded body is plain bytes, so it goes
 * through any Transport (n8n's helper, axios) unchanged, and retried requests resend the same bytes.
 */

export interface MultipartField {
	name: string;
	/** Sent as text; objects must be serialised by the caller (e.g. JSON.stringify). */
	value: string | number | boolean;
}

export interface MultipartFile {
	name: string;
	data: Uint8Array;
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

const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');

export function isMultipartFile(part: MultipartPart): part is MultipartFile {
	return (part as MultipartFile).data instanceof Uint8Array;
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
	outer: for (let i = 0; i <= last; i++) {
		if (haystack[i] !== first) continue;
		for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}

function randomBoundary(random: () => number): string {
	let token = '';
	for (let i = 0; i < 24; i++) token += Math.floor(random() * 16).toString(16);
	return `----textai${token}`;
}

const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/;

/**
 * Encodes the parts in order. The boundary is random unless given, and never occurs in any part
 * (checked; a clash picks another one). Text values are UTF-8; file bytes are sent as they are.
 */
export function encodeMultipart(parts: readonly MultipartPart[], options: { boundary?: string; random?: () => number } = {}): EncodedMultipart {
	for (const part of parts) {
		if (!part || typeof part.name !== 'string' || part.name === '') throw new TypeError('every multipart part needs a non-empty name');
	}
	const encoded = parts.map((part) => (isMultipartFile(part) ? part.data : encoder.encode(String(part.value))));
	let boundary = options.boundary;
	if (boundary !== undefined) {
		if (!BOUNDARY.test(boundary)) throw new TypeError(`invalid multipart boundary "${boundary}"`);
		const marker = encoder.encode(`--${boundary}`);
		if (encoded.some((data) => bytesInclude(data, marker))) throw new TypeError('the multipart boundary occurs in the content');
	} else {
		const random = options.random ?? Math.random;
		for (let attempt = 0; ; attempt++) {
			boundary = randomBoundary(random);
			const marker = encoder.encode(`--${boundary}`);
			if (!encoded.some((data) => bytesInclude(data, marker))) break;
			if (attempt > 16) throw new Error('could not find a multipart boundary that does not occur in the content');
		}
	}

	const chunks: Uint8Array[] = [];
	parts.forEach((part, index) => {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeDispositionValue(part.name)}"`;
		if (isMultipartFile(part)) {
			head += `; filename="${escapeDispositionValue(part.filename)}"\r\nContent-Type: ${part.contentType || 'application/octet-stream'}`;
		}
		chunks.push(encoder.encode(`${head}\r\n\r\n`), encoded[index], CRLF);
	});
	chunks.push(encoder.encode(`--${boundary}--\r\n`));

	const body = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.length;
	}
	return { body, contentType: `multipart/form-data; boundary=${boundary}`, boundary: boundary as string };
}
