/**
 * Request bodies too large to hold in memory. A ByteSource is bytes that can be read from the start
 * as often as needed: the worker's file on disk (opened anew for every read), or a multipart body
 * wrapped around one. Clients never learn where the bytes come from, so clients/ keeps no fs
 * dependency: the activity that owns the file builds the source.
 *
 * A transport sends a ByteSource body as a stream with `Content-Length: size`, opening it once per
 * attempt, so a retried request resends the same bytes without any of them having been kept.
 */

export interface ByteSource {
	/** Exactly how many bytes every `open()` yields (it becomes the Content-Length). */
	readonly size: number;
	/** A fresh pass over the bytes, from the first one. Every call must yield the same bytes. */
	open(): AsyncIterable<Uint8Array>;
}

export function isByteSource(value: unknown): value is ByteSource {
	return !!value && typeof value === 'object' && !(value instanceof Uint8Array) && typeof (value as ByteSource).open === 'function' && Number.isSafeInteger((value as ByteSource).size);
}

/** A source over bytes already in memory (tests, and callers that mix both kinds). */
export function byteSourceOf(bytes: Uint8Array): ByteSource {
	return {
		size: bytes.length,
		async *open() {
			if (bytes.length) yield bytes;
		},
	};
}

/**
 * One pass over a source that fails when it does not yield exactly `size` bytes (the file changed
 * on disk between being measured and being sent): a body shorter or longer than its announced
 * Content-Length would otherwise reach the server as a truncated or garbled upload.
 */
export async function* readChecked(source: ByteSource, what = 'the request body'): AsyncGenerator<Uint8Array> {
	let read = 0;
	for await (const chunk of source.open()) {
		read += chunk.length;
		if (read > source.size) break;
		yield chunk;
	}
	if (read !== source.size) throw new Error(`${what} changed while it was being read: expected ${source.size} bytes, got ${read > source.size ? 'more' : read}`);
}

/**
 * Reads a whole source into one array: for transports that can only send bytes (n8n's request
 * helper). Holds the bytes once, as an in-memory body would.
 */
export async function readByteSource(source: ByteSource): Promise<Uint8Array> {
	const bytes = new Uint8Array(source.size);
	let offset = 0;
	for await (const chunk of readChecked(source)) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}

/** The first `length` bytes of a source (all of it when shorter), reading no further than needed. */
export async function readByteSourceHead(source: ByteSource, length: number): Promise<Uint8Array> {
	const head = new Uint8Array(Math.min(length, source.size));
	if (head.length === 0) return head;
	let offset = 0;
	// Leaving the loop early returns the iterator, which closes the underlying file.
	for await (const chunk of source.open()) {
		const take = Math.min(chunk.length, head.length - offset);
		head.set(chunk.subarray(0, take), offset);
		offset += take;
		if (offset >= head.length) break;
	}
	return head.subarray(0, offset);
}
