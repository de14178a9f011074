import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import { ApiError, mapConcurrent, NetworkError, type ValidationIssue } from '../../clients/core';
import { MAX_POST_BATCH, validateMessage, validateRequiredText, type LuminosoClient, type Message, type MessageTopic, type NewMessage } from '../../clients/luminoso';
import { formatCsvRecord, openResultWriter, readRowChunks, rowError, type FileSpec } from '../files';
import { activityCheckpointOwner, LocalCheckpoint } from '../shared/localCheckpoint';
import type { FilePosition } from '../shared/orderedProgress';
import { ThrottledHeartbeat } from '../shared/throttledHeartbeat';

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

/**
 * The highest message ID in the project now (0 when it has none), whatever order the list is in,
 * in O(log ID) requests: one page of `newer_than_id=bound` says whether any message is above the
 * bound (and names some that are). The newest message seen on the first page is checked first
 * (newest-first lists end there); otherwise the bound is doubled past the newest message, then bisected.
 * Walking page after page instead costs one request per 20 messages, which a project holding
 * millions of messages cannot afford.
 */
export async function newestMessageId(client: LuminosoClient, project: string): Promise<number> {
	/** The highest ID seen: a message that exists. */
	let floor = 0;
	const anyAbove = async (bound: number): Promise<boolean> => {
		const page = await client.page<Message>('listMessages', { projectId: project }, { newer_than_id: bound });
		const ids = page.results.map(messageId).filter((id): id is number => id !== undefined && id > bound);
		if (ids.length) floor = Math.max(floor, ...ids);
		return ids.length > 0;
	};
	if (!(await anyAbove(0))) return 0;
	// Compass lists the newest messages first, so the first page named the newest one already: one
	// more request confirms it (instead of the ~25 of the search below, each filtering the whole list).
	if (!(await anyAbove(floor))) return floor;
	/** No message is newer than this. */
	let ceiling = floor;
	for (let step = 1024; ; step *= 2) {
		ceiling = floor + step;
		if (!(await anyAbove(ceiling))) break;
	}
	while (floor < ceiling) {
		const middle = floor + Math.floor((ceiling - floor) / 2);
		if (!(await anyAbove(middle))) ceiling = middle;
	}
	return floor;
}

const key = (sourceId: string | null | undefined, text: string) => `${sourceId ?? ''}\u0000${text}`;

/** A messages POST that failed without a clear answer (5xx, dropped connection): it may have been saved. */
const uncertain = (error: unknown) => (error instanceof ApiError && error.retryable) || error instanceof NetworkError;
/** Failed POSTs of one step recovered in the activity before it gives up (and Temporal retries it). */
const MAX_TRIES_PER_STEP = 5;

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
 * After each step the heartbeat, and a local copy next to the results (heartbeats reach Temporal
 * late: see LocalCheckpoint), hold the row position and both files' sizes; a retry cuts the files
 * back to the later of the two, so every row appears exactly once in the results. In messages mode
 * a step that was posted but not checkpointed (the worker died in between, or the POST failed
 * without a clear answer) is recognised by the messages newer than the checkpoint (same source_id
 * and text) and not posted again.
 */
export async function classifySegment(client: LuminosoClient, input: ClassifySegmentInput): Promise<ClassifySegmentResult> {
	const ctx = Context.current();
	const local = new LocalCheckpoint<Checkpoint>(`${input.outputPath}.checkpoint.json`, activityCheckpointOwner(ctx.info));
	const heartbeat = ctx.info.heartbeatDetails as Checkpoint | undefined;
	const saved = await local.load();
	const resume = saved && (!heartbeat || saved.position.row >= heartbeat.position.row) ? saved : heartbeat;
	let checkpoint = resume;
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
	// Messages saved after the last checkpoint (by an earlier attempt, or by a request that failed
	// without a clear answer): recognised by source_id + text and not posted again.
	const recognise = async (): Promise<Map<string, Message[]> | undefined> => {
		const found = new Map<string, Message[]>();
		let listed = 0;
		for await (const m of client.iterateMessages(input.project, { newer_than_id: lastMessageId })) {
			const k = key(m.source_id, m.text);
			found.set(k, [...(found.get(k) ?? []), m]);
			if (++listed % 100 === 0) ctx.heartbeat(checkpoint);
		}
		return found.size ? found : undefined;
	};
	let unacknowledged = input.mode === 'messages' && (resume || ctx.info.attempt > 1) ? await recognise() : undefined;
	const takeRecognised = (message: NewMessage): Message | undefined => {
		const k = key(message.source_id, message.text);
		const match = unacknowledged?.get(k)?.shift();
		if (unacknowledged?.get(k)?.length === 0) unacknowledged.delete(k);
		if (unacknowledged?.size === 0) unacknowledged = undefined;
		return match;
	};
	let pending: Array<{ row: number; message: NewMessage }> = [];
	let errorLines: string[] = [];
	let at: FilePosition = from;
	let exhausted = true;

	const send = async (batch: typeof pending): Promise<Message[]> => {
		if (input.mode === 'classify') return mapConcurrent(batch, concurrency, ({ message }) => client.classify(input.project, { text: message.text, ...(message.source_id ? { source_id: message.source_id } : {}) }));
		const results = new Array<Message | undefined>(batch.length);
		const unsaved = () => batch.map((_, i) => i).filter((i) => !results[i] && !(results[i] = takeRecognised(batch[i].message)));
		for (let toPost = unsaved(), tries = 1; toPost.length; toPost = unsaved(), tries++) {
			try {
				const saved = await client.addMessageBatch(input.project, toPost.map((i) => batch[i].message));
				toPost.forEach((i, k) => (results[i] = saved[k]));
			} catch (error) {
				if (!uncertain(error) || tries >= MAX_TRIES_PER_STEP) throw error;
				// Compass may have saved them after all: look before posting again.
				unacknowledged = await recognise();
			}
		}
		return results as Message[];
	};

	/** A step ends every few milliseconds: its checkpoint reaches the SDK at most every 200 ms (the local copy after every step). */
	const beats = new ThrottledHeartbeat<Checkpoint>(ctx);
	/** The previous step's appends: written while the next step's request is out, checkpointed once on disk. */
	let writing: Promise<void> | undefined;
	const step = async () => {
		const batch = pending;
		const errorText = errorLines.length ? `${errorLines.join('\n')}\n` : '';
		pending = [];
		errorLines = [];
		const results = batch.length ? await send(batch) : [];
		const records = batch.map(({ row, message }, i) => resultRecord(row, results[i], input.mode, message.source_id));
		const text = !records.length ? '' : input.outputFormat === 'csv' ? records.map((r) => formatCsvRecord(RESULT_COLUMNS.map((c) => r[c as keyof typeof r]))).join('') : `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
		bytes += Buffer.byteLength(text);
		errorBytes += Buffer.byteLength(errorText);
		for (const r of records) {
			counts.classified++;
			if (!r.top_topic) counts.unclassified++;
			const id = typeof r.message_id === 'number' ? r.message_id : undefined;
			if (id !== undefined && (lastMessageId === undefined || id > lastMessageId)) lastMessageId = id;
		}
		const reached: Checkpoint = { position: at, bytes, errorBytes, counts: { ...counts }, lastMessageId };
		// One append at a time, in order; by now the previous one has had a whole request to finish.
		await writing;
		writing = (async () => {
			if (text) await output.write(text);
			if (errorText) await (errors ??= await fs.open(input.errorsFile, 'a')).write(errorText);
			checkpoint = reached;
			beats.beat(reached);
			local.save(reached);
		})();
		// Awaited by the next step or at the end; never an unhandled rejection meanwhile.
		writing.catch(() => undefined);
	};

	const now = new Date().toISOString();
	// Open for the whole segment: opening and closing the file at every step costs more than the write.
	const output = await fs.open(input.outputPath, 'a');
	let errors: fs.FileHandle | undefined;
	try {
		// Rows in chunks: an await per row would cost a promise per row (and the activity context's hooks on each).
		rows: for await (const chunk of readRowChunks(input.file, { startRow: from.row, startOffset: from.offset, signal: ctx.cancellationSignal })) {
			for (const { row, values, offset } of chunk) {
				if (row >= end) {
					exhausted = false;
					break rows;
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
		}
		await step();
		await writing;
	} catch (error) {
		// No append of this attempt may land after a retry has cut the files back.
		await writing?.catch(() => undefined);
		throw error;
	} finally {
		// The newest checkpoint is handed to the SDK before the attempt ends: a retry resumes from it.
		beats.flush();
		await output.close();
		await errors?.close();
	}
	await local.remove();
	return { counts, nextRow: at.row, nextOffset: at.offset, bytes, errorBytes, done: exhausted, lastMessageId };
}

/** Converts the JSONL results to an XLSX workbook (held in memory: up to Excel's row limit). */
export async function resultsToXlsx(jsonlPath: string, xlsxPath: string): Promise<{ rows: number }> {
	const writer = await openResultWriter(xlsxPath, 'xlsx', RESULT_COLUMNS);
	for await (const chunk of readRowChunks({ path: jsonlPath, format: 'jsonl' })) await writer.writeMany(chunk.map((r) => r.values));
	return writer.close();
}
