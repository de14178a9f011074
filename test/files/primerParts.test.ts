/**
 * Primer upload parts (activities/primer/parts.ts): the check step's spool and the upload's own
 * read of the file cut the same parts, so a checkpoint taken in one mode resumes in the other;
 * a spool of another check attempt, other limits or a lost file is not used.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileParts, partLimits, removeSpool, spooledParts, spoolPaths, SpoolWriter, type Part, type PartLimits, type SpoolRef } from '../../activities/primer/parts';
import type { FilePosition } from '../../activities/shared/orderedProgress';
import { STORY_COLUMNS, writeStoriesCsv } from '../../bench/primer-data';

let dir: string;
let file: string;
const BAD = new Set([0, 7, 8, 30, 118, 119]);
const LIMITS: PartLimits = { partRows: 25, partBytes: 4096 };

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'primer-parts-'));
	file = path.join(dir, 'stories.csv');
	await writeStoriesCsv(file, 120, BAD);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function collect(parts: AsyncIterable<Part>): Promise<Part[]> {
	const out: Part[] = [];
	for await (const part of parts) out.push(part);
	return out;
}

const fromFile = (start?: FilePosition, limits = LIMITS) => collect(fileParts({ file: { path: file }, columns: STORY_COLUMNS, ...limits, start }));

async function spool(outputPath: string, limits = LIMITS): Promise<SpoolRef> {
	const writer = await SpoolWriter.create(outputPath, limits);
	for (const part of await fromFile(undefined, limits)) await writer.write(part);
	return writer.commit();
}

test('parts hold every valid row once, within both limits, and count the rows skipped before them', async () => {
	const invalid: number[] = [];
	// 114 valid rows end at row 117: six parts of 19, then the two bad rows 118 and 119.
	const byRows = { partRows: 19, partBytes: 1 << 20 };
	const parts = await collect(fileParts({ file: { path: file }, columns: STORY_COLUMNS, ...byRows, onInvalid: (row) => void invalid.push(row) }));
	expect(invalid).toEqual([...BAD]);
	expect(parts.reduce((n, p) => n + p.documents, 0)).toBe(120 - BAD.size);
	expect(parts.reduce((n, p) => n + p.skipped, 0)).toBe(BAD.size);
	// The last part holds no document, only the skipped tail and the end.
	expect(parts).toHaveLength(7);
	expect(parts.at(-1)).toMatchObject({ documents: 0, skipped: 2, end: { row: 120 } });
	expect(parts.at(-1)!.body.length).toBe(0);
	const ids: string[] = [];
	for (const part of parts.slice(0, -1)) {
		expect(part.documents).toBe(19);
		const lines = part.body.toString('utf8').trim().split('\r\n');
		expect(lines[0]).toBe('id,title,text');
		expect(lines.length - 1).toBe(part.documents);
		ids.push(...lines.slice(1).map((l) => l.split(',')[0]));
	}
	expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => i).filter((i) => !BAD.has(i)).map((i) => `doc-${i}`));
	// A byte limit smaller than a part's rows cuts it earlier.
	const small = await fromFile(undefined, { partRows: 19, partBytes: 1024 });
	expect(small.length).toBeGreaterThan(parts.length);
	for (const part of small.slice(0, -1)) {
		expect(part.documents).toBeLessThan(19);
		expect(part.body.length).toBeLessThan(1024 + 400);
	}
});

test('the spool gives back the same parts, and resumes after any part end in either mode', async () => {
	const outputPath = path.join(dir, 'results.csv');
	const ref = await spool(outputPath);
	const direct = await fromFile();
	const spooled = await collect((await spooledParts(ref, LIMITS, { row: 0 }))!);
	expect(spooled).toEqual(direct);
	for (const [i, part] of direct.entries()) {
		const rest = direct.slice(i + 1);
		expect(await collect((await spooledParts(ref, LIMITS, part.end))!)).toEqual(rest);
		// The file read from the same checkpoint cuts the same remaining parts.
		expect(await fromFile(part.end)).toEqual(rest);
	}
	await removeSpool(outputPath);
	expect(fs.existsSync(spoolPaths(outputPath).data) || fs.existsSync(spoolPaths(outputPath).manifest)).toBe(false);
});

test('a spool that is gone, from another check attempt, cut with other limits or not ending at the checkpoint is not used', async () => {
	const outputPath = path.join(dir, 'other.csv');
	const ref = await spool(outputPath);
	expect(await spooledParts({ ...ref, id: 'an-earlier-attempt' }, LIMITS, { row: 0 })).toBeUndefined();
	expect(await spooledParts(ref, { ...LIMITS, partRows: 26 }, { row: 0 })).toBeUndefined();
	expect(await spooledParts(ref, LIMITS, { row: 3 })).toBeUndefined();
	expect(await spooledParts(undefined, LIMITS, { row: 0 })).toBeUndefined();
	// A new check attempt replaces the spool: the older reference no longer matches.
	const again = await spool(outputPath);
	expect(again.id).not.toBe(ref.id);
	expect(await spooledParts(ref, LIMITS, { row: 0 })).toBeUndefined();
	await removeSpool(outputPath);
	expect(await spooledParts(again, LIMITS, { row: 0 })).toBeUndefined();
});

test('a discarded spool leaves no file behind; limits have floors', async () => {
	const outputPath = path.join(dir, 'discarded.csv');
	const writer = await SpoolWriter.create(outputPath, LIMITS);
	for (const part of await fromFile()) await writer.write(part);
	await writer.discard();
	expect(fs.readdirSync(dir).filter((f) => f.startsWith('discarded'))).toEqual([]);
	expect(partLimits({})).toEqual({ partRows: 10_000, partBytes: 8 * 1024 * 1024 });
	expect(partLimits({ partRows: 0, partBytes: 10 })).toEqual({ partRows: 1, partBytes: 1024 });
});
