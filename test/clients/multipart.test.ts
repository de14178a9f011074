import { bytesInclude, encodeMultipart, encodeMultipartSource, readByteSource, sourceIncludes, type ByteSource, type MultipartPart } from '../../clients/core';

/** Parses with Node's own (undici) FormData parser: an implementation independent of ours. */
async function parse(body: Uint8Array, contentType: string): Promise<FormData> {
	return new Response(body, { headers: { 'content-type': contentType } }).formData();
}

describe('encodeMultipart', () => {
	test('text fields and a binary file round-trip through a standard parser', async () => {
		const bytes = new Uint8Array(256).map((_, i) => i); // every byte value, CR and LF included
		const { body, contentType, boundary } = encodeMultipart([
			{ name: 'credential_id', value: 7 },
			{ name: 'parameters', value: JSON.stringify({ limit: 5, since: 'é' }) },
			{ name: 'file', data: bytes, filename: 'reviews.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
			{ name: 'flag', value: true },
		]);
		expect(contentType).toBe(`multipart/form-data; boundary=${boundary}`);
		const form = await parse(body, contentType);
		expect(form.get('credential_id')).toBe('7');
		expect(JSON.parse(form.get('parameters') as string)).toEqual({ limit: 5, since: 'é' });
		expect(form.get('flag')).toBe('true');
		const file = form.get('file') as File;
		expect(file.name).toBe('reviews.xlsx');
		expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
	});

	test('exact wire format: CRLF line breaks, disposition, closing boundary', () => {
		const { body } = encodeMultipart([{ name: 'a', value: 'x' }, { name: 'f', data: new TextEncoder().encode('hi'), filename: 'h.txt', contentType: 'text/plain' }], { boundary: 'B0UND' });
		expect(new TextDecoder().decode(body)).toBe(
			'--B0UND\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n' +
				'--B0UND\r\nContent-Disposition: form-data; name="f"; filename="h.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n' +
				'--B0UND--\r\n',
		);
	});

	test('quotes and line breaks in names and filenames are escaped, UTF-8 filenames kept', async () => {
		const { body, contentType } = encodeMultipart([{ name: 'file', data: new Uint8Array([1]), filename: 'a"b\r\nc-ü.pdf' }], { boundary: 'xyz' });
		const text = new TextDecoder().decode(body);
		expect(text).toContain('filename="a%22b%0D%0Ac-ü.pdf"');
		expect(text).toContain('Content-Type: application/octet-stream');
		const file = (await parse(body, contentType)).get('file') as File;
		// The standard parser undoes the WHATWG escapes: the original name comes back.
		expect(file.name).toBe('a"b\r\nc-ü.pdf');
	});

	test('a random boundary that occurs in the content is replaced', () => {
		// The first candidate boundary (all zeros) is planted in the data; the encoder must pick another.
		const values = [0, 0.5];
		let n = 0;
		const random = () => (n++ < 24 ? values[0] : values[1]);
		const planted = new TextEncoder().encode(`prefix------textai${'0'.repeat(24)}suffix`);
		const { boundary, body } = encodeMultipart([{ name: 'file', data: planted, filename: 'x.bin' }], { random });
		expect(boundary).toBe(`----textai${'8'.repeat(24)}`);
		expect(bytesInclude(planted, new TextEncoder().encode(`--${boundary}`))).toBe(false);
		expect(body.length).toBeGreaterThan(planted.length);
	});

	test('a given boundary that occurs in the content, or is invalid, is refused', () => {
		expect(() => encodeMultipart([{ name: 'a', value: '--abc' }], { boundary: 'abc' })).toThrow('occurs in the content');
		expect(() => encodeMultipart([{ name: 'a', value: 'x' }], { boundary: 'has space' })).toThrow('invalid multipart boundary');
		expect(() => encodeMultipart([{ name: '', value: 'x' }])).toThrow('non-empty name');
	});

	test('empty parts and no parts still form a valid body', async () => {
		const { body, contentType } = encodeMultipart([{ name: 'empty', value: '' }]);
		expect((await parse(body, contentType)).get('empty')).toBe('');
		const none = encodeMultipart([]);
		expect(new TextDecoder().decode(none.body)).toBe(`--${none.boundary}--\r\n`);
	});
});

/** A source yielding `bytes` in chunks of `chunkSize`, counting how often it is opened. */
function chunked(bytes: Uint8Array, chunkSize: number): ByteSource & { opened: number } {
	const source = {
		size: bytes.length,
		opened: 0,
		async *open() {
			source.opened++;
			for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
		},
	};
	return source;
}

describe('encodeMultipartSource', () => {
	const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
	const parts = (data: Uint8Array | ByteSource): MultipartPart[] => [
		{ name: 'credential_id', value: 7 },
		{ name: 'file', data, filename: 'reviews.csv', contentType: 'text/csv' },
		{ name: 'flag', value: true },
	];

	test('the streamed body is byte-identical to the buffered encoding, has its exact size, and reads again', async () => {
		for (const chunkSize of [1, 4096, 65_536, 200_000]) {
			const source = chunked(bytes, chunkSize);
			const buffered = encodeMultipart(parts(bytes), { boundary: 'B0UND' });
			const streamed = await encodeMultipartSource(parts(source), { boundary: 'B0UND' });
			expect(streamed.contentType).toBe(buffered.contentType);
			expect(streamed.body.size).toBe(buffered.body.length);
			const first = await readByteSource(streamed.body);
			expect(Buffer.from(first).equals(Buffer.from(buffered.body))).toBe(true);
			// Re-openable: a retried request reads the whole body again, the file from its start.
			expect(Buffer.from(await readByteSource(streamed.body)).equals(Buffer.from(first))).toBe(true);
			// One pass for the boundary check, one per read of the body.
			expect(source.opened).toBe(3);
		}
	});

	test('with a random boundary, the same random numbers give the same body as the buffered encoding', async () => {
		const random = () => 0.25;
		const buffered = encodeMultipart(parts(bytes), { random });
		const streamed = await encodeMultipartSource(parts(chunked(bytes, 1000)), { random });
		expect(streamed.boundary).toBe(buffered.boundary);
		expect(Buffer.from(await readByteSource(streamed.body)).equals(Buffer.from(buffered.body))).toBe(true);
		const form = await parse(await readByteSource(streamed.body), streamed.contentType);
		expect(new Uint8Array(await (form.get('file') as File).arrayBuffer())).toEqual(bytes);
	});

	test('a boundary planted across chunk edges of a source is found, and another one picked', async () => {
		const values = [0, 0.5];
		let n = 0;
		const random = () => (n++ < 24 ? values[0] : values[1]);
		const planted = new TextEncoder().encode(`prefix------textai${'0'.repeat(24)}suffix`);
		// Every chunk size splits the marker somewhere (or holds it whole).
		for (const chunkSize of [1, 2, 5, 17, 1000]) {
			n = 0;
			const { boundary } = await encodeMultipartSource([{ name: 'file', data: chunked(planted, chunkSize), filename: 'x.bin' }], { random });
			expect(boundary).toBe(`----textai${'8'.repeat(24)}`);
			expect(await sourceIncludes(chunked(planted, chunkSize), new TextEncoder().encode(`--${'-'.repeat(4)}textai${'0'.repeat(24)}`))).toBe(true);
			expect(await sourceIncludes(chunked(planted, chunkSize), new TextEncoder().encode('suffixx'))).toBe(false);
		}
		await expect(encodeMultipartSource([{ name: 'f', data: chunked(new TextEncoder().encode('a--abc'), 2), filename: 'f' }], { boundary: 'abc' })).rejects.toThrow('occurs in the content');
	});

	test('a source that no longer yields its announced size fails the body instead of sending another length', async () => {
		let shrink = false;
		const source: ByteSource = {
			size: 10,
			async *open() {
				yield new Uint8Array(shrink ? 6 : 10);
			},
		};
		const { body } = await encodeMultipartSource([{ name: 'file', data: source, filename: 'grown.csv' }], { boundary: 'B' });
		shrink = true;
		await expect(readByteSource(body)).rejects.toThrow('"grown.csv" changed while it was being read: expected 10 bytes, got 6');
	});
});
