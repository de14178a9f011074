import fs from 'node:fs';
import { FileError, readRowChunks, type FileRow, type FileSpec, type ReadOptions } from '../../activities/files';
import { collect, failure, tempDir } from './helpers';

/**
 * readRowChunks must hand out exactly what readRows does (rows, row numbers, values, offsets),
 * only grouped: bulk activities resume from the offsets it reports.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function chunked(file: FileSpec, options?: ReadOptions): Promise<{ rows: FileRow[]; chunks: number; total: number }> {
	const rows: FileRow[] = [];
	let chunks = 0;
	const reader = readRowChunks(file, options);
	for (;;) {
		const next = await reader.next();
		if (next.done) return { rows, chunks, total: next.value };
		expect(next.value.length).toBeGreaterThan(0);
		chunks++;
		rows.push(...next.value);
	}
}

const TRICKY_CSV =
	'\uFEFFid,text,n\r\n' +
	'1,"multi\r\nline, with comma",10\r\n' +
	'\r\n' +
	'2,"quote ""inside""",20\r\n' +
	'3,ünïcödé 🙂,30\r\n' +
	'4,too,many,fields\r\n' +
	'5,"trailing\nnewline\n",40\r\n' +
	'6,last,50';

const JSONL = '\uFEFF{"id":1,"t":"a"}\r\n\n{"id":2,"t":"ü🙂"}\n{bad json}\n{"id":4,"t":"d"}';

const JSON_ARRAY = '\uFEFF[{"id":1,"t":"a \\"q\\" ]}"},\n{"id":2,"t":"ü🙂","n":{"deep":[1,{"x":"}"}]}}, 42, {bad}, {"id":5}]';

describe.each([
	['csv', TRICKY_CSV],
	['jsonl', JSONL],
	['json', JSON_ARRAY],
])('readRowChunks on a %s file', (format, content) => {
	test('gives the rows, row numbers, values and offsets readRows gives, and the row count', async () => {
		const path = tmp.path(`tricky.${format}`);
		fs.writeFileSync(path, content);
		const all = await collect({ path });
		const { rows, total } = await chunked({ path });
		expect(rows).toEqual(all);
		expect(total).toBe(all.length);
	});

	test('resumes at every reported offset, and skips by startRow', async () => {
		const path = tmp.path(`resume.${format}`);
		fs.writeFileSync(path, content);
		const all = await collect({ path });
		for (const [i, row] of all.entries()) {
			expect((await chunked({ path }, { startRow: row.row + 1, startOffset: row.offset })).rows).toEqual(all.slice(i + 1));
			expect((await chunked({ path }, { startRow: row.row })).rows).toEqual(all.slice(i));
		}
	});
});

test('a large CSV comes in a few chunks with the offsets of readRows, and resumes mid-chunk', async () => {
	const path = tmp.path('large.csv');
	const lines = ['text,label'];
	for (let i = 0; i < 30_000; i++) lines.push(i % 1000 === 7 ? `"line ${i}\nwith a newline, and ""quotes""",x` : `row number ${i},label ${i % 4}`);
	fs.writeFileSync(path, `${lines.join('\n')}\n`);
	const all = await collect({ path });
	const { rows, chunks, total } = await chunked({ path });
	expect(total).toBe(30_000);
	expect(rows).toEqual(all);
	expect(chunks).toBeLessThan(100);
	const at = all[12_345];
	expect((await chunked({ path }, { startRow: at.row + 1, startOffset: at.offset })).rows).toEqual(all.slice(12_346));
});

test('a large JSON array comes in one chunk per block read, and its rows are those of readRows', async () => {
	const path = tmp.path('large.json');
	fs.writeFileSync(path, JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: `task-${i}`, text: `text ${i} with "quotes" and ] } brackets`, n: [i, { i }] }))));
	const all = await collect({ path });
	const { rows, chunks, total } = await chunked({ path });
	expect(total).toBe(20_000);
	expect(rows).toEqual(all);
	expect(chunks).toBeLessThan(30);
	expect((await chunked({ path }, { startRow: 12_345 })).rows).toEqual(all.slice(12_345));
});

test('stopping early closes the file; a malformed CSV fails with a FileError; an aborted signal stops the read', async () => {
	const path = tmp.path('stop.csv');
	fs.writeFileSync(path, `a,b\n${Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n')}\n`);
	for await (const chunk of readRowChunks({ path })) {
		expect(chunk[0].row).toBe(0);
		break;
	}
	const bad = tmp.path('bad.csv');
	fs.writeFileSync(bad, `a,b\n1,"never closed\n${'x,'.repeat(100)}`);
	const error = await failure(chunked({ path: bad }, { limits: { maxRecordChars: 50 } }));
	expect(error).toBeInstanceOf(FileError);
	expect((error as FileError).code).toBe('PARSE_ERROR');
	const controller = new AbortController();
	controller.abort();
	await expect(chunked({ path }, { signal: controller.signal })).rejects.toThrow();
});
