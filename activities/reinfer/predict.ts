import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import { MAX_PREDICT_BATCH, type ReinferClient } from '../../clients/reinfer';
import { activityCheckpointOwner, LocalCheckpoint } from '../shared/localCheckpoint';
import type { FilePosition } from '../shared/orderedProgress';
import { formatCsvRecord, mapRowToComment, openResultWriter, readRows, type CommentMapping, type FileSpec } from '../files';

/** Which comments to predict: a column of uids, or the comments of a file synced into a source. */
export type UidSource = { column: string } | { sourceId: string; mapping: CommentMapping };

export type PredictOutputFormat = 'jsonl' | 'csv' | 'xlsx';

export interface PredictSegmentInput {
	connection: string;
	owner: string;
	dataset: string;
	modelVersion: string;
	threshold?: number;
	file: FileSpec;
	uids: UidSource;
	/** JSONL or CSV file the segment appends to (XLSX is produced from it at the end). */
	outputPath: string;
	outputFormat: 'jsonl' | 'csv';
	startRow: number;
	/** Byte offset of `startRow` (CSV/JSONL input), from the previous segment. */
	startOffset?: number;
	/** Size of the output file when this segment starts (from the previous segment's result). */
	startBytes: number;
	maxRows: number;
	/** Uids per predict request (default DEFAULT_PREDICT_CHUNK, at most 4096). */
	chunkSize?: number;
	/** Predict requests in flight (default 2: the next chunk is predicted while the previous one's results are written). */
	concurrency?: number;
}

export interface PredictSegmentResult {
	nextRow: number;
	nextOffset?: number;
	done: boolean;
	predicted: number;
	skipped: number;
	bytes: number;
}

interface Checkpoint {
	position: FilePosition;
	bytes: number;
	predicted: number;
	skipped: number;
}

/**
 * Uids per predict request by default. The API takes up to 4096, but a 4096-prediction response
 * parses into more objects than the worker's young generation holds (`npm run worker` caps the
 * heap), so they were promoted and collected by full GCs: 1024 per request, two in flight, costs
 * less CPU and memory per comment and keeps the same throughput.
 */
export const DEFAULT_PREDICT_CHUNK = 1024;

export const PREDICTION_COLUMNS = ['row', 'uid', 'top_label', 'top_probability', 'labels', 'entities'];

function uidOf(values: Record<string, unknown>, source: UidSource, row: number): string | undefined {
	if ('column' in source) {
		const value = values[source.column];
		return typeof value === 'string' && value.includes('.') ? value.trim() : undefined;
	}
	const mapped = mapRowToComment(values, source.mapping, row);
	return mapped.comment ? `${source.sourceId}.${mapped.comment.id}` : undefined;
}

/**
 * Predicts labels for rows [startRow, startRow + maxRows) in requests of `chunkSize` uids and
 * appends one result line per comment. The checkpoint holds the row and the output file's size
 * after the last acknowledged chunk: a retry truncates anything written after it, so every
 * comment appears exactly once in the results. It is heartbeated and also kept in a file next to
 * the output (see LocalCheckpoint): after a crash only the chunk in flight is predicted again.
 */
export async function predictSegment(client: ReinferClient, input: PredictSegmentInput): Promise<PredictSegmentResult> {
	const ctx = Context.current();
	const local = new LocalCheckpoint<Checkpoint>(`${input.outputPath}.checkpoint.json`, activityCheckpointOwner(ctx.info));
	const beat = ctx.info.heartbeatDetails as Checkpoint | undefined;
	const saved = await local.load();
	const resume = saved && (!beat || saved.bytes > beat.bytes) ? saved : beat;
	// Anything after the last acknowledged chunk was written by an attempt that did not finish.
	let bytes = resume?.bytes ?? input.startBytes;
	await fs.writeFile(input.outputPath, '', { flag: 'a' });
	await fs.truncate(input.outputPath, bytes);
	if (input.outputFormat === 'csv' && bytes === 0) {
		const header = formatCsvRecord(PREDICTION_COLUMNS);
		await fs.writeFile(input.outputPath, header);
		bytes = Buffer.byteLength(header);
	}
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const end = input.startRow + input.maxRows;
	const chunkSize = Math.min(input.chunkSize ?? DEFAULT_PREDICT_CHUNK, MAX_PREDICT_BATCH);
	let predicted = resume?.predicted ?? 0;
	let skipped = resume?.skipped ?? 0;
	let pending: Array<{ row: number; uid: string }> = [];
	let at: FilePosition = from;
	let exhausted = true;

	// Chunks whose predict request was sent; their results are written and checkpointed in file order.
	const concurrency = Math.max(1, input.concurrency ?? 2);
	const inFlight: Array<{ items: typeof pending; position: FilePosition; skipped: number; response: ReturnType<ReinferClient['predictComments']> }> = [];
	const send = () => {
		const response = client.predictComments(input.owner, input.dataset, input.modelVersion, pending.map((p) => p.uid), { threshold: input.threshold });
		// Awaited in order by writeNext; until then a failure must not count as an unhandled rejection.
		response.catch(() => undefined);
		inFlight.push({ items: pending, position: at, skipped, response });
		pending = [];
	};
	const checkpoint = (position: FilePosition, skippedBefore: number) => {
		const state: Checkpoint = { position, bytes, predicted, skipped: skippedBefore };
		ctx.heartbeat(state);
		local.save(state);
	};
	const writeNext = async () => {
		const chunk = inFlight.shift();
		if (chunk) {
			const result = await chunk.response;
			const byUid = new Map(result.predictions.map((p) => [p.uid, p]));
			const lines = chunk.items.map(({ row: r, uid }) => {
				const prediction = byUid.get(uid);
				const labels = [...(prediction?.labels ?? [])].sort((a, b) => b.probability - a.probability);
				const record = { row: r, uid, top_label: labels[0]?.name.join(' > ') ?? '', top_probability: labels[0]?.probability ?? '', labels, entities: prediction?.entities ?? [] };
				return input.outputFormat === 'csv' ? formatCsvRecord(PREDICTION_COLUMNS.map((c) => record[c as keyof typeof record])) : JSON.stringify(record);
			});
			// CSV records end with CRLF already (RFC 4180); JSONL lines need their newline.
			const text = input.outputFormat === 'csv' ? lines.join('') : `${lines.join('\n')}\n`;
			await fs.appendFile(input.outputPath, text);
			bytes += Buffer.byteLength(text);
			predicted += chunk.items.length;
			checkpoint(chunk.position, chunk.skipped);
		}
	};

	try {
		for await (const { row: index, values, offset } of readRows(input.file, { startRow: from.row, startOffset: from.offset, signal: ctx.cancellationSignal })) {
			if (index >= end) {
				exhausted = false;
				break;
			}
			at = { row: index + 1, offset };
			const uid = uidOf(values, input.uids, index);
			if (uid) pending.push({ row: index, uid });
			else skipped++;
			if (pending.length >= chunkSize) {
				send();
				if (inFlight.length >= concurrency) await writeNext();
			}
		}
		if (pending.length) send();
		while (inFlight.length) await writeNext();
		checkpoint(at, skipped);
	} finally {
		await local.flush();
	}
	await local.remove();
	return { nextRow: at.row, nextOffset: at.offset, done: exhausted, predicted, skipped, bytes };
}

/** Converts the JSONL results to an XLSX workbook (held in memory: up to Excel's row limit). */
export async function jsonlToXlsx(jsonlPath: string, xlsxPath: string): Promise<{ rows: number }> {
	const writer = await openResultWriter(xlsxPath, 'xlsx', PREDICTION_COLUMNS);
	for await (const { values } of readRows({ path: jsonlPath, format: 'jsonl' })) await writer.write(values);
	return writer.close();
}
