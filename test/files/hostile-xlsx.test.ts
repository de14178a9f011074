import { truncateSync, writeFileSync } from 'node:fs';
import { countRows, FileError } from '../../activities/files';
import { collect, craftXlsx, failure, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const before = prototypeKeys();

afterEach(() => {
	// Nothing a workbook contains may reach Object.prototype.
	expect(prototypeKeys()).toEqual(before);
	expect(({} as any).polluted).toBeUndefined();
	expect(({} as any).id).toBeUndefined();
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const start = Date.now();
	const result = await work();
	return { result, ms: Date.now() - start };
}

describe('hostile workbooks', () => {
	const hostile = tmp.path('hostile.xlsx');
	const hugeText = 'A'.repeat(20 * 1024 * 1024); // a 20 MB shared string (compresses to ~20 KB)
	const redos = `${'\t'.repeat(30_000)}${'a'.repeat(30_000)}${'&amp;'.repeat(30_000)}${'<>'.repeat(10_000)}!`;
	beforeAll(() => {
		writeFileSync(
			hostile,
			craftXlsx(
				[
					// The first sheet is called __proto__.
					{ name: '__proto__', rows: [['id'], ['1']] },
					{
						name: 'Data',
						// A lying dimension: the whole grid.
						dimension: 'A1:XFD1048576',
						rows: [
							['__proto__', 'constructor', 'prototype', 'id', 'text', '__proto__'],
							['{"polluted":true}', 'x', 'y', 'r1', hugeText, 'z'],
							['p', 'c', 'q', 'r2', redos, 'z', { at: 16383, xml: '<v>1</v>' }], // a cell in the last column
							[{ xml: '<v>5</v>', t: 'n' }, undefined, undefined, 'r3', { xml: `<is>${'<r><t>run</t></r>'.repeat(20_000)}</is>`, t: 'inlineStr' }],
						],
					},
				],
				// Unused rich shared strings with many runs.
				[`<si>${'<r><rPr><b/></rPr><t>&lt;</t></r>'.repeat(20_000)}</si>`],
			),
		);
	});

	test('unsafe header cells are dropped, huge and ReDoS-ish cells are read in bounded time', async () => {
		const { result: rows, ms } = await timed(() => collect({ path: hostile, sheet: 'Data' }));
		expect(ms).toBeLessThan(15_000);
		expect(rows.map((r) => Object.keys(r.values))).toEqual([
			['id', 'text'],
			['id', 'text'],
			['id', 'text'],
		]);
		for (const { values } of rows) expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		// (compared as booleans: a failure would otherwise print megabytes)
		expect(rows[0].values.id === 'r1' && rows[0].values.text === hugeText).toBe(true);
		expect(rows[1].values.text === redos).toBe(true);
		expect(rows[2].values.text === 'run'.repeat(20_000)).toBe(true);
	});

	test('a sheet named __proto__ is refused, whether first or asked for', async () => {
		const first = await failure(collect({ path: hostile }));
		expect(first).toBeInstanceOf(FileError);
		expect(first.code).toBe('UNSAFE_INPUT');
		expect(first.message).toMatch(/sheet name "__proto__" is not supported; rename the sheet/);
		await expect(collect({ path: hostile, sheet: '__proto__' })).rejects.toThrow(/rename the sheet/);
		await expect(collect({ path: hostile, sheet: 'constructor' })).rejects.toThrow(/rename the sheet/);
	});

	test('a header wider than the column limit is refused', async () => {
		const wide = tmp.path('wide.xlsx');
		writeFileSync(wide, craftXlsx([{ name: 'S', rows: [['id', { at: 16383, xml: '<v>1</v>' }], ['1']] }]));
		await expect(collect({ path: wide })).rejects.toThrow(/the header row has 16384 columns; at most 1024 are read/);
	});

	test('too many rows are refused, not silently truncated', async () => {
		const long = tmp.path('long.xlsx');
		writeFileSync(long, craftXlsx([{ name: 'S', rows: [['id'], ...Array.from({ length: 50 }, (_, i) => [i])] }]));
		expect(await countRows({ path: long })).toBe(50);
		const error = await failure(countRows({ path: long }, { limits: { maxXlsxRows: 10 } }));
		expect(error.code).toBe('LIMIT_EXCEEDED');
		expect(error.message).toMatch(/more than 10 rows below the header/);
	});

	test('a zip bomb is refused, even when its headers lie about the sizes', async () => {
		const limits = { maxXlsxUncompressedBytes: 5 * 1024 * 1024 };
		const { result: error, ms } = await timed(() => failure(collect({ path: hostile, sheet: 'Data' }, { limits })));
		expect(ms).toBeLessThan(2000);
		expect(error.code).toBe('UNSAFE_INPUT');
		expect(error.message).toMatch(/unpacks to more than 5 MB; save the sheet as CSV/);

		// Parts declaring size 0 (as streamed zips do) make SheetJS inflate without bound.
		const streamed = tmp.path('streamed.xlsx');
		writeFileSync(streamed, craftXlsx([{ name: 'S', rows: [['id', 'text'], ['1', hugeText]] }], [], 0));
		await expect(collect({ path: streamed }, { limits })).rejects.toThrow(/unpacks to more than 5 MB/);
		expect((await collect({ path: streamed }))[0].values.id).toBe('1'); // fine within the limit

		// A tiny file declaring 4 GB parts (SheetJS would allocate that up front).
		const liar = tmp.path('liar.xlsx');
		writeFileSync(liar, craftXlsx([{ name: 'S', rows: [['id'], ['1']] }], [], 0xfffffff0));
		await expect(collect({ path: liar })).rejects.toThrow(/unpacks to more than 300 MB/);
	});

	test('an over-size file is refused with a clear error, without reading it', async () => {
		const big = tmp.path('big.xlsx');
		writeFileSync(big, '');
		truncateSync(big, 60 * 1024 * 1024); // sparse: no real disk use
		const error = await failure(collect({ path: big }));
		expect(error).toBeInstanceOf(FileError);
		expect(error.code).toBe('FILE_TOO_LARGE');
		expect(error.message).toMatch(/is 60\.0 MB; XLSX files are limited to 50 MB .* Save the sheet as CSV/);
	});

	test('files that are not zips (HTML, CSV, legacy XLS) are not handed to the parser', async () => {
		const html = tmp.path('fake.xlsx');
		writeFileSync(html, '<html><body><table><tr><td>__proto__</td></tr></table></body></html>');
		await expect(collect({ path: html })).rejects.toThrow(/not an XLSX file/);
		const truncated = tmp.path('truncated.xlsx');
		writeFileSync(truncated, craftXlsx([{ name: 'S', rows: [['id'], [1]] }]).subarray(0, 200));
		await expect(collect({ path: truncated })).rejects.toThrow(/corrupt XLSX file/);
	});
});
