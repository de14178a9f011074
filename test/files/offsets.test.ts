import fs from 'node:fs';
import { collect, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CSV =
	'\uFEFFid,text,n\r\n' +
	'1,"multi\r\nline, with comma",10\r\n' +
	'\r\n' +
	'2,"quote ""inside""",20\r\n' +
	'3,ünïcödé 🙂,30\r\n' +
	'4,"trailing\nnewline\n",40\r\n' +
	'5,last,50';

const JSONL = '\uFEFF{"id":1,"t":"a"}\r\n\n{"id":2,"t":"ü🙂"}\n{bad json}\n{"id":4,"t":"d"}';

describe.each([
	['csv', CSV],
	['jsonl', JSONL],
])('resuming a %s file at a reported offset', (format, content) => {
	test('yields exactly the rows after it, with the same row numbers', async () => {
		const path = tmp.path(`offsets.${format}`);
		fs.writeFileSync(path, content);
		const all = await collect({ path });
		expect(all.length).toBeGreaterThan(3);
		for (const [i, row] of all.entries()) {
			expect(typeof row.offset).toBe('number');
			const rest = await collect({ path }, { startRow: row.row + 1, startOffset: row.offset });
			expect(rest.map((r) => [r.row, r.values])).toEqual(all.slice(i + 1).map((r) => [r.row, r.values]));
		}
	});
});
