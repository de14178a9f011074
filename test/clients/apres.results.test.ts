/**
 * The streaming pieces of the Apres results download (activities/apres/results.ts): the output
 * object is split into its `json` rows (a file) and its other members without holding the rows,
 * and tasks are joined with their output rows as two streams, in order or not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { joinByTaskId, splitJsonMember } from '../../activities/apres/results';
import { readRows } from '../../activities/files';
import { resultRows } from '../../activities/apres/taskBatch';
import type { Task } from '../../clients/apres';

let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apres-results-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function split(text: string, key = 'json'): Promise<{ rows: unknown; others: Record<string, unknown> }> {
	const source = path.join(dir, 'output.json');
	const target = path.join(dir, 'rows.json');
	fs.writeFileSync(source, text);
	const others = await splitJsonMember(source, key, target);
	return { rows: JSON.parse(fs.readFileSync(target, 'utf8')), others };
}

describe('splitJsonMember', () => {
	test('copies the rows of a large output (spanning many read chunks) and parses the other members', async () => {
		const json = Array.from({ length: 20_000 }, (_, i) => ({
			task_id: `t-${i}`,
			input: `https://s3.example/photo-${i}.jpg`,
			output: i % 7 ? ['Heron', { box: [1, 2, 3] }] : [],
			status: 'Completed',
			note: i % 5 ? 'plain' : 'braces } ] { [ , and "quotes" and \\ backslashes \u00e9',
			consensus_score: i / 20_000,
		}));
		const document = { statistics: [{ name: 'Successful Tasks', value: 20_000 }], json, csv: 'https://apres.example/output.csv', 'odd "key"': { nested: [null, true, 1.5e3] } };
		const text = JSON.stringify(document, null, 1);
		expect(text.length).toBeGreaterThan(1024 * 1024);
		const { rows, others } = await split(text);
		expect(rows).toEqual(json);
		expect(others).toEqual({ statistics: document.statistics, csv: document.csv, 'odd "key"': document['odd "key"'] });
	});

	test('the member last, scalars next to the closing brace, a byte-order mark, whitespace around', async () => {
		expect(await split('\uFEFF {"csv":"u","n":12,"json":[{"a":1}]} \n')).toEqual({ rows: [{ a: 1 }], others: { csv: 'u', n: 12 } });
		expect(await split('{"json":[],"done":true}')).toEqual({ rows: [], others: { done: true } });
		expect(await split('{"json":[{"x":"]"}],"score":0.5}')).toEqual({ rows: [{ x: ']' }], others: { score: 0.5 } });
	});

	test('an absent or non-array member gives no rows', async () => {
		expect(await split('{"csv":"u"}')).toEqual({ rows: [], others: { csv: 'u' } });
		expect(await split('{"json":null,"csv":"u"}')).toEqual({ rows: [], others: { csv: 'u' } });
		expect(await split('{}')).toEqual({ rows: [], others: {} });
	});

	test('a truncated or malformed download is an error, not a short result', async () => {
		await expect(split('{"json":[{"a":1},{"a"')).rejects.toThrow('incomplete');
		await expect(split('[1,2]')).rejects.toThrow('expected a JSON object');
		await expect(split('{"json":[] "csv":1}')).rejects.toThrow('between members');
		await expect(split('{"json":[]} trailing')).rejects.toThrow('after the JSON object');
		await expect(split('{"csv":tru,"json":[]}')).rejects.toThrow('"csv" is not valid JSON');
	});
});

test('the task list file is read back element by element, strings with quotes, backslashes and brackets across read chunks included', async () => {
	const tasks = Array.from({ length: 30_000 }, (_, i) => ({
		id: `task-${i}`,
		input: i % 3 ? `photo-${i}.jpg` : `odd \\ "name" [${i}] {x}.jpg`,
		output: i % 4 ? ['A\\', '"B"'] : [],
		feedback: i % 11 ? null : '\\\\"\\',
	}));
	const file = path.join(dir, 'tasks.json');
	fs.writeFileSync(file, JSON.stringify(tasks));
	expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);
	const read: unknown[] = [];
	for await (const { values } of readRows({ path: file, format: 'json' })) read.push(values);
	expect(read).toEqual(tasks);
});

/** The items in chunks of `size` (the join must not depend on where chunks end). */
async function* stream<T>(items: T[], size = 1): AsyncGenerator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const task = (id: string) => ({ id, status: 'Completed', input: `${id}.jpg`, state: 'completed' }) as Task;
const out = (id: string) => ({ task_id: id, input: `https://s3/${id}.jpg`, output: [id.toUpperCase()], status: 'Completed' });

async function joined(tasks: Task[], outputs: Array<ReturnType<typeof out>>) {
	const results = [];
	for (const [taskChunk, outChunk] of [[1, 1], [2, 3], [3, 2], [100, 100]]) {
		const pairs: Array<[string | undefined, string | undefined]> = [];
		for await (const chunk of joinByTaskId(stream(tasks, taskChunk), stream(outputs, outChunk))) for (const { task: t, out: o } of chunk) pairs.push([t?.id, o?.task_id]);
		results.push(pairs);
	}
	// Every way of cutting the lists into chunks gives the same pairs.
	for (const pairs of results) expect(pairs).toEqual(results[0]);
	return results[0];
}

describe('joinByTaskId', () => {
	test('pairs tasks with their output rows in order, out of order, with rows missing on either side', async () => {
		const ids = ['a', 'b', 'c', 'd'];
		expect(await joined(ids.map(task), ids.map(out))).toEqual(ids.map((id) => [id, id]));
		expect(await joined(ids.map(task), ['d', 'c', 'b', 'a'].map(out))).toEqual(ids.map((id) => [id, id]));
		expect(await joined(['a', 'b', 'c'].map(task), ['c', 'x', 'a', 'y'].map(out))).toEqual([
			['a', 'a'],
			['b', undefined],
			['c', 'c'],
			[undefined, 'x'],
			[undefined, 'y'],
		]);
		expect(await joined([], ['x'].map(out))).toEqual([[undefined, 'x']]);
	});

	test('gives the same rows as joining the whole lists in memory', async () => {
		const tasks = ['t1', 't2', 't3', 't4', 't5'].map(task);
		const outputs = ['t2', 't9', 't1', 't5', 't3'].map(out);
		const expected = resultRows(tasks, outputs).map((r) => [r.task_id, r.input_url]);
		const streamed: unknown[] = [];
		for await (const chunk of joinByTaskId(stream(tasks, 2), stream(outputs, 3))) {
			for (const { task: t, out: o } of chunk) {
				const [row] = t ? resultRows([t], o ? [o] : []) : resultRows([], [o!]);
				streamed.push([row.task_id, row.input_url]);
			}
		}
		expect(streamed).toEqual(expected);
	});
});
