import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { jobOutcome, type PrimerClient } from '../../clients/primer';
import { openResultWriter, readRows, type ResultWriter } from '../files';
import { heartbeating } from '../shared/heartbeating';

export interface WaitForPredictionsInput {
	connection: string;
	requestPredictionsId: number;
	datasetId: string;
	modelId: string;
	/** First pause between status checks (default 2 s); it grows by half each time up to `maxPollIntervalMs` (default 30 s). */
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
}

export interface WaitForPredictionsResult {
	status: string;
	polls: number;
	waitedMs: number;
}

/**
 * Temporal's polling pattern for frequent polls: one long-running activity that checks the job's
 * status, heartbeats, and sleeps (cancellably) with backoff, instead of a timer loop in the
 * workflow. A worker crash loses nothing: the retried activity simply polls again. A job that
 * ends FAILED fails the activity for good, naming the job, dataset and model.
 */
export async function waitForPredictions(client: PrimerClient, input: WaitForPredictionsInput): Promise<WaitForPredictionsResult> {
	const ctx = Context.current();
	const started = Date.now();
	let interval = Math.max(10, input.pollIntervalMs ?? 2_000);
	const max = Math.max(interval, input.maxPollIntervalMs ?? 30_000);
	for (let polls = 1; ; polls++) {
		const job = await client.getPredictionStatus(input.requestPredictionsId);
		ctx.heartbeat({ status: job.status, polls });
		const outcome = jobOutcome(job.status);
		if (outcome === 'succeeded') return { status: job.status, polls, waitedMs: Date.now() - started };
		if (outcome === 'failed') {
			const reason = typeof job.message === 'string' && job.message ? `: ${job.message}` : '';
			throw ApplicationFailure.nonRetryable(
				`Primer Automate bulk prediction job ${input.requestPredictionsId} (dataset ${input.datasetId}, model ${input.modelId}) ended with status ${job.status}${reason}`,
				'PredictionJobFailed',
				{ status: job.status, requestPredictionsId: input.requestPredictionsId },
			);
		}
		await ctx.sleep(interval);
		interval = Math.min(max, Math.round(interval * 1.5));
	}
}

export interface DownloadPredictionsInput {
	connection: string;
	datasetId: string;
	modelId: string;
	/** Results file; the format follows the extension: .csv, .json, .jsonl or .xlsx. */
	outputPath: string;
	/** Add each document's text to the results (default false). */
	includeText?: boolean;
	/** Documents the dataset holds: the results are checked against it. */
	expectedDocuments?: number;
}

export interface DownloadPredictionsResult {
	outputPath: string;
	/** Result rows written: one per document. */
	rows: number;
	downloadedBytes: number;
	/** Documents expected but absent from the download (0 when complete). */
	missing: number;
	modelType?: string;
	/** How many documents each label was predicted for (classifiers and NER; at most 100 labels). */
	labelCounts: Record<string, number>;
}

export const RESULT_COLUMNS = ['document_id', 'document_title', 'model_type', 'predicted_labels', 'top_label', 'top_score', 'labels'];

interface Flat {
	predicted: string[];
	top?: { label: string; score: number };
}

/** Flattens a document's `labels` for one results row, whatever the model type. */
export function flattenLabels(labels: unknown): Flat {
	const list = Array.isArray(labels) ? (labels as Array<Record<string, unknown>>) : [];
	const predicted: string[] = [];
	let top: Flat['top'];
	for (const entry of list) {
		if (!entry || typeof entry !== 'object') continue;
		const score = typeof entry.score === 'number' ? entry.score : undefined;
		const label = typeof entry.label === 'string' ? entry.label : undefined;
		if (typeof entry.classification === 'boolean') {
			if (entry.classification && label) predicted.push(label);
		} else if (label && typeof entry.text === 'string') {
			predicted.push(`${entry.text} (${label})`);
		} else if (Array.isArray(entry.text)) {
			predicted.push(...entry.text.map(String));
		}
		if (label && score !== undefined && (!top || score > top.score)) top = { label, score };
	}
	return { predicted, top };
}

/** A streamed JSON array file (`[`, one element per line, `]`): flat memory, valid JSON at close. */
async function jsonArrayWriter(path: string): Promise<ResultWriter> {
	const stream = createWriteStream(path, { highWaterMark: 256 * 1024 });
	await once(stream, 'open');
	let rows = 0;
	const write = async (text: string) => {
		if (!stream.write(text)) await once(stream, 'drain');
	};
	await write('[');
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
			await write('\n]\n');
			stream.end();
			await once(stream, 'finish');
			return { rows };
		},
	};
}

async function firstChar(path: string): Promise<string> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(4096);
		const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
		return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().charAt(0);
	} finally {
		await handle.close();
	}
}

/**
 * Streams every prediction of the model for the dataset (JSON: it works for every model type)
 * to a file with flat memory, heartbeating the bytes received, then writes one results row per
 * document (CSV/JSONL/JSON stream; XLSX is built at the end). A dropped download fails the attempt
 * and the retry downloads again from the start (the call is a read).
 */
export async function downloadPredictions(client: PrimerClient, input: DownloadPredictionsInput): Promise<DownloadPredictionsResult> {
	const ctx = Context.current();
	const rawPath = `${input.outputPath}.download`;
	const response = await heartbeating(() => client.downloadPredictionsResponse<Readable>(input.datasetId, input.modelId, 'JSON', 'stream'), () => ({ stage: 'request' }));
	let downloadedBytes = 0;
	let lastBeat = 0;
	// Bytes go straight to disk, with backpressure: memory stays flat whatever the size.
	await pipeline(
		response.body,
		async function* count(source: AsyncIterable<Buffer>) {
			for await (const chunk of source) {
				downloadedBytes += chunk.length;
				if (Date.now() - lastBeat > 1_000) {
					lastBeat = Date.now();
					ctx.heartbeat({ stage: 'download', bytes: downloadedBytes });
				}
				yield chunk;
			}
		},
		createWriteStream(rawPath, { highWaterMark: 1024 * 1024 }),
		{ signal: ctx.cancellationSignal },
	);
	downloadedBytes = (await stat(rawPath)).size;

	const extension = input.outputPath.toLowerCase().slice(input.outputPath.lastIndexOf('.'));
	const columns = input.includeText ? [...RESULT_COLUMNS.slice(0, 2), 'document_text', ...RESULT_COLUMNS.slice(2)] : RESULT_COLUMNS;
	const writer =
		extension === '.json'
			? await jsonArrayWriter(input.outputPath)
			: await openResultWriter(input.outputPath, extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : 'jsonl', columns);
	const labelCounts: Record<string, number> = {};
	let modelType: string | undefined;
	let rows = 0;
	try {
		const format = (await firstChar(rawPath)) === '[' ? 'json' : 'jsonl';
		for await (const { row, values } of readRows({ path: rawPath, format }, { signal: ctx.cancellationSignal })) {
			if ('__error' in values && Object.keys(values).length === 1) {
				throw ApplicationFailure.nonRetryable(`Primer Automate returned an unreadable prediction (document ${row} of the download): ${String(values.__error)}`, 'ApiError');
			}
			modelType ??= typeof values.model_type === 'string' ? values.model_type : undefined;
			const flat = flattenLabels(values.labels);
			if (flat.top || flat.predicted.length) {
				for (const name of new Set(Array.isArray(values.labels) ? (values.labels as Array<{ label?: unknown; classification?: unknown }>).filter((l) => typeof l?.label === 'string' && l.classification !== false).map((l) => String(l.label)) : [])) {
					if (name in labelCounts || Object.keys(labelCounts).length < 100) labelCounts[name] = (labelCounts[name] ?? 0) + 1;
				}
			}
			await writer.write({
				document_id: values.document_id ?? null,
				document_title: values.document_title ?? null,
				...(input.includeText ? { document_text: values.document_text ?? null } : {}),
				model_type: values.model_type ?? null,
				predicted_labels: extension === '.json' || extension === '.jsonl' ? flat.predicted : flat.predicted.join('; '),
				top_label: flat.top?.label ?? null,
				top_score: flat.top?.score ?? null,
				labels: values.labels ?? [],
			});
			rows++;
			if (rows % 5_000 === 0) ctx.heartbeat({ stage: 'write', rows });
		}
	} finally {
		await writer.close();
	}
	await rm(rawPath, { force: true });
	return { outputPath: input.outputPath, rows, downloadedBytes, missing: Math.max(0, (input.expectedDocuments ?? rows) - rows), modelType, labelCounts };
}
