import { bytesInclude, encodeMultipart } from '../../clients/core';

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
