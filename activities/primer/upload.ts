import { Context } from '@temporalio/activity';
import { dirname } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError, NetworkError, ValidationError, type ValidationIssue } from '../../clients/core';
import { isUuid, PRIMER_PLATFORM, validateRequired, validateUuid, type PrimerClient } from '../../clients/primer';
import { detectFormat, openResultWriter, type FileSpec } from '../files';
import type { FilePosition } from '../shared/orderedProgress';
import { uploadHeaders, type PrimerColumns } from './documents';
import { fileParts, partLimits, removeSpool, spooledParts, SpoolWriter, type Part, type SpoolRef } from './parts';
import { heartbeating } from '../shared/heartbeating';

export type InvalidRowPolicy = 'fail' | 'skip';

export interface CheckJobInput {
	connection: string;
	modelId: string;
	file?: FileSpec;
	columns?: PrimerColumns;
	datasetId?: string;
	displayName?: string;
	documentType?: string;
	onInvalidRow?: InvalidRowPolicy;
	/** Skipped rows go here, one `{row, issues}` line each (onInvalidRow "skip"). */
	errorsFile?: string;
	/** The results file; the upload parts are spooled next to it until the upload is done. */
	outputPath: string;
	/** Rows and most bytes per upload part (as the upload is given). */
	partRows?: number;
	partBytes?: number;
}

export interface CheckJobResult {
	/** Data rows in the file (0 without a file). */
	rows: number;
	/** Rows that cannot be documents (skipped with onInvalidRow "skip"). */
	invalid: number;
	/** Documents the dataset holds before the upload (when adding to an existing dataset). */
	baseDocuments: number;
	/** The file's upload parts, cut during the check (absent without a file). */
	spool?: SpoolRef;
}

const RESULT_EXTENSIONS = ['.csv', '.json', '.jsonl', '.xlsx'];
const MAX_NAMED_ISSUES = 20;

/**
 * Checks a job's input before anything is uploaded: ids are UUIDs, a file has a known format, a
 * display name, a text column and no bad rows (unless they may be skipped), the dataset exists.
 * Every problem found becomes one ValidationError naming rows and fields (non-retryable). The same
 * read cuts the upload parts into a spool (see parts.ts) and writes skipped rows to the errors file.
 */
export async function checkJob(client: PrimerClient, input: CheckJobInput): Promise<CheckJobResult> {
	const ctx = Context.current();
	const issues: ValidationIssue[] = [...validateUuid('modelId', input.modelId)];
	if (!input.file && !input.datasetId) issues.push({ field: 'file', problem: 'or datasetId is required: the documents to predict' });
	if (input.datasetId !== undefined) issues.push(...validateUuid('datasetId', input.datasetId));
	if (!RESULT_EXTENSIONS.some((ext) => String(input.outputPath ?? '').toLowerCase().endsWith(ext))) {
		issues.push({ field: 'outputPath', problem: `must end with ${RESULT_EXTENSIONS.join(', ')} (the results file format), got ${JSON.stringify(input.outputPath ?? null)}` });
	}
	if (input.file) {
		if (!input.datasetId) issues.push(...validateRequired('displayName', input.displayName).map((i) => ({ ...i, problem: `${i.problem} (the name of the dataset created from the file)` })));
		if (!input.columns || typeof input.columns.text !== 'string' || input.columns.text === '') issues.push({ field: 'columns.text', problem: 'is required: the file column holding the document text' });
		detectFormat(input.file); // unknown types: a FileError naming the extension
	}
	if (issues.length) throw new ValidationError(issues, PRIMER_PLATFORM, 'bulkPredictions');

	let baseDocuments = 0;
	if (input.datasetId) {
		const dataset = (await client.listDatasets()).find((d) => d.id.toLowerCase() === input.datasetId!.toLowerCase());
		if (!dataset) throw new ValidationError([{ field: 'datasetId', problem: `names no dataset of this organization: ${input.datasetId}` }], PRIMER_PLATFORM, 'bulkPredictions');
		baseDocuments = dataset.num_documents;
	}
	if (!input.file) return { rows: 0, invalid: 0, baseDocuments };

	const format = detectFormat(input.file);
	const limits = partLimits(input);
	const skip = input.onInvalidRow === 'skip';
	const rowIssues: ValidationIssue[] = [];
	let rows = 0;
	let invalid = 0;
	let headerChecked = false;
	const checkHeader = (values: Record<string, unknown>) => {
		// CSV and XLSX rows carry every header column; JSON objects may omit optional keys.
		if (headerChecked || '__error' in values || (format !== 'csv' && format !== 'xlsx')) return;
		headerChecked = true;
		const missing = (Object.entries(input.columns!) as Array<[string, string]>).filter(([, column]) => column !== undefined && !Object.hasOwn(values, column));
		if (missing.length) {
			throw new ValidationError(
				missing.map(([field, column]) => ({ field: `columns.${field}`, problem: `names the column "${column}", which ${input.file!.path} does not have (columns: ${Object.keys(values).join(', ')})` })),
				PRIMER_PLATFORM,
				'bulkPredictions',
			);
		}
	};
	// The same pass cuts the upload parts into a spool, so the upload does not parse the file again.
	const spool = await SpoolWriter.create(input.outputPath, limits).catch((error: NodeJS.ErrnoException) => {
		if (error.code !== 'ENOENT' && error.code !== 'EACCES' && error.code !== 'ENOTDIR') throw error;
		throw new ValidationError([{ field: 'outputPath', problem: `cannot be written: ${error.code === 'EACCES' ? 'permission denied in' : 'no such directory'} ${dirname(input.outputPath)}` }], PRIMER_PLATFORM, 'bulkPredictions');
	});
	const errors = skip && input.errorsFile ? await openResultWriter(input.errorsFile, 'jsonl') : undefined;
	try {
		const parts = fileParts({
			file: input.file,
			columns: input.columns!,
			...limits,
			signal: ctx.cancellationSignal,
			onRow: (values) => {
				checkHeader(values);
				if (++rows % 10_000 === 0) ctx.heartbeat({ rows });
			},
			onInvalid: async (row, issues) => {
				invalid++;
				if (rowIssues.length < MAX_NAMED_ISSUES) rowIssues.push(...issues);
				await errors?.write({ row, issues });
			},
		});
		for await (const part of parts) {
			// Once a bad row stops the job (onInvalidRow "fail"), the parts are of no use; keep counting.
			if (skip || invalid === 0) await spool.write(part);
		}
		if (rows === 0) throw new ValidationError([{ field: 'file', problem: `${input.file.path} has no data rows` }], PRIMER_PLATFORM, 'bulkPredictions');
		if (invalid > 0 && !skip) {
			const shown = rowIssues.slice(0, 5).map((i) => `row ${i.itemIndex}: ${i.field === 'row' ? i.problem : `field "${i.field}" ${i.problem}`}`);
			throw ApplicationFailure.nonRetryable(
				`Invalid rows in ${input.file.path}: ${shown.join('; ')}${rowIssues.length > 5 ? '; ...' : ''} (${invalid} of ${rows} rows are invalid; rows count data rows from 0, header excluded). Nothing was uploaded: fix the file, or set onInvalidRow to "skip".`,
				'ValidationError',
				{ issues: rowIssues, invalid, rows },
			);
		}
		return { rows, invalid, baseDocuments, spool: await spool.commit() };
	} catch (error) {
		await spool.discard();
		throw error;
	} finally {
		await errors?.close();
	}
}

export interface UploadFileInput {
	connection: string;
	file: FileSpec;
	columns: PrimerColumns;
	/** Add to this dataset; without it a new dataset is created (displayName, documentType). */
	datasetId?: string;
	displayName?: string;
	documentType?: string;
	description?: string;
	modelId?: string;
	/** Documents the existing dataset held before this upload (from checkJob). */
	baseDocuments: number;
	/**
	 * Valid rows of the file (from checkJob). A dataset created by a request whose answer was lost
	 * is adopted with up to this many documents: a crashed attempt may have appended to it before
	 * its checkpoint (a throttled heartbeat) recorded the dataset id. Default: one part.
	 */
	validRows?: number;
	/** Rows per request (default 10,000) and most bytes per request (default 8 MB). */
	partRows?: number;
	partBytes?: number;
	/** The parts the check cut; without them (or when they are gone) the file is read again. */
	spool?: SpoolRef;
	/** When the job started (ms): a dataset created by a request whose answer was lost is adopted only if newer. */
	startedAt: number;
}

export interface UploadFileResult {
	datasetId: string;
	documents: number;
	skipped: number;
	parts: number;
}

interface Checkpoint {
	datasetId?: string;
	position: FilePosition;
	documents: number;
	skipped: number;
	parts: number;
}

class UploadMismatch extends Error {
	override readonly name = 'UploadMismatch';
}

/** Attempts per part when its answer is lost; between them the platform says whether it landed. */
const PART_ATTEMPTS = 6;

/** The request may or may not have taken effect: a 5xx or timeout, or no answer at all. */
function answerLost(error: unknown): boolean {
	return error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 408 || error.status === 429));
}

/**
 * Uploads the file's rows as CSV parts (spooled by checkJob, or cut from the file when the spool
 * is not there): the first creates the dataset (POST datasets:upload), the rest are appended
 * (PATCH). A heartbeat after each part holds the checkpoint. Appends are
 * not idempotent, so a retried attempt first compares the dataset's document count with the
 * checkpoint: parts that landed although their answer was lost are skipped, not sent twice. A
 * part whose answer is lost within an attempt (5xx, dropped connection) is settled the same way
 * at once (landed: go on; absent: send again), so a flaky network does not use up the activity's
 * attempts nor restart the upload.
 */
export async function uploadFile(client: PrimerClient, input: UploadFileInput): Promise<UploadFileResult> {
	const ctx = Context.current();
	const limits = partLimits(input);
	const resume = ctx.info.heartbeatDetails as Checkpoint | undefined;
	const state: Checkpoint = resume ? { ...resume } : { datasetId: input.datasetId, position: { row: 0 }, documents: 0, skipped: 0, parts: 0 };
	const headers = uploadHeaders(input.columns);

	// A retried attempt: find out what the platform already has.
	let surplus = 0;
	if (ctx.info.attempt > 1 || resume) {
		if (!state.datasetId) state.datasetId = await adoptLostDataset(client, input, Math.max(limits.partRows, input.validRows ?? 0));
		if (state.datasetId) {
			const dataset = (await client.listDatasets()).find((d) => d.id === state.datasetId);
			if (!dataset) throw ApplicationFailure.nonRetryable(`dataset ${state.datasetId} disappeared during the upload`, 'UploadMismatch');
			surplus = dataset.num_documents - (input.baseDocuments + state.documents);
			if (surplus < 0) throw ApplicationFailure.nonRetryable(`dataset ${state.datasetId} holds ${dataset.num_documents} documents, fewer than the ${input.baseDocuments + state.documents} already uploaded: it was changed during the upload`, 'UploadMismatch');
		}
	}

	const send = async (body: Buffer) => {
		const checkpoint = () => ({ ...state });
		if (state.datasetId) {
			await heartbeating(() => client.appendDataset(state.datasetId!, body, { filetype: 'csv', headers, ...(state.parts === 0 && input.modelId ? { modelId: input.modelId } : {}) }), checkpoint);
		} else {
			const created = await heartbeating(
				() =>
					client.uploadDataset(body, {
						filetype: 'csv',
						headers,
						displayName: input.displayName,
						documentType: input.documentType || 'Other',
						description: input.description,
						modelId: input.modelId,
					}),
				checkpoint,
			);
			state.datasetId = created.dataset_id;
		}
	};

	/** After a lost answer: true when the part is on the platform, false when it never arrived. */
	const landed = async (documents: number): Promise<boolean> => {
		if (!state.datasetId) {
			state.datasetId = await adoptLostDataset(client, input, documents);
			return state.datasetId !== undefined;
		}
		const dataset = (await client.listDatasets()).find((d) => d.id === state.datasetId);
		if (!dataset) throw new UploadMismatch(`dataset ${state.datasetId} disappeared during the upload`);
		const held = dataset.num_documents - (input.baseDocuments + state.documents);
		if (held === 0 || held === documents) return held === documents;
		throw new UploadMismatch(`dataset ${state.datasetId} holds ${dataset.num_documents} documents, expected ${input.baseDocuments + state.documents} or ${input.baseDocuments + state.documents + documents}: it was changed during the upload`);
	};

	const sendPart = async (part: Part) => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await send(part.body);
			} catch (error) {
				if (!answerLost(error) || attempt >= PART_ATTEMPTS) throw error;
			}
			if (await landed(part.documents)) return;
			await ctx.sleep(Math.min(10_000, 250 * 2 ** (attempt - 1)));
		}
	};

	const upload = async (part: Part) => {
		if (part.documents > 0) {
			if (surplus >= part.documents) {
				// Already on the platform: an earlier attempt sent it and lost the answer.
				surplus -= part.documents;
			} else if (surplus > 0) {
				throw new UploadMismatch(`dataset ${state.datasetId} holds ${surplus} documents more than uploaded, which is not a whole number of parts: it was changed during the upload`);
			} else {
				await sendPart(part);
			}
			state.documents += part.documents;
			state.parts++;
		}
		state.skipped += part.skipped;
		state.position = part.end;
		if (part.documents > 0) ctx.heartbeat({ ...state } satisfies Checkpoint);
	};

	try {
		const parts =
			(await spooledParts(input.spool, limits, state.position)) ??
			fileParts({
				file: input.file,
				columns: input.columns,
				...limits,
				start: state.position,
				signal: ctx.cancellationSignal,
				// checkJob stopped the job unless bad rows may be skipped (it listed them in the errors file).
				onRow: (_, row) => {
					if (row % 5_000 === 0) ctx.heartbeat({ ...state } satisfies Checkpoint);
				},
			});
		for await (const part of parts) await upload(part);
		if (surplus > 0) throw new UploadMismatch(`dataset ${state.datasetId} holds ${surplus} documents more than this file has: it was changed during the upload`);
	} catch (error) {
		if (error instanceof UploadMismatch) throw ApplicationFailure.nonRetryable(error.message, 'UploadMismatch');
		throw error;
	}
	if (!state.datasetId) throw new ValidationError([{ field: 'file', problem: `${input.file.path} has no valid rows to upload` }], PRIMER_PLATFORM, 'bulkPredictions');
	if (input.spool) await removeSpool(input.spool.path);
	return { datasetId: state.datasetId, documents: state.documents, skipped: state.skipped, parts: state.parts };
}

/**
 * The dataset a lost first request created: same display name, created since the job started,
 * holding at most one part. Undefined when there is none (the request never took effect).
 */
async function adoptLostDataset(client: PrimerClient, input: UploadFileInput, partRows: number): Promise<string | undefined> {
	if (input.datasetId) return input.datasetId;
	const since = input.startedAt - 60_000;
	const candidates = (await client.listDatasets()).filter(
		(d) => d.display_name === input.displayName && Date.parse(d.creation_date) >= since && d.num_documents <= partRows && isUuid(d.id),
	);
	if (candidates.length > 1) {
		throw ApplicationFailure.nonRetryable(`cannot tell which of ${candidates.length} datasets named "${input.displayName}" this job created: use a unique display name`, 'UploadMismatch');
	}
	return candidates[0]?.id;
}
