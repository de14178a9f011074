import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { countRows, detectFormat, FileError, readRows, rowError, sniffDelimiter } from '../../activities/files';
import { collect, failure, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('format detection', () => {
	test('from the option, else from the extension', () => {
		expect(detectFormat({ path: 'a.CSV' })).toBe('csv');
		expect(detectFormat({ path: 'a.tsv' })).toBe('csv');
		expect(detectFormat({ path: 'a.ndjson' })).toBe('jsonl');
		expect(detectFormat({ path: 'a.json' })).toBe('json');
		expect(detectFormat({ path: 'a.xlsx' })).toBe('xlsx');
		expect(detectFormat({ path: 'a.dat', format: 'jsonl' })).toBe('jsonl');
		expect(() => detectFormat({ path: 'a.dat' })).toThrow(/set format to csv, json, jsonl or xlsx/);
	});

	test('a missing file rejects (ENOENT) for every format', async () => {
		for (const ext of ['csv', 'tsv', 'jsonl', 'json', 'xlsx']) await expect(collect({ path: tmp.path(`missing.${ext}`) })).rejects.toThrow(/ENOENT/);
		await expect(collect({ path: tmp.path('missing.csv'), delimiter: ';' })).rejects.toThrow(/ENOENT/);
	});

	test('delimiter sniffing ignores delimiters inside quotes', () => {
		expect(sniffDelimiter('id;text;"a,b,c,d"\r\n1;2;3')).toBe(';');
		expect(sniffDelimiter('id\ttext\n')).toBe('\t');
		expect(sniffDelimiter('single')).toBe(',');
	});
});

describe('CSV', () => {
	// BOM, CRLF, quoted delimiters, doubled quotes, embedded CRLF and LF, unicode, an empty line.
	const csv =
		'\uFEFFid,text,note\r\n' +
		'1,"Hello, ""world""",plain\r\n' +
		'2,"line one\r\nline two\nline three",ü€😀\r\n' +
		'\r\n' +
		'3,,"trailing"\r\n' +
		'4,"5"" screen",x\r\n' +
		'5,5" screen,y\r\n';
	const path = tmp.path('tricky.csv');
	beforeAll(() => writeFileSync(path, csv, 'utf8'));

	test('RFC 4180 content reads back exactly; header keys have no BOM', async () => {
		const rows = await collect({ path });
		expect(rows.map(({ row, values }) => ({ row, values }))).toEqual([
			{ row: 0, values: { id: '1', text: 'Hello, "world"', note: 'plain' } },
			{ row: 1, values: { id: '2', text: 'line one\r\nline two\nline three', note: 'ü€😀' } },
			{ row: 2, values: { id: '3', text: '', note: 'trailing' } },
			{ row: 3, values: { id: '4', text: '5" screen', note: 'x' } },
			{ row: 4, values: { id: '5', text: '5" screen', note: 'y' } },
		]);
	});

	test('startRow skips rows and keeps their indexes; countRows agrees', async () => {
		expect((await collect({ path }, { startRow: 2 })).map((r) => r.values.id)).toEqual(['3', '4', '5']);
		expect(await collect({ path }, { startRow: 99 })).toEqual([]);
		expect(await countRows({ path })).toBe(5);
		expect(() => readRows({ path }, { startRow: -1 })).toThrow(RangeError);
	});

	test('semicolon files (European Excel) are sniffed; explicit delimiter wins', async () => {
		const semi = tmp.path('semi.csv');
		writeFileSync(semi, 'id;text\n1;"a;b"\n');
		expect((await collect({ path: semi }))[0].values).toEqual({ id: '1', text: 'a;b' });
		expect((await collect({ path: semi, delimiter: ',' }))[0].values).toEqual({ 'id;text': '1;"a;b"' });
	});

	test('a wrong field count is an error row, not the end of the stream', async () => {
		const bad = tmp.path('fields.csv');
		writeFileSync(bad, 'id,text\n1,a\n2,b,extra\n3\n4,d\n');
		const rows = await collect({ path: bad });
		expect(rows.map((r) => rowError(r.values) ?? r.values.id)).toEqual(['1', 'expected 2 fields (as in the header), got 3', 'expected 2 fields (as in the header), got 1', '4']);
	});

	test('an unclosed quote fails with a FileError naming the file', async () => {
		const bad = tmp.path('unclosed.csv');
		writeFileSync(bad, 'id,text\n1,"never closed\n2,b\n');
		const error = await failure(collect({ path: bad }));
		expect(error).toBeInstanceOf(FileError);
		expect(error.code).toBe('PARSE_ERROR');
		expect(error.message).toContain('unclosed.csv');
	});

	test('unsafe and duplicate headers: no pollution, suffixed duplicates', async () => {
		const bad = tmp.path('headers.csv');
		writeFileSync(bad, '__proto__,constructor,prototype,id,id,\n{"polluted":1},x,y,1,2,z\n');
		const [{ values }] = await collect({ path: bad });
		expect(values).toEqual({ id: '1', id_2: '2' });
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		expect(({} as any).polluted).toBeUndefined();
	});

	test('an aborted signal stops the read', async () => {
		const controller = new AbortController();
		const rows = readRows({ path }, { signal: controller.signal });
		await rows.next();
		controller.abort();
		await expect(rows.next()).rejects.toThrow(/abort/i);
	});
});

describe('JSONL', () => {
	const path = tmp.path('data.jsonl');
	beforeAll(() =>
		writeFileSync(
			path,
			'\uFEFF{"id":"a","text":"quote \\" and\\nnewline ü😀"}\r\n' + '\n' + '   \n' + '{"id":"b", broken\n' + '[1,2]\n' + '{"id":"c","__proto__":{"polluted":1},"nested":{"x":[1,2]}}', // no trailing newline
		),
	);

	test('line by line: BOM/CRLF handled, blank lines skipped, bad lines become error rows', async () => {
		const rows = await collect({ path });
		expect(rows.map((r) => r.row)).toEqual([0, 1, 2, 3]);
		expect(rows[0].values).toEqual({ id: 'a', text: 'quote " and\nnewline ü😀' });
		expect(rowError(rows[1].values)).toMatch(/^invalid JSON: /);
		expect(rowError(rows[2].values)).toBe('expected a JSON object, got an array');
		expect(rows[3].values).toEqual({ id: 'c', nested: { x: [1, 2] } });
		expect(Object.hasOwn(rows[3].values, '__proto__')).toBe(false);
		expect(({} as any).polluted).toBeUndefined();
	});

	test('startRow and countRows', async () => {
		expect((await collect({ path }, { startRow: 3 })).map((r) => r.values.id)).toEqual(['c']);
		expect(await countRows({ path })).toBe(4);
	});

	test('a line over the record limit fails clearly', async () => {
		const long = tmp.path('long.jsonl');
		writeFileSync(long, `{"text":"${'x'.repeat(5000)}"}\n`);
		await expect(collect({ path: long }, { limits: { maxRecordChars: 1000 } })).rejects.toThrow(/longer than 3000 bytes/);
	});
});

describe('JSON array', () => {
	const elements = [
		{ id: 'a', text: 'brackets ] } [ { and "quotes" and \\ backslash', n: 1.5 },
		{ id: 'b', text: 'unicode ü€😀\u2028', deep: { list: [{ x: '}' }] } },
		{ id: 'c', text: 'line\r\nbreak' },
	];
	const path = tmp.path('data.json');
	beforeAll(() => writeFileSync(path, '\uFEFF' + JSON.stringify(elements, null, 2)));

	test('streams each top-level element', async () => {
		expect(await collect({ path })).toEqual(elements.map((values, row) => ({ row, values })));
	});

	test('elements split across read chunks', async () => {
		const big = tmp.path('big.json');
		const many = Array.from({ length: 3000 }, (_, i) => ({ id: String(i), text: `"${'x'.repeat(i % 500)}" ]}` }));
		writeFileSync(big, JSON.stringify(many));
		const rows = await collect({ path: big });
		expect(rows).toHaveLength(3000);
		expect(rows[2999].values).toEqual(many[2999]);
		expect(await countRows({ path: big })).toBe(3000);
		expect((await collect({ path: big }, { startRow: 2998 })).map((r) => r.row)).toEqual([2998, 2999]);
	});

	test('non-object and invalid elements become error rows; scalars are skipped over correctly', async () => {
		const mixed = tmp.path('mixed.json');
		writeFileSync(mixed, '[ {"id":"a"}, 42, "s,]", null, {"id": tru}, {"id":"z"} ]');
		const rows = await collect({ path: mixed });
		expect(rows.map((r) => rowError(r.values) ?? r.values.id)).toEqual([
			'a',
			'expected a JSON object, got number',
			'expected a JSON object, got string',
			'expected a JSON object, got null',
			expect.stringMatching(/^invalid JSON: /),
			'z',
		]);
	});

	test('not an array, or truncated: a clear FileError', async () => {
		const object = tmp.path('object.json');
		writeFileSync(object, '{"comments": []}');
		await expect(collect({ path: object })).rejects.toThrow(/expected a JSON array.*\.jsonl/);
		const truncated = tmp.path('truncated.json');
		writeFileSync(truncated, '[{"id":"a"}, {"id":"b"');
		await expect(collect({ path: truncated })).rejects.toThrow(/truncated/);
		const empty = tmp.path('empty.json');
		writeFileSync(empty, '[]');
		expect(await collect({ path: empty })).toEqual([]);
	});
});

describe('XLSX', () => {
	const path = tmp.path('book.xlsx');
	beforeAll(() => {
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['ignored'], ['sheet']]), 'First');
		const sheet = XLSX.utils.aoa_to_sheet(
			[
				['id', 'when', 'score', 'ok', 'text'],
				[42, new Date(Date.UTC(2024, 4, 1, 10, 30, 0)), 12.5, true, 'multi\nline "quoted" ü😀'],
				[],
				['x7', undefined, undefined, false, '=1+2'],
			],
			{ cellDates: true, UTC: true },
		);
		XLSX.utils.book_append_sheet(book, sheet, 'Comments');
		writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
	});

	test('named sheet, typed values, dates as ISO strings, blank rows skipped', async () => {
		expect(await collect({ path, sheet: 'Comments' })).toEqual([
			{ row: 0, values: { id: 42, when: '2024-05-01T10:30:00.000Z', score: 12.5, ok: true, text: 'multi\nline "quoted" ü😀' } },
			{ row: 1, values: { id: 'x7', when: null, score: null, ok: false, text: '=1+2' } },
		]);
		expect((await collect({ path }))[0].values).toEqual({ ignored: 'sheet' });
	});

	test('startRow, countRows, and a missing sheet', async () => {
		expect((await collect({ path, sheet: 'Comments' }, { startRow: 1 })).map((r) => r.values.id)).toEqual(['x7']);
		expect(await countRows({ path, sheet: 'Comments' })).toBe(2);
		await expect(collect({ path, sheet: 'Nope' })).rejects.toThrow('no sheet named "Nope"; the workbook has "First", "Comments"');
	});
});
