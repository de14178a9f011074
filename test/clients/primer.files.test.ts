/**
 * The dependency-free pieces the n8n node uses for files (it may not load npm packages or
 * node:zlib at runtime): DEFLATE, the XLSX reader, CSV parsing and upload-file building. The
 * references they are checked against are node:zlib and SheetJS (dev dependencies, tests only).
 */
import * as XLSX from '@e965/xlsx';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { documentsToCsv, documentsToJson, parseCsv, parseCsvObjects, readXlsxTable, tableToCsv, validateUploadDocument, xlsxSheetNames, XlsxError } from '../../clients/primer';
import { inflateRaw, InflateError } from '../../clients/primer/inflate';

describe('inflateRaw', () => {
	const samples: Array<[string, Buffer]> = [
		['empty', Buffer.alloc(0)],
		['short text', Buffer.from('hello hello hello world')],
		['repetitive text', Buffer.from('Primer Automate '.repeat(20_000))],
		['random bytes', randomBytes(200_000)],
		['mixed', Buffer.concat([randomBytes(5000), Buffer.from('abc'.repeat(30_000)), randomBytes(70_000)])],
	];
	for (const level of [0, 1, 6, 9]) {
		test.each(samples)(`round-trips %s compressed by zlib at level ${level}`, (_, data) => {
			const compressed = zlib.deflateRawSync(data, { level });
			const out = Buffer.from(inflateRaw(compressed, { expectedSize: data.length }));
			expect(out.length).toBe(data.length);
			expect(out.equals(data)).toBe(true);
		});
	}
	test('fixed-Huffman blocks (Z_FIXED strategy)', () => {
		const data = Buffer.from('fixed huffman block, fixed huffman block! 0123456789'.repeat(500));
		const compressed = zlib.deflateRawSync(data, { strategy: zlib.constants.Z_FIXED });
		expect(Buffer.from(inflateRaw(compressed)).equals(data)).toBe(true);
	});
	test('refuses to expand beyond its limit, and rejects corrupt data', () => {
		const bomb = zlib.deflateRawSync(Buffer.alloc(5_000_000));
		expect(() => inflateRaw(bomb, { limit: 1_000_000 })).toThrow(InflateError);
		expect(() => inflateRaw(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(InflateError);
	});
});

function workbook(sheets: Record<string, unknown[][]>, options: XLSX.WritingOptions = {}): Uint8Array {
	const book = XLSX.utils.book_new();
	for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), name);
	return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, ...options }) as Buffer;
}

describe('readXlsxTable (dependency-free)', () => {
	test('reads shared strings, numbers, booleans, dates, blanks and escapes like SheetJS does', () => {
		const when = new Date(Date.UTC(2024, 2, 5, 13, 30));
		const data = workbook({
			Docs: [
				['id', 'text', 'score', 'flag', 'when', 'note'],
				[1, 'Storm closes <port> & "harbour"', 0.5, true, when, 'line one\nline two'],
				[],
				[2, 'Ünïcödé ✓ text', -3, false, null, ''],
			],
			Other: [['x'], ['y']],
		});
		expect(xlsxSheetNames(data)).toEqual(['Docs', 'Other']);
		const table = readXlsxTable(data);
		expect(table.header).toEqual(['id', 'text', 'score', 'flag', 'when', 'note']);
		expect(table.rows).toEqual([
			{ id: 1, text: 'Storm closes <port> & "harbour"', score: 0.5, flag: true, when: when.toISOString(), note: 'line one\nline two' },
			{ id: 2, text: 'Ünïcödé ✓ text', score: -3, flag: false },
		]);
		expect(readXlsxTable(data, { sheet: 'Other' }).rows).toEqual([{ x: 'y' }]);
		expect(() => readXlsxTable(data, { sheet: 'Nope' })).toThrow('the workbook has no sheet named "Nope" (sheets: Docs, Other)');
	});

	test('inline strings and uncompressed (stored) workbooks', () => {
		const data = workbook({ S: [['text'], ['inline one'], ['inline two']] }, { compression: false, cellStyles: false });
		expect(readXlsxTable(data).rows).toEqual([{ text: 'inline one' }, { text: 'inline two' }]);
	});

	test('a few thousand rows', () => {
		const rows = Array.from({ length: 5000 }, (_, i) => [i, `document number ${i}`]);
		const table = readXlsxTable(workbook({ S: [['id', 'text'], ...rows] }));
		expect(table.rows).toHaveLength(5000);
		expect(table.rows[4999]).toEqual({ id: 4999, text: 'document number 4999' });
	});

	test('a file that is not a workbook is named as such', () => {
		expect(() => readXlsxTable(Buffer.from('id,text\n1,a\n'))).toThrow(new XlsxError('not an XLSX file (no zip directory found)'));
	});
});

describe('CSV and upload files', () => {
	test('parseCsv: quotes, embedded newlines and commas, CRLF, BOM, blank lines', () => {
		const text = '\uFEFFid,text\r\n1,"a, ""quoted""\ntext"\r\n\r\n2,plain\n';
		expect(parseCsv(text).map((r) => [r.line, r.fields])).toEqual([
			[1, ['id', 'text']],
			[2, ['1', 'a, "quoted"\ntext']],
			[5, ['2', 'plain']],
		]);
		expect(() => parseCsv('id,text\n1,"never closed\n2,x\n')).toThrow('line 2: a quoted field is never closed');
		expect(() => parseCsvObjects('id,text\n1,a\n2,b,extra\n')).toThrow('data row 1 (line 3) has 3 fields, but the header has 2');
	});

	test('documentsToCsv / documentsToJson write only the columns used, labels joined by ";"', () => {
		const docs = [
			{ text: 'first, with comma', id: 'a1', label: ['NT', 'OT'] },
			{ text: 'second "quoted"', id: 7 },
		];
		const csv = documentsToCsv(docs);
		expect(csv.data).toBe('id,text,label\r\n"a1","first, with comma",NT;OT\r\n7,"second ""quoted""",\r\n'.replace('"a1"', 'a1'));
		expect(csv.headers).toEqual({ id: 'id', text: 'text', label: 'label' });
		expect(JSON.parse(documentsToJson(docs).data)).toEqual([
			{ id: 'a1', text: 'first, with comma', label: 'NT;OT' },
			{ id: '7', text: 'second "quoted"' },
		]);
		expect(tableToCsv(['a', 'b'], [{ a: 1, b: '=x' }])).toBe('a,b\r\n1,=x\r\n');
	});

	test('validateUploadDocument names the item and field', () => {
		expect(validateUploadDocument({ text: '  ' }, 3)).toEqual([{ itemIndex: 3, field: 'text', problem: 'is required and must be non-empty text, got "  "' }]);
		expect(validateUploadDocument({ text: 'ok', id: { a: 1 } }, 0)).toEqual([{ itemIndex: 0, field: 'id', problem: 'must be text or a number, got an object' }]);
	});
});
