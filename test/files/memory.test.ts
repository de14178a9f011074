import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { appendFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { mapRowToComment, openResultWriter, readRows, type FileSpec } from '../../activities/files';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ROWS = 200_000;
const MB = 1024 * 1024;
/** Retained growth allowed (measured: under 3 MB); the data is 30-60 MB, kept whole it would be hundreds of MB of objects. */
const MAX_RETAINED_MB = 16;

// A full collection before each sample, so the samples measure what is retained, not garbage that
// a collector has not reached yet (when that happens depends on allocation timing, not on the reader).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
/** Live heap after a full collection. */
function retainedHeap(): number {
	collect();
	return process.memoryUsage().heapUsed;
}

/** Writes `ROWS` generated lines in chunks, so generating the file does not hold it in memory. */
async function generate(path: string, header: string, line: (i: number) => string): Promise<void> {
	const out = createWriteStream(path);
	out.write(header);
	for (let i = 0; i < ROWS; i += 5000) {
		let chunk = '';
		for (let j = i; j < Math.min(i + 5000, ROWS); j++) chunk += line(j);
		if (!out.write(chunk)) await once(out, 'drain');
	}
	out.end();
	await finished(out);
}

/** Reads every row, sampling the retained heap; returns the row count and the largest growth seen. */
async function readAll(file: FileSpec, startRow = 0): Promise<{ count: number; first: number; growthMb: number }> {
	const baseline = retainedHeap();
	let peak = baseline;
	let count = 0;
	let first = -1;
	for await (const { row, values } of readRows(file, { startRow })) {
		if (first < 0) first = row;
		if (mapRowToComment(values, { id: 'id', timestamp: 'ts', text: 'text' }, row).issues) throw new Error(`row ${row} did not map`);
		if (++count % 20_000 === 0) peak = Math.max(peak, retainedHeap());
	}
	return { count, first, growthMb: (peak - baseline) / MB };
}

describe('flat memory on large files', () => {
	const text = (i: number): string => `Comment ${i}: the delivery was late, "again"\nsecond line ü😀 ${'x'.repeat(i % 200)}`;

	// csv-parse runs ~5x slower inside jest's VM sandbox than in plain node (~1 s per 200k rows there).
	test(`a ${ROWS}-row CSV streams with bounded heap growth`, async () => {
		const path = tmp.path('big.csv');
		await generate(path, 'id,ts,text\r\n', (i) => `${i.toString(16)},2024-05-01T10:00:00Z,"${text(i).replace(/"/g, '""')}"\r\n`);
		const all = await readAll({ path });
		expect(all.count).toBe(ROWS);
		expect(all.growthMb).toBeLessThan(MAX_RETAINED_MB);
	});

	test(`a ${ROWS}-row JSONL streams with bounded heap growth, and startRow skips ahead`, async () => {
		const path = tmp.path('big.jsonl');
		await generate(path, '', (i) => `${JSON.stringify({ id: i.toString(16), ts: '2024-05-01T10:00:00Z', text: text(i) })}\n`);
		const all = await readAll({ path });
		expect(all.count).toBe(ROWS);
		expect(all.growthMb).toBeLessThan(MAX_RETAINED_MB);
		expect(await readAll({ path }, ROWS - 10)).toMatchObject({ count: 10, first: ROWS - 10 });
	});

	test(`a ${ROWS}-element JSON array streams with bounded heap growth`, async () => {
		const path = tmp.path('big.json');
		await generate(path, '[', (i) => `${i ? ',' : ''}\n  ${JSON.stringify({ id: i.toString(16), ts: '2024-05-01T10:00:00Z', text: text(i) })}`);
		await appendFile(path, '\n]\n');
		const all = await readAll({ path });
		expect(all.count).toBe(ROWS);
		expect(all.growthMb).toBeLessThan(MAX_RETAINED_MB);
	});

	test(`writing ${ROWS} CSV rows keeps heap growth bounded`, async () => {
		const baseline = retainedHeap();
		let peak = baseline;
		const writer = await openResultWriter(tmp.path('out.csv'), 'csv', ['row', 'uid', 'labels']);
		for (let i = 0; i < ROWS; i++) {
			await writer.write({ row: i, uid: `src.${i.toString(16)}`, labels: [{ name: ['Late', 'Delivery'], probability: 0.5 }] });
			if (i % 20_000 === 0) peak = Math.max(peak, retainedHeap());
		}
		expect(await writer.close()).toEqual({ rows: ROWS });
		expect((peak - baseline) / MB).toBeLessThan(MAX_RETAINED_MB);
	});
});
