import { Context } from '@temporalio/activity';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError, type ValidationIssue } from '../../clients/core';
import {
	APRES_PLATFORM,
	statisticsByName,
	taskBatchPhase,
	type ApresClient,
	type Base64File,
	type DeliveryTimeframe,
	type S3Location,
	type Task,
	type TaskBatch,
	type TaskBatchCreate,
	type TaskBatchLocation,
	type TaskBatchPhase,
} from '../../clients/apres';
import { openResultWriter } from '../files';
import { callbackUrl, type ApresCallbackSettings } from './callback';

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
}

export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

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

/** Reads the files and base64-encodes them; names are the files' base names and must be unique. */
async function readFiles(paths: string[], maxBytes: number): Promise<Base64File[]> {
	const issues: ValidationIssue[] = [];
	const seen = new Map<string, number>();
	let total = 0;
	const sizes = await Promise.all(
		paths.map(async (p, i) => {
			try {
				const stat = await fs.stat(p);
				if (!stat.isFile()) issues.push({ field: `source.files[${i}]`, problem: `is not a file: ${p}` });
				else if (stat.size === 0) issues.push({ field: `source.files[${i}]`, problem: `is empty: ${p}` });
				return stat.size;
			} catch (error) {
				issues.push({ field: `source.files[${i}]`, problem: `cannot be read: ${p} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
				return 0;
			}
		}),
	);
	paths.forEach((p, i) => {
		const name = path.basename(p);
		if (seen.has(name)) issues.push({ field: `source.files[${i}]`, problem: `has the same file name as source.files[${seen.get(name)}] ("${name}"): names must be unique within a batch` });
		seen.set(name, i);
		total += sizes[i];
	});
	if (total > maxBytes) issues.push({ field: 'source', problem: `holds ${total} bytes, more than the ${maxBytes} a base64 upload allows here: put the files in S3 or Azure and use a location` });
	if (issues.length) throw new ValidationError(issues, APRES_PLATFORM, 'createTaskBatch');
	const files: Base64File[] = [];
	for (const p of paths) files.push({ file: path.basename(p), data: (await fs.readFile(p)).toString('base64') });
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

/**
 * Creates the job's task batch: files are read here (never passed through Temporal), an Azure
 * SAS token comes from the worker's connection, and the callback URL with this run's token is
 * built here and sent to Apres only. Not retried by the workflow: a repeated create would make a
 * second batch (and cost twice).
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
	if (input.webhook !== false && callbacks) {
		const jobId = Context.current().info.workflowExecution?.workflowId;
		if (!jobId) throw new Error('apresCreateTaskBatch runs inside a job (workflow): its callback URL names the job');
		const { url, token } = callbackUrl(callbacks, jobId, input.nonce);
		payload.webhook_url = url;
		secrets.push(token);
	}
	const batch = await client.createTaskBatch(payload as TaskBatchCreate, { secrets });
	return { taskBatch: summarize(batch), webhook: useWebhook, ...(payload.files ? { files: payload.files.length } : {}) };
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

/** One row per task: the task list joined with the output rows (by task id). */
export function resultRows(tasks: readonly Task[], outputRows: ReadonlyArray<{ task_id: string; input?: unknown; output?: unknown; status?: unknown; consensus_score?: unknown }>): Array<Record<(typeof RESULT_COLUMNS)[number], unknown>> {
	const byTask = new Map(outputRows.map((r) => [r.task_id, r]));
	const rows: Array<Record<(typeof RESULT_COLUMNS)[number], unknown>> = tasks.map((task) => {
		const out = byTask.get(task.id);
		byTask.delete(task.id);
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
	});
	// Output rows without a task in the task list (should not happen) are kept, not lost.
	for (const out of byTask.values()) {
		rows.push({ task_id: out.task_id, input: '', input_url: out.input ?? '', output: out.output ?? [], status: out.status ?? '', state: '', consensus_score: out.consensus_score ?? '', input_type: '', feedback: '', created_at: '', updated_at: '' });
	}
	return rows;
}

const joinOutput = (value: unknown) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|') : value);

/**
 * Fetches a completed batch's output and tasks and writes one row per task to the results file
 * (written under a temporary name and renamed, so a retry or a crash never leaves half a file).
 */
export async function fetchResults(client: ApresClient, input: FetchResultsInput): Promise<FetchResultsResult> {
	const format = resultsFormat(input.outputPath);
	const [batch, output, tasks] = [await client.getTaskBatch(input.taskBatchId), await client.getTaskBatchOutput(input.taskBatchId), await client.listTasks(input.taskBatchId)];
	const rows = resultRows(tasks, output.json);
	const statistics = statisticsByName(output.statistics);
	const temporary = `${input.outputPath}.${process.pid}.partial`;
	await fs.mkdir(path.dirname(input.outputPath), { recursive: true });
	try {
		if (format === 'json') {
			const document = { task_batch: batch, statistics: output.statistics, csv: output.csv, rows };
			await fs.writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`);
		} else {
			const writer = await openResultWriter(temporary, format, [...RESULT_COLUMNS]);
			for (const row of rows) await writer.write(format === 'jsonl' ? row : { ...row, output: joinOutput(row.output) });
			await writer.close();
		}
		await fs.rename(temporary, input.outputPath);
	} catch (error) {
		await fs.unlink(temporary).catch(() => undefined);
		throw error;
	}
	return { outputPath: input.outputPath, format, rows: rows.length, taskBatch: summarize(batch), statistics, csvUrl: output.csv };
}
