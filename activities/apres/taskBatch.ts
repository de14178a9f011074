import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { once } from 'node:events';
import { createWriteStream, readFile, stat } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { ValidationError, type HttpResponse, type ValidationIssue } from '../../clients/core';
import {
	APRES_PLATFORM,
	statisticsByName,
	taskBatchPhase,
	type ApresClient,
	type Base64File,
	type DeliveryTimeframe,
	type S3Location,
	type Statistic,
	type Task,
	type TaskBatch,
	type TaskBatchCreate,
	type TaskBatchLocation,
	type TaskBatchPhase,
} from '../../clients/apres';
import { openResultWriter, readRowChunks, type ResultWriter } from '../files';
import { heartbeating } from '../shared/heartbeating';
import { callbackUrl, type ApresCallbackSettings } from './callback';
import { joinByTaskId, splitJsonMember } from './results';

/** An Azure location as a job input names it: the SAS token comes from the worker's connection. */
export interface AzureBlobSource {
	type: 'azure-blob';
	blob_endpoint: string;
	container: string;
}

/** What a task batch job processes: local files (uploaded base64), or a cloud location. */
export type ApresJobSource = { files: string[] } | { directory: string; extensions?: string[] } | { location: S3Location | AzureBlobSource };

export interface CreateTaskBatchInput {
	connection: string;
	source: ApresJobSource;
	deliveryTimeframe?: DeliveryTimeframe;
	/** Drawn by the workflow: part of this run's callback URL. */
	nonce: string;
	/** false: do not ask Apres for callbacks even when the worker has a receiver. */
	webhook?: boolean;
	/** Largest total size of uploaded files (default 64 MiB): larger sets belong in S3 or Azure. */
	maxUploadBytes?: number;
	/** The recipe's batches before this job created one: a retried attempt looks for its batch beyond it. */
	watermark?: TaskBatchWatermark;
}

/** Where the recipe's list of batches stood before the job created its own (see createTaskBatch). */
export interface TaskBatchWatermark {
	/** created_at of the newest batch (none: the recipe had no batch). */
	newestCreatedAt?: string;
	/** The batches created at that very time. */
	idsAtNewest: string[];
}

/** The few fields of a batch a workflow keeps (never file contents). */
export interface TaskBatchSummary {
	id: string;
	state: string;
	status: string;
	phase: TaskBatchPhase;
	size: number;
	estimated_size?: number;
	price?: number;
	slug?: string;
}

export interface CreateTaskBatchResult {
	taskBatch: TaskBatchSummary;
	/** Whether Apres was given this job's callback URL. */
	webhook: boolean;
	files?: number;
	/** True when an earlier attempt had created the batch (its answer was lost) and this one adopted it. */
	adopted?: boolean;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/**
 * Files read at once when building a base64 upload. Each small-file read is a few thread-pool
 * round trips (open, fstat, read, close); 16 in flight keep libuv's 4 threads busy.
 */
export const READ_CONCURRENCY = 16;

/**
 * fs.readFile with a callback: for a regular file one fstat and one read of the whole size. The
 * promise API reads through a FileHandle in chunks, about 4x slower over thousands of small files.
 */
export const readWholeFile = promisify(readFile);
const statFile = promisify(stat);

/** Runs `each` over `count` indexes with READ_CONCURRENCY in flight. */
export async function forEachBounded(count: number, each: (i: number) => Promise<void>): Promise<void> {
	let next = 0;
	const lane = async () => {
		for (let i = next++; i < count; i = next++) await each(i);
	};
	await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, count) }, lane));
}

/** One file of an upload: its size, its bytes (when read), or why it cannot go into a batch. */
interface UploadFileRead {
	size: number;
	data?: Buffer;
	problem?: string;
}

/**
 * Checks and (when `wanted`) reads one file, in the same lane as the other files' reads rather than
 * in a stat pass of its own. The stat comes first, so a FIFO or a device is refused, never read.
 */
async function readUploadFile(file: string, wanted: boolean): Promise<UploadFileRead> {
	try {
		const info = await statFile(file);
		if (!info.isFile()) return { size: 0, problem: `is not a file: ${file}` };
		if (info.size === 0) return { size: 0, problem: `is empty: ${file}` };
		return wanted ? { size: info.size, data: await readWholeFile(file) } : { size: info.size };
	} catch (error) {
		return { size: 0, problem: `cannot be read: ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
	}
}

export function summarize(batch: TaskBatch): TaskBatchSummary {
	return {
		id: batch.id,
		state: String(batch.state ?? ''),
		status: String(batch.status ?? ''),
		phase: taskBatchPhase(batch),
		size: Number(batch.size ?? 0),
		...(batch.estimated_size === undefined ? {} : { estimated_size: batch.estimated_size }),
		...(batch.price === undefined ? {} : { price: batch.price }),
		...(batch.slug === undefined ? {} : { slug: batch.slug }),
	};
}

async function listFiles(source: ApresJobSource): Promise<string[]> {
	if ('files' in source) {
		if (!Array.isArray(source.files) || source.files.length === 0) throw new ValidationError([{ field: 'source.files', problem: 'must list at least one file path' }], APRES_PLATFORM, 'createTaskBatch');
		return source.files;
	}
	if ('directory' in source) {
		const wanted = source.extensions?.map((e) => `.${e.replace(/^\./, '').toLowerCase()}`);
		let entries;
		try {
			entries = await fs.readdir(source.directory, { withFileTypes: true });
		} catch (error) {
			throw new ValidationError([{ field: 'source.directory', problem: `cannot be read: ${source.directory} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }], APRES_PLATFORM, 'createTaskBatch');
		}
		const files = entries
			.filter((e) => e.isFile() && !e.name.startsWith('.') && (!wanted || wanted.includes(path.extname(e.name).toLowerCase())))
			.map((e) => path.join(source.directory, e.name))
			.sort();
		if (files.length === 0) throw new ValidationError([{ field: 'source.directory', problem: `holds no files${wanted ? ` ending in ${wanted.join(', ')}` : ''}` }], APRES_PLATFORM, 'createTaskBatch');
		return files;
	}
	return [];
}

/**
 * Reads the files and base64-encodes them, checking them on the way (each a non-empty regular
 * file, names unique, the total within `maxBytes`); any problem fails before anything is sent.
 * Names are the files' base names.
 */
async function readFiles(paths: string[], maxBytes: number): Promise<Base64File[]> {
	const issues: ValidationIssue[] = [];
	// Kept per file, so the issues come in file order however the reads finish.
	const fileIssues: Array<ValidationIssue | undefined> = new Array(paths.length);
	const files: Base64File[] = new Array(paths.length);
	let total = 0;
	await forEachBounded(paths.length, async (i) => {
		// Once the files hold too many bytes, the rest are only measured, for the message.
		const got = await readUploadFile(paths[i], total <= maxBytes);
		if (got.problem) fileIssues[i] = { field: `source.files[${i}]`, problem: got.problem };
		total += got.size;
		if (got.data && total <= maxBytes) files[i] = { file: path.basename(paths[i]), data: got.data.toString('base64') };
	});
	for (const issue of fileIssues) if (issue) issues.push(issue);
	const seen = new Map<string, number>();
	paths.forEach((p, i) => {
		const name = path.basename(p);
		if (seen.has(name)) issues.push({ field: `source.files[${i}]`, problem: `has the same file name as source.files[${seen.get(name)}] ("${name}"): names must be unique within a batch` });
		seen.set(name, i);
	});
	if (total > maxBytes) issues.push({ field: 'source', problem: `holds ${total} bytes, more than the ${maxBytes} a base64 upload allows here: put the files in S3 or Azure and use a location` });
	if (issues.length) throw new ValidationError(issues, APRES_PLATFORM, 'createTaskBatch');
	return files;
}

function locationOf(source: { location: S3Location | AzureBlobSource }, sasToken: string | undefined): TaskBatchLocation {
	const location = source.location as unknown as Record<string, unknown>;
	if (location?.type !== 'azure-blob') return source.location as S3Location;
	if (location.sas_token !== undefined) {
		throw new ValidationError(
			[{ field: 'source.location.sas_token', problem: 'must not be part of a job input (it would be stored in Temporal history): configure it on the worker as TEXTAI_APRES_<CONNECTION>_SAS_TOKEN' }],
			APRES_PLATFORM,
			'createTaskBatch',
		);
	}
	if (!sasToken) {
		throw new ValidationError([{ field: 'source.location.sas_token', problem: 'is not configured for this connection: set TEXTAI_APRES_<CONNECTION>_SAS_TOKEN on the worker' }], APRES_PLATFORM, 'createTaskBatch');
	}
	return { ...(source.location as AzureBlobSource), sas_token: sasToken };
}

const createdAt = (batch: TaskBatch) => Date.parse(String(batch.created_at ?? ''));

/** The newest batches of the recipe now: what "created after" means for a retried create. */
export async function taskBatchWatermark(client: ApresClient): Promise<TaskBatchWatermark> {
	const batches = await client.listTaskBatches();
	const newest = Math.max(...batches.map(createdAt).filter((t) => Number.isFinite(t)));
	if (!Number.isFinite(newest)) return { idsAtNewest: [] };
	return { newestCreatedAt: new Date(newest).toISOString(), idsAtNewest: batches.filter((b) => createdAt(b) === newest).map((b) => b.id) };
}

/**
 * The batch an earlier attempt of this create made, if any: one created after the watermark with
 * as many estimated tasks as files were sent (any size for a location). Two such batches (another
 * client created one meanwhile) cannot be told apart: the job fails rather than pay twice.
 */
async function createdEarlier(client: ApresClient, watermark: TaskBatchWatermark, files: number | undefined): Promise<TaskBatch | undefined> {
	const since = watermark.newestCreatedAt === undefined ? -Infinity : Date.parse(watermark.newestCreatedAt);
	const known = new Set(watermark.idsAtNewest);
	const candidates = (await client.listTaskBatches()).filter((b) => (createdAt(b) > since || (createdAt(b) === since && !known.has(b.id))) && (files === undefined || Number(b.estimated_size) === files));
	if (candidates.length > 1) {
		throw ApplicationFailure.nonRetryable(
			`An earlier attempt may have created this job's task batch, but ${candidates.length} batches of the recipe fit (${candidates.map((b) => b.id).join(', ')}): not creating another one`,
			'AmbiguousTaskBatch',
			{ candidates: candidates.map((b) => b.id) },
		);
	}
	return candidates[0];
}

/**
 * Creates the job's task batch: files are read here (never passed through Temporal), an Azure
 * SAS token comes from the worker's connection, and the callback URL with this run's token is
 * built here and sent to Apres only. Creating is not idempotent (a second batch costs twice), so a
 * retried attempt (the worker died, or the POST failed without a clear answer) first looks for the
 * batch an earlier attempt created after the workflow's `watermark`, and adopts it.
 */
export async function createTaskBatch(
	client: ApresClient,
	callbacks: ApresCallbackSettings | undefined,
	sasToken: string | undefined,
	input: CreateTaskBatchInput,
): Promise<CreateTaskBatchResult> {
	const source = input.source as ApresJobSource | undefined;
	if (!source || typeof source !== 'object') throw new ValidationError([{ field: 'source', problem: 'is required: { files }, { directory } or { location }' }], APRES_PLATFORM, 'createTaskBatch');
	const payload: Partial<TaskBatchCreate> = {};
	if ('location' in source) payload.location = locationOf(source, sasToken);
	else payload.files = await readFiles(await listFiles(source), input.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
	if (input.deliveryTimeframe !== undefined) Object.assign(payload, { delivery_timeframe: input.deliveryTimeframe, delivery_units: 'days' });
	const secrets: string[] = [];
	const useWebhook = input.webhook !== false && callbacks !== undefined;
	const files = payload.files ? { files: payload.files.length } : {};
	if (input.watermark && Context.current().info.attempt > 1) {
		const earlier = await heartbeating(() => createdEarlier(client, input.watermark!, payload.files?.length));
		if (earlier) return { taskBatch: summarize(earlier), webhook: useWebhook, ...files, adopted: true };
	}
	if (input.webhook !== false && callbacks) {
		const jobId = Context.current().info.workflowExecution?.workflowId;
		if (!jobId) throw new Error('apresCreateTaskBatch runs inside a job (workflow): its callback URL names the job');
		const { url, token } = callbackUrl(callbacks, jobId, input.nonce);
		payload.webhook_url = url;
		secrets.push(token);
	}
	const batch = await heartbeating(() => client.createTaskBatch(payload as TaskBatchCreate, { secrets }));
	return { taskBatch: summarize(batch), webhook: useWebhook, ...files };
}

export type ResultsFormat = 'csv' | 'json' | 'jsonl' | 'xlsx';

export interface FetchResultsInput {
	connection: string;
	taskBatchId: string;
	/** The format follows the extension: .csv, .json, .jsonl or .xlsx. */
	outputPath: string;
}

export interface FetchResultsResult {
	outputPath: string;
	format: ResultsFormat;
	rows: number;
	taskBatch: TaskBatchSummary;
	statistics: Record<string, unknown>;
	/** Apres's own CSV of the output. */
	csvUrl: string;
}

export const RESULT_COLUMNS = ['task_id', 'input', 'input_url', 'output', 'status', 'state', 'consensus_score', 'input_type', 'feedback', 'created_at', 'updated_at'] as const;

export function resultsFormat(outputPath: string): ResultsFormat {
	const ext = path.extname(outputPath).toLowerCase().slice(1);
	if (ext === 'csv' || ext === 'json' || ext === 'jsonl' || ext === 'xlsx') return ext;
	throw new ValidationError([{ field: 'outputPath', problem: `must end in .csv, .json, .jsonl or .xlsx, got "${outputPath}"` }], APRES_PLATFORM, 'fetchResults');
}

type OutputRow = { task_id: string; input?: unknown; output?: unknown; status?: unknown; consensus_score?: unknown };
type ResultRow = Record<(typeof RESULT_COLUMNS)[number], unknown>;

/** One task's results row, joined with its output row (by task id) when there is one. */
export function resultRow(task: Task, out: OutputRow | undefined): ResultRow {
	return {
		task_id: task.id,
		input: task.input,
		input_url: out?.input ?? '',
		output: (out?.output as unknown[] | undefined) ?? task.output ?? [],
		status: task.status,
		state: task.state,
		consensus_score: task.consensus_score ?? out?.consensus_score ?? '',
		input_type: task.input_type ?? '',
		feedback: task.feedback ?? '',
		created_at: task.created_at ?? '',
		updated_at: task.updated_at ?? '',
	};
}

/** An output row without a task in the task list (should not happen): kept, not lost. */
function orphanRow(out: OutputRow): ResultRow {
	return { task_id: out.task_id, input: '', input_url: out.input ?? '', output: out.output ?? [], status: out.status ?? '', state: '', consensus_score: out.consensus_score ?? '', input_type: '', feedback: '', created_at: '', updated_at: '' };
}

/** One row per task: the task list joined with the output rows (by task id). */
export function resultRows(tasks: readonly Task[], outputRows: readonly OutputRow[]): ResultRow[] {
	const byTask = new Map(outputRows.map((r) => [r.task_id, r]));
	const rows = tasks.map((task) => {
		const out = byTask.get(task.id);
		byTask.delete(task.id);
		return resultRow(task, out);
	});
	for (const out of byTask.values()) rows.push(orphanRow(out));
	return rows;
}

const joinOutput = (value: unknown) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|') : value);

/** The .json results document (`{task_batch, statistics, csv, rows}`), its rows written as they come. */
async function jsonDocumentWriter(file: string, head: Record<string, unknown>): Promise<ResultWriter> {
	const stream = createWriteStream(file, { highWaterMark: 256 * 1024 });
	const write = async (text: string) => {
		if (!stream.write(text)) await once(stream, 'drain');
	};
	await write(`{\n${Object.entries(head).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)},\n`).join('')}"rows": [`);
	let rows = 0;
	return {
		async write(record) {
			await write(`${rows ? ',' : ''}\n${JSON.stringify(record)}`);
			rows++;
		},
		async writeMany(records) {
			if (!records.length) return;
			await write(records.map((record, i) => `${rows + i ? ',' : ''}\n${JSON.stringify(record)}`).join(''));
			rows += records.length;
		},
		async close() {
			await write('\n]\n}\n');
			stream.end();
			await once(stream, 'finish');
			return { rows };
		},
	};
}

/** Rows of a JSON array file; an element that is not valid JSON fails the attempt (the download is retried). */
async function* jsonArrayRows<T>(file: string, what: string, signal: AbortSignal): AsyncGenerator<T[]> {
	for await (const chunk of readRowChunks({ path: file, format: 'json' }, { signal })) {
		yield chunk.map(({ row, values }) => {
			if ('__error' in values && Object.keys(values).length === 1) throw new Error(`Apres returned an unreadable ${what} (number ${row}): ${String(values.__error)}`);
			return values as T;
		});
	}
}

/**
 * Fetches a completed batch's output and tasks and writes one row per task to the results file
 * (written under a temporary name and renamed, so a retry or a crash never leaves half a file).
 * A batch holds one task per file: the task list and the output go to disk as they arrive and are
 * read back a block at a time (see results.ts), so the worker's memory does not grow with the batch.
 */
export async function fetchResults(client: ApresClient, input: FetchResultsInput): Promise<FetchResultsResult> {
	const ctx = Context.current();
	const format = resultsFormat(input.outputPath);
	const temporary = `${input.outputPath}.${process.pid}.partial`;
	const downloads = { tasks: `${temporary}.tasks.json`, output: `${temporary}.output.json`, outputRows: `${temporary}.output-rows.json` };
	await fs.mkdir(path.dirname(input.outputPath), { recursive: true });
	let rows = 0;
	try {
		const batch = await heartbeating(async () => {
			const download = async (response: Promise<HttpResponse<Readable>>, file: string) => pipeline((await response).body, createWriteStream(file, { highWaterMark: 1024 * 1024 }), { signal: ctx.cancellationSignal });
			const [batch] = await Promise.all([
				client.getTaskBatch(input.taskBatchId),
				download(client.listTasksResponse<Readable>(input.taskBatchId, 'stream'), downloads.tasks),
				download(client.getTaskBatchOutputResponse<Readable>(input.taskBatchId, 'stream'), downloads.output),
			]);
			return batch;
		});
		const output = await splitJsonMember(downloads.output, 'json', downloads.outputRows);
		const statistics = Array.isArray(output.statistics) ? (output.statistics as Statistic[]) : [];
		const csvUrl = typeof output.csv === 'string' ? output.csv : '';
		const writer = format === 'json' ? await jsonDocumentWriter(temporary, { task_batch: batch, statistics, csv: csvUrl }) : await openResultWriter(temporary, format, [...RESULT_COLUMNS]);
		try {
			const tasks = jsonArrayRows<Task>(downloads.tasks, 'task', ctx.cancellationSignal);
			const outputs = jsonArrayRows<OutputRow>(downloads.outputRows, 'output row', ctx.cancellationSignal);
			let nextBeat = 5_000;
			for await (const pairs of joinByTaskId(tasks, outputs)) {
				await writer.writeMany(
					pairs.map(({ task, out }) => {
						const row = task ? resultRow(task, out) : orphanRow(out!);
						return format === 'json' || format === 'jsonl' ? row : { ...row, output: joinOutput(row.output) };
					}),
				);
				rows += pairs.length;
				if (rows >= nextBeat) {
					ctx.heartbeat({ rows });
					nextBeat = rows + 5_000;
				}
			}
		} finally {
			await writer.close();
		}
		await fs.rename(temporary, input.outputPath);
		return { outputPath: input.outputPath, format, rows, taskBatch: summarize(batch), statistics: statisticsByName(statistics), csvUrl };
	} catch (error) {
		await fs.unlink(temporary).catch(() => undefined);
		throw error;
	} finally {
		await Promise.all(Object.values(downloads).map((file) => fs.rm(file, { force: true })));
	}
}
