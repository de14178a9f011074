import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../clients/core';
import { MAX_PAGE_SIZE, PLATFORM, type DeepOpinionClient, type Document, type Tag } from '../../clients/deepopinion';
import { formatCsvRecord, openResultWriter, readRows } from '../files';
import { FileError } from '../files/types';

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
}

export interface StartAnalysisResult {
	analysisId: number;
	documentCount: number;
	/** True when an analysis with this name already existed (a retried or repeated start). */
	reused: boolean;
}

async function readInput(file: AnalysisFile): Promise<{ data: Uint8Array; fileName: string }> {
	let data: Buffer;
	try {
		data = await fs.readFile(file.path);
	} catch (error) {
		throw new FileError('PARSE_ERROR', `cannot read ${file.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	const base = path.basename(file.path);
	const fileName = file.format ? `${base.replace(/\.[^.]*$/, '')}.${file.format}` : base;
	return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), fileName };
}

/**
 * Uploads the file (multipart) and creates the batch analysis from one of its columns. A retried or
 * repeated start finds the analysis by name and reuses it instead of analysing the file twice.
 */
export async function startAnalysis(client: DeepOpinionClient, input: StartAnalysisInput): Promise<StartAnalysisResult> {
	if (input.column === undefined && (input.columnName === undefined || input.columnName === '')) {
		throw new ValidationError([{ field: 'columnName', problem: 'or column is required: the column of the file holding the documents' }], PLATFORM, 'batchAnalysis');
	}
	const existing = (await client.getAllAnalyses({ model: input.modelId }, { pageSize: MAX_PAGE_SIZE })).find((a) => a.name === input.name);
	if (existing) return { analysisId: existing.id, documentCount: existing.document_count ?? 0, reused: true };
	const { data, fileName } = await readInput(input.file);
	const upload = await client.uploadAnalysisFile({ data, fileName });
	const header = Array.isArray(upload.preview?.[0]) ? (upload.preview[0] as unknown[]).map((h) => String(h ?? '')) : [];
	if (input.columnName !== undefined && (input.headerFirst ?? true) && header.length && !header.includes(input.columnName)) {
		throw new ValidationError([{ field: 'columnName', problem: `"${input.columnName}" is not a column of ${fileName} (columns: ${header.join(', ')})` }], PLATFORM, 'batchAnalysis');
	}
	const analysis = await client.createAnalysis({
		file_id: upload.id,
		...(input.columnName !== undefined && input.columnName !== '' ? { column_name: input.columnName } : { column: input.column }),
		name: input.name,
		model_id: input.modelId,
		split: input.split ?? true,
		header_first: input.headerFirst ?? true,
	});
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

/**
 * Pages through every document of a finished analysis (segments, tags, meta) and writes one
 * record per document. The heartbeat checkpoint holds the document offset and the output size
 * after the last written page: a retried attempt cuts off anything written after it, so every
 * document appears exactly once. XLSX is written from a JSONL stream at the end.
 */
export async function exportAnalysis(client: DeepOpinionClient, input: ExportAnalysisInput): Promise<ExportAnalysisResult> {
	const ctx = Context.current();
	const format = outputFormat(input.outputPath);
	const streamPath = format === 'xlsx' ? `${input.outputPath}.jsonl` : input.outputPath;
	const resume = ctx.info.heartbeatDetails as ExportCheckpoint | undefined;
	const state: ExportCheckpoint = resume ?? { offset: 0, bytes: 0, segments: 0, tags: 0 };
	await fs.mkdir(path.dirname(streamPath), { recursive: true });
	await fs.writeFile(streamPath, '', { flag: 'a' });
	await fs.truncate(streamPath, state.bytes);
	if (format === 'csv' && state.bytes === 0) {
		const header = formatCsvRecord(RESULT_COLUMNS);
		await fs.writeFile(streamPath, header);
		state.bytes = Buffer.byteLength(header);
	}
	const pageSize = Math.min(Math.max(1, input.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
	for (;;) {
		const page = await client.listAnalysisDocuments(input.analysisId, { details: ['segments', 'tags', 'meta'], offset: state.offset, limit: pageSize });
		if (page.items.length) {
			const records = page.items.map(resultRecord);
			const text =
				format === 'csv'
					? records.map((r) => formatCsvRecord(RESULT_COLUMNS.map((c) => (c === 'tags' ? (r.tags as string[]).join('; ') : c === 'segments' ? JSON.stringify(r.segments) : r[c])))).join('')
					: `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
			await fs.appendFile(streamPath, text);
			state.bytes += Buffer.byteLength(text);
			state.offset += page.items.length;
			for (const r of records) {
				state.segments += r.segment_count as number;
				state.tags += (r.segments as Array<{ tags: unknown[] }>).reduce((n, s) => n + s.tags.length, 0);
			}
		}
		ctx.heartbeat({ ...state });
		if (!page.hasMore || page.items.length === 0) break;
	}
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
