import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import { mapConcurrent, type ValidationIssue } from '../../clients/core';
import { MAX_POST_BATCH, validateMessage, validateRequiredText, type LuminosoClient, type Message, type MessageTopic, type NewMessage } from '../../clients/luminoso';
import { formatCsvRecord, openResultWriter, readRows, rowError, type FileSpec } from '../files';
import type { FilePosition } from '../shared/orderedProgress';

/** Which columns of the messages file hold what (column names). */
export interface MessageMapping {
	text: string;
	/** Your ID of the message: returned with each result (and saved as source_id in messages mode). */
	sourceId?: string;
	/** messages mode: when the message was written (default: when it is sent). */
	timestamp?: string;
	language?: string;
	/** messages mode: columns kept in the message's info object. */
	info?: string[];
}

/** classify: classified without saving (POST .../classify/, one per message, `concurrency` at once); messages: saved and classified (POST .../messages/, lists of `batchSize`). */
export type ClassifyMode = 'classify' | 'messages';

export interface ClassifySegmentInput {
	connection: string;
	project: string;
	mode: ClassifyMode;
	file: FileSpec;
	mapping: MessageMapping;
	/** JSONL or CSV file the segment appends to (XLSX is made from the JSONL at the end). */
	outputPath: string;
	outputFormat: 'jsonl' | 'csv';
	errorsFile: string;
	startRow: number;
	startOffset?: number;
	/** Sizes of the output and errors files when this segment starts. */
	startBytes: number;
	startErrorBytes: number;
	maxRows: number;
	/** Rows per step: a messages POST holds this many (default 100, at most 1000). */
	batchSize?: number;
	/** classify mode: requests in flight (default 8). */
	concurrency?: number;
	/** messages mode: the newest message ID before this segment posted anything (from the previous segment, or `newestMessageId`). */
	sinceMessageId?: number;
}

export interface ClassifyCounts {
	rows: number;
	classified: number;
	unclassified: number;
	invalid: number;
}

export interface ClassifySegmentResult {
	counts: ClassifyCounts;
	nextRow: number;
	nextOffset?: number;
	bytes: number;
	errorBytes: number;
	done: boolean;
	/** messages mode: the newest message ID this segment saw (the next segment's `sinceMessageId`). */
	lastMessageId?: number;
}

interface Checkpoint {
	position: FilePosition;
	bytes: number;
	errorBytes: number;
	counts: ClassifyCounts;
	/** messages mode: the newest message ID known when the last step ended (to recognise a step's messages after a crash). */
	lastMessageId?: number;
}

export const RESULT_COLUMNS = ['row', 'source_id', 'top_topic', 'top_score', 'topics', 'sentiment', 'message_id'];

const zero = (): ClassifyCounts => ({ rows: 0, classified: 0, unclassified: 0, invalid: 0 });

function cell(values: Record<string, unknown>, column: string | undefined): string | undefined {
	if (!column) return undefined;
	const value = values[column];
	if (value === undefined || value === null) return undefined;
	const text = value instanceof Date ? value.toISOString() : String(value);
	return text.trim() === '' ? undefined : text;
}

/** A row as a message to send, or its issues (naming the row). */
export function rowToMessage(values: Record<string, unknown>, mapping: MessageMapping, row: number, mode: ClassifyMode, now: string): { message?: NewMessage; issues?: ValidationIssue[] } {
	const broken = rowError(values);
	if (broken) return { issues: [{ itemIndex: row, field: 'row', problem: broken }] };
	const raw = values[mapping.text];
	const message: NewMessage = { text: raw === undefined || raw === null ? '' : String(raw), timestamp: now };
	const sourceId = cell(values, mapping.sourceId);
	if (sourceId) message.source_id = sourceId;
	if (mode === 'classify') {
		const issues = validateRequiredText('text', message.text, row);
		return issues.length ? { issues } : { message };
	}
	const stamp = mapping.timestamp ? values[mapping.timestamp] : undefined;
	if (mapping.timestamp) message.timestamp = stamp instanceof Date ? stamp.toISOString() : typeof stamp === 'number' ? stamp : String(stamp ?? '').trim();
	const language = cell(values, mapping.language);
	if (language) message.language = language;
	if (mapping.info?.length) message.info = Object.fromEntries(mapping.info.filter((c) => values[c] !== undefined).map((c) => [c, values[c]]));
	const issues = validateMessage(message, row);
	return issues.length ? { issues } : { message };
}

function messageId(message: Message): number | undefined {
	const id = typeof message.id === 'number' ? message.id : Number(message.id);
	return Number.isFinite(id) ? id : undefined;
}

/** The highest message ID in the project now (0 when it has none), whatever order the list is in. */
export async function newestMessageId(client: LuminosoClient, project: string): Promise<number> {
	let newest = 0;
	for (;;) {
		const page = await client.page<Message>('listMessages', { projectId: project }, { newer_than_id: newest });
		const ids = page.results.map(messageId).filter((id): id is number => id !== undefined && id > newest);
		if (ids.length === 0) return newest;
		newest = Math.max(...ids);
	}
}

const key = (sourceId: string | null | undefined, text: string) => `${sourceId ?? ''}\u0000${text}`;

export function resultRecord(row: number, result: Message, mode: ClassifyMode, sourceId: string | undefined) {
	const topics: MessageTopic[] = result.topics ?? [];
	const best = topics.filter((t) => t.name !== 'UNCLASSIFIED').sort((a, b) => b.score - a.score)[0];
	return {
		row,
		source_id: result.source_id ?? sourceId ?? '',
		top_topic: best?.name ?? '',
		top_score: best?.score ?? '',
		topics,
		sentiment: result.sentiment ?? '',
		message_id: mode === 'messages' ? (result.id ?? '') : '',
	};
}

/**
 * Classifies rows [startRow, startRow + maxRows) of a messages file, in steps of `batchSize`
 * rows, appending one result line per valid row and one `{ row, issues }` line per invalid row.
 * After each step the heartbeat holds the row position and both files' sizes; a retry cuts the
 * files back to them, so every row appears exactly once in the results. In messages mode a step
 * that was posted but not checkpointed (the worker died in between) is recognised on resume by
 * the messages newer than the checkpoint (same source_id and text) and not posted again.
 */
export async function classifySegment(client: LuminosoClient, input: ClassifySegmentInput): Promise<ClassifySegmentResult> {
	const ctx = Context.current();
	const resume = ctx.info.heartbeatDetails as Checkpoint | undefined;
	let bytes = resume?.bytes ?? input.startBytes;
	let errorBytes = resume?.errorBytes ?? input.startErrorBytes;
	for (const [path, size] of [
		[input.outputPath, bytes],
		[input.errorsFile, errorBytes],
	] as const) {
		await fs.writeFile(path, '', { flag: 'a' });
		await fs.truncate(path, size);
	}
	if (input.outputFormat === 'csv' && bytes === 0) {
		const header = formatCsvRecord(RESULT_COLUMNS);
		await fs.writeFile(input.outputPath, header);
		bytes = Buffer.byteLength(header);
	}
	const from: FilePosition = resume?.position ?? { row: input.startRow, offset: input.startOffset };
	const end = input.startRow + input.maxRows;
	const batchSize = Math.min(Math.max(1, input.batchSize ?? 100), MAX_POST_BATCH);
	const concurrency = Math.max(1, input.concurrency ?? 8);
	const counts = resume?.counts ?? zero();
	let lastMessageId = resume?.lastMessageId ?? input.sinceMessageId;
	if (input.mode === 'messages' && lastMessageId === undefined) lastMessageId = await newestMessageId(client, input.project);
	// A retried attempt: messages an earlier attempt saved after its last checkpoint (or that a
	// failed request saved after all) are recognised by source_id + text and not posted again.
	let unacknowledged: Map<string, Message[]> | undefined;
	if (input.mode === 'messages' && (resume || ctx.info.attempt > 1)) {
		unacknowledged = new Map();
		for await (const m of client.iterateMessages(input.project, { newer_than_id: lastMessageId })) {
			const k = key(m.source_id, m.text);
			unacknowledged.set(k, [...(unacknowledged.get(k) ?? []), m]);
		}
		if (unacknowledged.size === 0) unacknowledged = undefined;
	}
	let pending: Array<{ row: number; message: NewMessage }> = [];
	let errorLines: string[] = [];
	let at: FilePosition = from;
	let exhausted = true;

	const send = async (batch: typeof pending): Promise<Message[]> => {
		if (input.mode === 'classify') return mapConcurrent(batch, concurrency, ({ message }) => client.classify(input.project, { text: message.text, ...(message.source_id ? { source_id: message.source_id } : {}) }));
		const results = new Array<Message | undefined>(batch.length);
		const toPost: number[] = [];
		batch.forEach(({ message }, i) => {
			const k = key(message.source_id, message.text);
			const match = unacknowledged?.get(k)?.shift();
			if (unacknowledged?.get(k)?.length === 0) unacknowledged.delete(k);
			if (match) results[i] = match;
			else toPost.push(i);
		});
		if (unacknowledged?.size === 0) unacknowledged = undefined;
		if (toPost.length) {
			const saved = await client.addMessageBatch(input.project, toPost.map((i) => batch[i].message));
			toPost.forEach((i, k) => (results[i] = saved[k]));
		}
		return results as Message[];
	};

	const step = async () => {
		const batch = pending;
		pending = [];
		const results = batch.length ? await send(batch) : [];
		const records = batch.map(({ row, message }, i) => resultRecord(row, results[i], input.mode, message.source_id));
		if (records.length) {
			const text = input.outputFormat === 'csv' ? records.map((r) => formatCsvRecord(RESULT_COLUMNS.map((c) => r[c as keyof typeof r]))).join('') : `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
			await fs.appendFile(input.outputPath, text);
			bytes += Buffer.byteLength(text);
		}
		if (errorLines.length) {
			const text = `${errorLines.join('\n')}\n`;
			await fs.appendFile(input.errorsFile, text);
			errorBytes += Buffer.byteLength(text);
			errorLines = [];
		}
		for (const r of records) {
			counts.classified++;
			if (!r.top_topic) counts.unclassified++;
			const id = typeof r.message_id === 'number' ? r.message_id : undefined;
			if (id !== undefined && (lastMessageId === undefined || id > lastMessageId)) lastMessageId = id;
		}
		ctx.heartbeat({ position: at, bytes, errorBytes, counts, lastMessageId } satisfies Checkpoint);
	};

	const now = new Date().toISOString();
	for await (const { row, values, offset } of readRows(input.file, { startRow: from.row, startOffset: from.offset, signal: ctx.cancellationSignal })) {
		if (row >= end) {
			exhausted = false;
			break;
		}
		at = { row: row + 1, offset };
		counts.rows++;
		const mapped = rowToMessage(values, input.mapping, row, input.mode, now);
		if (mapped.issues) {
			counts.invalid++;
			errorLines.push(JSON.stringify({ row, issues: mapped.issues }));
		} else pending.push({ row, message: mapped.message! });
		if (pending.length + errorLines.length >= batchSize) await step();
	}
	await step();
	return { counts, nextRow: at.row, nextOffset: at.offset, bytes, errorBytes, done: exhausted, lastMessageId };
}

/** Converts the JSONL results to an XLSX workbook (held in memory: up to Excel's row limit). */
export async function resultsToXlsx(jsonlPath: string, xlsxPath: string): Promise<{ rows: number }> {
	const writer = await openResultWriter(xlsxPath, 'xlsx', RESULT_COLUMNS);
	for await (const { values } of readRows({ path: jsonlPath, format: 'jsonl' })) await writer.write(values);
	return writer.close();
}
