import type { ValidationIssue } from '../core';
import {
	DELIVERY_TIMEFRAMES,
	DELIVERY_UNITS,
	LOCATION_TYPES,
	type Base64File,
	type LoadBatchRequest,
	type ProcessedRow,
	type TaskBatchCreate,
	type TaskBatchEvent,
} from './types';

// Standard base64 (RFC 4648 section 4), padded. Whitespace (line breaks of MIME-style base64) is allowed.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// S3 bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens, starting
// and ending with a letter or digit.
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// AWS region codes: us-west-1, eu-central-2, ap-southeast-3, us-gov-west-1, cn-north-1, ...
const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
// Azure container names: 3-63 lowercase letters, digits and single hyphens (or `$root`/`$web`).
const AZURE_CONTAINER = /^(?:\$root|\$web|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62})$/;
// Task batch ids are UUIDs in the docs; accept any id made of URL-safe characters.
const BATCH_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'an array' : 'an object';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Whether `value` is standard, padded base64 (line breaks allowed). */
export function isBase64(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const compact = value.replace(/[\r\n]/g, '');
	return compact.length > 0 && BASE64.test(compact);
}

function base64Issues(value: unknown, field: string, itemIndex: number | undefined): ValidationIssue[] {
	if (typeof value !== 'string' || value.length === 0) return [{ itemIndex, field, problem: 'is required: the base64-encoded file contents' }];
	if (/^data:[^,]*;base64,/i.test(value)) return [{ itemIndex, field, problem: 'must be plain base64, without a "data:...;base64," prefix' }];
	if (!isBase64(value)) return [{ itemIndex, field, problem: `must be standard base64 (A-Z, a-z, 0-9, "+", "/", padded with "="), got ${describe(value)}` }];
	return [];
}

export function validateTaskBatchId(id: unknown, itemIndex?: number, field = 'task_batch_id'): ValidationIssue[] {
	if (typeof id !== 'string' || !BATCH_ID.test(id)) {
		return [{ itemIndex, field, problem: `must be a task batch id (e.g. "60649254-69b4-11e9-bef7-60f81dab267a"), got ${describe(id)}` }];
	}
	return [];
}

export function validateDeliveryTimeframe(value: unknown, itemIndex?: number): ValidationIssue[] {
	if (value === undefined) return [];
	if (!DELIVERY_TIMEFRAMES.includes(value as never)) return [{ itemIndex, field: 'delivery_timeframe', problem: `must be 1 or 7 (days), got ${describe(value)}` }];
	return [];
}

export function validateWebhookUrl(value: unknown, itemIndex?: number): ValidationIssue[] {
	if (value === undefined) return [];
	let url: URL | undefined;
	try {
		url = typeof value === 'string' ? new URL(value) : undefined;
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
		return [{ itemIndex, field: 'webhook_url', problem: `must be a fully qualified http(s) URL, got ${describe(value)}` }];
	}
	return [];
}

export function validateFiles(files: unknown, itemIndex?: number): ValidationIssue[] {
	if (!Array.isArray(files) || files.length === 0) return [{ itemIndex, field: 'files', problem: 'must be a non-empty array of { file, data } objects' }];
	const issues: ValidationIssue[] = [];
	const names = new Map<string, number>();
	(files as Base64File[]).forEach((entry, i) => {
		const at = `files[${i}]`;
		if (!isObject(entry)) {
			issues.push({ itemIndex, field: at, problem: 'must be an object { file, data }' });
			return;
		}
		if (!nonEmpty(entry.file)) issues.push({ itemIndex, field: `${at}.file`, problem: 'is required: the name of the file' });
		else if (names.has(entry.file)) issues.push({ itemIndex, field: `${at}.file`, problem: `repeats the name of files[${names.get(entry.file)}] ("${entry.file}"): file names must be unique within a batch` });
		else names.set(entry.file, i);
		issues.push(...base64Issues(entry.data, `${at}.data`, itemIndex));
		for (const key of Object.keys(entry)) if (key !== 'file' && key !== 'data') issues.push({ itemIndex, field: `${at}.${key}`, problem: 'is not a file field (allowed: file, data)' });
	});
	return issues;
}

/** Checks a location: `type` is "s3" or "azure-blob", and the fields that type requires are there. */
export function validateLocation(location: unknown, itemIndex?: number): ValidationIssue[] {
	if (!isObject(location)) return [{ itemIndex, field: 'location', problem: 'must be an object with a "type" of "s3" or "azure-blob"' }];
	const issues: ValidationIssue[] = [];
	const at = (key: string) => `location.${key}`;
	const allow = (allowed: string[]) => {
		for (const key of Object.keys(location)) {
			if (!allowed.includes(key)) issues.push({ itemIndex, field: at(key), problem: `is not a field of a ${String(location.type)} location (allowed: ${allowed.join(', ')})` });
		}
	};
	switch (location.type) {
		case 's3':
			if (!nonEmpty(location.bucket_name)) issues.push({ itemIndex, field: at('bucket_name'), problem: 'is required for an s3 location' });
			else if (!S3_BUCKET.test(location.bucket_name)) issues.push({ itemIndex, field: at('bucket_name'), problem: `must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), got ${describe(location.bucket_name)}` });
			if (!nonEmpty(location.region)) issues.push({ itemIndex, field: at('region'), problem: 'is required for an s3 location (the bucket\'s AWS region, e.g. "us-west-1")' });
			else if (!AWS_REGION.test(location.region)) issues.push({ itemIndex, field: at('region'), problem: `must be an AWS region such as "us-west-1", got ${describe(location.region)}` });
			if (location.prefix !== undefined && typeof location.prefix !== 'string') issues.push({ itemIndex, field: at('prefix'), problem: `must be text, got ${describe(location.prefix)}` });
			allow(['type', 'bucket_name', 'region', 'prefix']);
			break;
		case 'azure-blob': {
			let endpoint: URL | undefined;
			try {
				endpoint = nonEmpty(location.blob_endpoint) ? new URL(location.blob_endpoint) : undefined;
			} catch {
				endpoint = undefined;
			}
			if (!nonEmpty(location.blob_endpoint)) issues.push({ itemIndex, field: at('blob_endpoint'), problem: 'is required for an azure-blob location (e.g. "https://<account>.blob.core.windows.net")' });
			else if (!endpoint || endpoint.protocol !== 'https:') issues.push({ itemIndex, field: at('blob_endpoint'), problem: `must be an https URL such as "https://<account>.blob.core.windows.net", got ${describe(location.blob_endpoint)}` });
			if (!nonEmpty(location.container)) issues.push({ itemIndex, field: at('container'), problem: 'is required for an azure-blob location' });
			else if (!AZURE_CONTAINER.test(location.container)) issues.push({ itemIndex, field: at('container'), problem: `must be an Azure container name (3-63 lowercase letters, digits, hyphens), got ${describe(location.container)}` });
			// Never echo a SAS token: it is a credential.
			if (!nonEmpty(location.sas_token)) issues.push({ itemIndex, field: at('sas_token'), problem: 'is required for an azure-blob location (a shared access signature with read and list rights)' });
			allow(['type', 'blob_endpoint', 'container', 'sas_token']);
			break;
		}
		default:
			issues.push({ itemIndex, field: at('type'), problem: `must be one of ${LOCATION_TYPES.map((t) => `"${t}"`).join(', ')}, got ${describe(location.type)}` });
	}
	return issues;
}

/** Checks a task batch payload: exactly one of `files` and `location`, plus the optional settings. */
export function validateTaskBatchCreate(payload: TaskBatchCreate, itemIndex?: number): ValidationIssue[] {
	if (!isObject(payload)) return [{ itemIndex, field: 'task_batch', problem: 'must be an object' }];
	const issues: ValidationIssue[] = [];
	const hasFiles = payload.files !== undefined;
	const hasLocation = payload.location !== undefined;
	if (hasFiles && hasLocation) issues.push({ itemIndex, field: 'location', problem: 'cannot be combined with "files": a task batch takes files or a location' });
	else if (!hasFiles && !hasLocation) issues.push({ itemIndex, field: 'files', problem: 'or "location" is required: the data the batch processes' });
	if (hasFiles) issues.push(...validateFiles(payload.files, itemIndex));
	if (hasLocation) issues.push(...validateLocation(payload.location, itemIndex));
	issues.push(...validateDeliveryTimeframe(payload.delivery_timeframe, itemIndex));
	if (payload.delivery_units !== undefined && !DELIVERY_UNITS.includes(payload.delivery_units)) {
		issues.push({ itemIndex, field: 'delivery_units', problem: `must be "days", got ${describe(payload.delivery_units)}` });
	}
	issues.push(...validateWebhookUrl(payload.webhook_url, itemIndex));
	const allowed = ['files', 'location', 'delivery_timeframe', 'delivery_units', 'webhook_url'];
	for (const key of Object.keys(payload)) if (!allowed.includes(key)) issues.push({ itemIndex, field: key, problem: `is not a task batch field (allowed: ${allowed.join(', ')})` });
	return issues;
}

export function validateLoadBatch(request: LoadBatchRequest, itemIndex?: number): ValidationIssue[] {
	if (!isObject(request)) return [{ itemIndex, field: 'load_batch', problem: 'must be an object { file, data, golden_set? }' }];
	const issues: ValidationIssue[] = [];
	if (!nonEmpty(request.file)) issues.push({ itemIndex, field: 'file', problem: 'is required: the name of the CSV file, e.g. "set1.csv"' });
	issues.push(...base64Issues(request.data, 'data', itemIndex));
	if (request.golden_set !== undefined && typeof request.golden_set !== 'boolean') issues.push({ itemIndex, field: 'golden_set', problem: `must be true or false, got ${describe(request.golden_set)}` });
	return issues;
}

/** Checks one processed row (one input item) for a load_batch CSV: input and output are required. */
export function validateProcessedRow(row: ProcessedRow, itemIndex?: number): ValidationIssue[] {
	if (!isObject(row)) return [{ itemIndex, field: 'row', problem: 'must be an object { input, type?, output }' }];
	const issues: ValidationIssue[] = [];
	if (!nonEmpty(row.input)) issues.push({ itemIndex, field: 'input', problem: `is required: the task input (e.g. a file URL), got ${describe(row.input)}` });
	if (row.type !== undefined && row.type !== '' && typeof row.type !== 'string') issues.push({ itemIndex, field: 'type', problem: `must be text such as "image/jpeg", got ${describe(row.type)}` });
	const outputs = Array.isArray(row.output) ? row.output : [row.output];
	if (outputs.length === 0 || outputs.some((o) => !nonEmpty(o))) issues.push({ itemIndex, field: 'output', problem: `is required: the expected answer (text, or a list of texts), got ${describe(row.output)}` });
	return issues;
}

/** The state and ids of a webhook body, or the problems with it. Tolerates a few id spellings. */
export function parseWebhookEvent(body: unknown): { event?: TaskBatchEvent; problems: string[] } {
	if (!isObject(body)) return { problems: ['the body must be a JSON object'] };
	const nested = isObject(body.task_batch) ? body.task_batch : undefined;
	const batchId = body.task_batch_id ?? body.taskBatchId ?? body.batch_id ?? nested?.id;
	const recipeId = body.recipe_id ?? body.recipeId ?? (isObject(body.recipe) ? body.recipe.id : undefined);
	const state = body.state ?? nested?.state;
	const problems: string[] = [];
	if (!nonEmpty(state)) problems.push('"state" is required');
	if (typeof batchId !== 'string' || !BATCH_ID.test(batchId)) problems.push('"task_batch_id" is required');
	if (recipeId !== undefined && typeof recipeId !== 'string') problems.push('"recipe_id" must be a string');
	if (problems.length) return { problems };
	return {
		event: {
			state: String(state).toLowerCase(),
			message: typeof body.message === 'string' ? body.message : '',
			...(typeof recipeId === 'string' ? { recipe_id: recipeId } : {}),
			task_batch_id: batchId as string,
		},
		problems,
	};
}
