import { Context } from '@temporalio/activity';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError, type ByteSource } from '../../clients/core';
import { MAX_PAGE_SIZE, PLATFORM, type DeepOpinionClient, type Document, type Tag } from '../../clients/deepopinion';
import { formatCsvRecord, openResultWriter, readRows } from '../files';
import { FileError } from '../files/types';
import { heartbeating } from '../shared/heartbeating';
import { activityCheckpointOwner, LocalCheckpoint } from '../shared/localCheckpoint';

export interface AnalysisFile {
	path: string;
	/** Upload format when the extension does not say it: csv, txt, json, jsonl or xlsx. */
	format?: 'csv' | 'txt' | 'json' | 'jsonl' | 'xlsx';
}

export interface StartAnalysisInput {
	connection: string;
	file: AnalysisFile;
	modelId: number;
	/** Also the idempotency key: an analysis of the model with this name is reused. */
	name: string;
	column?: number;
	columnName?: string;
	split?: boolean;
	headerFirst?: boolean;
	/** The job's results file: the uploaded file's id is kept next to it until the analysis exists. */
	outputPath?: string;
}

/** What a retried start needs of an upload an earlier attempt made: the file's id and header. */
interface UploadCheckpoint {
	fileId: string;
	columns: string[];
}

export interface StartAnalysisResult {
	analysisId: number;
	documentCount: number;
	/** True when an analysis with this name already existed (a retried or repeated start). */
	reused: boolean;
}

/** Read size when streaming the input file: few chunks per upload, little memory. */
const UPLOAD_CHUNK_BYTES = 256 * 1024;

/**
 * The input file as a ByteSource: measured now, read from disk each time the upload (or a retry of
 * it) sends it, so the worker never holds the file, which may be as large as the upload limit.
 * Reads stop at the measured size; a file that shrank fails the upload (see readChecked).
 */
async function openInput(file: AnalysisFile): Promise<{ data: ByteSource; fileName: string }> {
	let size: number;
	try {
		const stat = await fs.stat(file.path);
		if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
		size = stat.size;
	} catch (error) {
		throw new FileError('PARSE_ERROR', `cannot read ${file.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	const base = path.basename(file.path);
	const fileName = file.format ? `${base.replace(/\.[^.]*$/, '')}.${file.format}` : base;
	const data: ByteSource = {
		size,
		// An empty file has no byte range to read (the upload checks refuse it anyway).
		open: () => (size === 0 ? [] : createReadStream(file.path, { start: 0, end: size - 1, highWaterMark: UPLOAD_CHUNK_BYTES })) as AsyncIterable<Uint8Array>,
	};
	return { data, fileName };
}

/**
 * Uploads the file (multipart) and creates the batch analysis from one of its columns. A retried or
 * repeated start finds the analysis by name and reuses it instead of analysing the file twice, and
 * reuses the file an earlier attempt uploaded (its id is heartbeated, and kept next to the results
 * file because heartbeats reach Temporal late) instead of uploading it again.
 */
export async function startAnalysis(client: DeepOpinionClient, input: StartAnalysisInput): Promise<StartAnalysisResult> {
	if (input.column === undefined && (input.columnName === undefined || input.columnName === '')) {
		throw new ValidationError([{ field: 'columnName', problem: 'or column is required: the column of the file holding the documents' }], PLATFORM, 'batchAnalysis');
	}
	const ctx = Context.current();
	const local = input.outputPath ? new LocalCheckpoint<UploadCheckpoint>(`${input.outputPath}.checkpoint.json`, activityCheckpointOwner(ctx.info)) : undefined;
	let uploaded = (ctx.info.heartbeatDetails as UploadCheckpoint | undefined) ?? (await local?.load());
	const existing = (await heartbeating(() => client.getAllAnalyses({ model: input.modelId }, { pageSize: MAX_PAGE_SIZE }), () => uploaded)).find((a) => a.name === input.name);
	if (existing) {
		await local?.remove();
		return { analysisId: existing.id, documentCount: existing.document_count ?? 0, reused: true };
	}
	const { data, fileName } = await openInput(input.file);
	if (!uploaded) {
		const upload = await heartbeating(() => client.uploadAnalysisFile({ data, fileName }));
		const fresh: UploadCheckpoint = { fileId: upload.id, columns: Array.isArray(upload.preview?.[0]) ? (upload.preview[0] as unknown[]).map((h) => String(h ?? '')) : [] };
		ctx.heartbeat(fresh);
		local?.save(fresh);
		await local?.flush();
		uploaded = fresh;
	}
	const { fileId, columns: header } = uploaded;
	if (input.columnName !== undefined && (input.headerFirst ?? true) && header.length && !header.includes(input.columnName)) {
		throw new ValidationError([{ field: 'columnName', problem: `"${input.columnName}" is not a column of ${fileName} (columns: ${header.join(', ')})` }], PLATFORM, 'batchAnalysis');
	}
	const analysis = await heartbeating(() => client.createAnalysis({
		file_id: fileId,
		...(input.columnName !== undefined && input.columnName !== '' ? { column_name: input.columnName } : { column: input.column }),
		name: input.name,
		model_id: input.modelId,
		split: input.split ?? true,
		header_first: input.headerFirst ?? true,
	}), () => uploaded);
	await local?.remove();
	return { analysisId: analysis.id, documentCount: analysis.document_count ?? 0, reused: false };
}

export interface AnalysisStatus {
	status: string;
	progress: number;
	documentCount: number;
	finished: string | null;
}

export async function analysisStatus(client: DeepOpinionClient, analysisId: number): Promise<AnalysisStatus> {
	const analysis = await client.getAnalysis(analysisId);
	return { status: String(analysis.status ?? ''), progress: Number(analysis.progress ?? 0), documentCount: analysis.document_count ?? 0, finished: analysis.finished ?? null };
}

export interface AwaitAnalysisInput {
	connection: string;
	analysisId: number;
	pollIntervalMs: number;
	/** Check again every `pollIntervalMs` for at most this long, then return the last status (0: check once). */
	maxWaitMs: number;
}

/** Statuses after which an analysis no longer changes. */
const ANALYSIS_OVER = new Set(['FINISHED', 'FAILED']);

/**
 * Checks the analysis until it has FINISHED or FAILED or `maxWaitMs` has passed, sleeping
 * `pollIntervalMs` (cancellably) and heartbeating between checks. Short polls belong in an
 * activity: a workflow timer fires about a second late at best.
 */
export async function awaitAnalysis(client: DeepOpinionClient, input: AwaitAnalysisInput): Promise<AnalysisStatus & { polls: number }> {
	const ctx = Context.current();
	const started = Date.now();
	for (let polls = 1; ; polls++) {
		const status = await heartbeating(() => analysisStatus(client, input.analysisId), () => ({ polls, status: 'checking' }));
		if (ANALYSIS_OVER.has(status.status) || Date.now() - started + input.pollIntervalMs > input.maxWaitMs) return { ...status, polls };
		// Heartbeats also while sleeping: the heartbeat timeout may be shorter than the poll interval.
		const details = { polls, status: status.status, progress: status.progress };
		ctx.heartbeat(details);
		await heartbeating(() => ctx.sleep(input.pollIntervalMs), () => details);
	}
}

export interface ExportAnalysisInput {
	connection: string;
	analysisId: number;
	/** Results file: .jsonl, .csv or .xlsx. */
	outputPath: string;
	/** Documents per request, 1..1000 (default 1000). */
	pageSize?: number;
}

export interface ExportAnalysisResult {
	documents: number;
	segments: number;
	tags: number;
	outputPath: string;
}

interface ExportCheckpoint {
	offset: number;
	bytes: number;
	segments: number;
	tags: number;
}

export const RESULT_COLUMNS = ['document_id', 'ref', 'text', 'segment_count', 'tags', 'segments'];

function tagName(tag: Tag): string {
	return [tag.class, tag.label].filter(Boolean).join('/');
}

/** One results record per document: its segments with spans and tags, and the distinct tags. */
export function resultRecord(doc: Document): Record<string, unknown> {
	const segments = (doc.segments ?? []).map((s) => ({ text: s.text, span: s.span, tags: (s.tags ?? []).map((t) => ({ ...(t.class !== undefined ? { class: t.class } : {}), ...(t.label !== undefined ? { label: t.label } : {}) })) }));
	const tags = [...new Set(segments.flatMap((s) => s.tags.map(tagName)))];
	const ref = doc.meta && typeof doc.meta === 'object' ? (doc.meta as Record<string, unknown>).id : undefined;
	return { document_id: doc.id, ref: ref ?? null, text: doc.text, segment_count: segments.length, tags, segments };
}

function outputFormat(outputPath: string): 'jsonl' | 'csv' | 'xlsx' {
	const ext = path.extname(outputPath).toLowerCase();
	if (ext === '.csv') return 'csv';
	if (ext === '.xlsx') return 'xlsx';
	if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
	throw new FileError('UNSUPPORTED_FORMAT', `outputPath must end in .jsonl, .csv or .xlsx, got "${outputPath}"`);
}

const jsonLine = (r: Record<string, unknown>) => `${JSON.stringify(r)}\n`;
const csvLine = (r: Record<string, unknown>) =>
	formatCsvRecord(RESULT_COLUMNS.map((c) => (c === 'tags' ? (r.tags as string[]).join('; ') : c === 'segments' ? JSON.stringify(r.segments) : r[c])));

/**
 * A page's records encoded into one growing buffer outside the JS heap. Not one string per page:
 * a page-sized string lands in V8's old generation at once, and a worker with a capped heap pays
 * for it in full collections. Not one Buffer per record either: a thousand small objects per page
 * live until the page is written (the next page is fetched meanwhile), so every scavenge copies
 * them, and each is encoded on its own. Here each record's string dies young and is encoded once.
 */
class PageBuffer {
	private buffer = Buffer.allocUnsafeSlow(256 * 1024);
	private length = 0;

	write(text: string): void {
		// UTF-8 needs at most 3 bytes per UTF-16 unit: grow first, then encode in place.
		const room = text.length * 3;
		if (this.length + room > this.buffer.length) {
			const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + room));
			this.buffer.copy(grown, 0, 0, this.length);
			this.buffer = grown;
		}
		this.length += this.buffer.write(text, this.length, 'utf8');
	}

	bytes(): Buffer {
		return this.buffer.subarray(0, this.length);
	}
}

/** Writes all of `data` at `position` (a single write may be short). */
async function writeAll(file: fs.FileHandle, data: Uint8Array, position: number): Promise<void> {
	for (let done = 0; done < data.length; ) {
		const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
		done += bytesWritten;
	}
}

/**
 * Pages through every document of a finished analysis (segments, tags, meta) and writes one
 * record per document. The checkpoint (heartbeated, and kept next to the results: heartbeats reach
 * Temporal late) holds the document offset and the output size after the last written page: a
 * retried attempt resumes from the later of the two and cuts off anything written after it, so
 * every document appears exactly once and only the pages in flight are fetched again. XLSX is
 * written from a JSONL stream at the end.
 */
export async function exportAnalysis(client: DeepOpinionClient, input: ExportAnalysisInput): Promise<ExportAnalysisResult> {
	const ctx = Context.current();
	const format = outputFormat(input.outputPath);
	const streamPath = format === 'xlsx' ? `${input.outputPath}.jsonl` : input.outputPath;
	const local = new LocalCheckpoint<ExportCheckpoint>(`${input.outputPath}.checkpoint.json`, activityCheckpointOwner(ctx.info));
	const heartbeat = ctx.info.heartbeatDetails as ExportCheckpoint | undefined;
	const saved = await local.load();
	const resume = saved && (!heartbeat || saved.offset >= heartbeat.offset) ? saved : heartbeat;
	const state: ExportCheckpoint = resume ? { ...resume } : { offset: 0, bytes: 0, segments: 0, tags: 0 };
	await fs.mkdir(path.dirname(streamPath), { recursive: true });
	await fs.writeFile(streamPath, '', { flag: 'a' });
	await fs.truncate(streamPath, state.bytes);
	// One handle for the whole export, each page written at its offset (an append per page would
	// open and close the file every time).
	const out = await fs.open(streamPath, 'r+');
	try {
		if (format === 'csv' && state.bytes === 0) {
			const header = Buffer.from(formatCsvRecord(RESULT_COLUMNS));
			await writeAll(out, header, 0);
			state.bytes = header.length;
		}
		const pageSize = Math.min(Math.max(1, input.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
		const line = format === 'csv' ? csvLine : jsonLine;
		/** A page as the bytes to append and its counts, converted as soon as it arrives (only the bytes wait). */
		const fetchPage = (offset: number) => {
			const converted = client.listAnalysisDocuments(input.analysisId, { details: ['segments', 'tags', 'meta'], offset, limit: pageSize }).then((page) => {
				const data = new PageBuffer();
				let segments = 0;
				let tags = 0;
				for (const doc of page.items) {
					const r = resultRecord(doc);
					data.write(line(r));
					segments += r.segment_count as number;
					tags += (r.segments as Array<{ tags: unknown[] }>).reduce((n, s) => n + s.tags.length, 0);
				}
				return { data: data.bytes(), documents: page.items.length, segments, tags, more: page.hasMore && page.items.length > 0 };
			});
			// Awaited below; a page fetched ahead and left behind by a failed write must not be an unhandled rejection.
			converted.catch(() => undefined);
			return converted;
		};
		// One page ahead: the platform prepares the next page while this one is written.
		let next = fetchPage(state.offset);
		for (;;) {
			const page = await next;
			if (page.more) next = fetchPage(state.offset + page.documents);
			if (page.documents) {
				await writeAll(out, page.data, state.bytes);
				state.bytes += page.data.length;
				state.offset += page.documents;
				state.segments += page.segments;
				state.tags += page.tags;
			}
			ctx.heartbeat({ ...state });
			local.save({ ...state });
			if (!page.more) break;
		}
	} finally {
		await out.close();
	}
	await local.remove();
	if (format === 'xlsx') {
		const writer = await openResultWriter(input.outputPath, 'xlsx', RESULT_COLUMNS);
		for await (const { values } of readRows({ path: streamPath, format: 'jsonl' })) {
			await writer.write({ ...values, tags: (values.tags as string[]).join('; '), segments: JSON.stringify(values.segments) });
		}
		await writer.close();
		await fs.rm(streamPath, { force: true });
	}
	return { documents: state.offset, segments: state.segments, tags: state.tags, outputPath: input.outputPath };
}
