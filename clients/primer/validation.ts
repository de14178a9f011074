import type { ValidationIssue } from '../core';
import type { DatasetCreate, HeaderMatching, PredictionsFormat, UploadOptions } from './types';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);
const DIGITS = /^\d{1,20}$/;

export const UPLOAD_FILETYPES = ['csv', 'json'] as const;
export const PREDICTION_FORMATS = ['CSV', 'JSON'] as const;

/** Job states a bulk prediction job ends in (compared case-insensitively). */
export const SUCCEEDED_STATES = ['COMPLETED', 'COMPLETE', 'DONE', 'SUCCESS', 'SUCCEEDED', 'FINISHED'];
export const FAILED_STATES = ['FAILED', 'FAILURE', 'ERROR', 'ERRORED', 'CANCELLED', 'CANCELED'];

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

export function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'an array' : 'an object';
}

export function validateUuid(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	if (isUuid(value)) return [];
	return [{ itemIndex, field, problem: `must be a UUID like 3a437e2e-99fb-480c-a112-db9e82ae6ec7, got ${describe(value)}` }];
}

export function validateRequired(field: string, value: unknown, itemIndex?: number): ValidationIssue[] {
	if (typeof value === 'string' && value.trim() !== '') return [];
	return [{ itemIndex, field, problem: `is required and must be non-empty text, got ${describe(value)}` }];
}

export function validateRequestId(value: unknown, itemIndex?: number): ValidationIssue[] {
	const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) return [];
	return [{ itemIndex, field: 'request_predictions_id', problem: `must be a positive whole number (the id returned when the bulk predictions were requested), got ${describe(value)}` }];
}

export function validateFiletype(value: unknown, itemIndex?: number): ValidationIssue[] {
	if (typeof value === 'string' && (UPLOAD_FILETYPES as readonly string[]).includes(value)) return [];
	return [{ itemIndex, field: 'filetype', problem: `must be "csv" or "json" (the only file types Primer Automate accepts), got ${describe(value)}` }];
}

export function validateFormat(value: unknown, itemIndex?: number): ValidationIssue[] {
	if (typeof value === 'string' && (PREDICTION_FORMATS as readonly string[]).includes(value.toUpperCase())) return [];
	return [{ itemIndex, field: 'format', problem: `must be "CSV" or "JSON" (NER models need JSON), got ${describe(value)}` }];
}

function validateHeaders(headers: HeaderMatching | undefined, itemIndex?: number): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
			issues.push({ itemIndex, field: `header_matching_${key}`, problem: `must be a column name, got ${describe(value)}` });
		}
	}
	return issues;
}

/** Checks the query parameters of an upload; `create` requires the dataset's display name and type. */
export function validateUploadOptions(options: UploadOptions, create: boolean, itemIndex?: number): ValidationIssue[] {
	const issues = validateFiletype(options.filetype, itemIndex);
	if (create) {
		issues.push(...validateRequired('dataset_meta_display_name', options.displayName, itemIndex).map((i) => ({ ...i, problem: `${i.problem} (the new dataset's name)` })));
		issues.push(...validateRequired('dataset_meta_document_type', options.documentType, itemIndex).map((i) => ({ ...i, problem: `${i.problem} (e.g. "News", "Social Media", "Other")` })));
	}
	if (options.modelId !== undefined && options.modelId !== '') issues.push(...validateUuid('model_id', options.modelId, itemIndex));
	issues.push(...validateHeaders(options.headers, itemIndex));
	return issues;
}

export function validateDatasetCreate(entry: DatasetCreate, itemIndex?: number): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const userId = entry.user_id;
	const userIdOk = (typeof userId === 'string' && DIGITS.test(userId)) || (typeof userId === 'number' && Number.isSafeInteger(userId) && userId >= 0);
	if (!userIdOk) issues.push({ itemIndex, field: 'user_id', problem: `must be a whole number (your Primer user id; give large ids as text to keep them exact), got ${describe(userId)}` });
	if (typeof entry.org_id !== 'number' || !Number.isSafeInteger(entry.org_id) || entry.org_id < 0) issues.push({ itemIndex, field: 'org_id', problem: `must be a whole number, got ${describe(entry.org_id)}` });
	if (typeof entry.num_documents !== 'number' || !Number.isSafeInteger(entry.num_documents) || entry.num_documents < 0) {
		issues.push({ itemIndex, field: 'num_documents', problem: `must be a whole number >= 0, got ${describe(entry.num_documents)}` });
	}
	if (typeof entry.is_archived !== 'boolean') issues.push({ itemIndex, field: 'is_archived', problem: `must be true or false, got ${describe(entry.is_archived)}` });
	issues.push(...validateRequired('display_name', entry.display_name, itemIndex));
	issues.push(...validateRequired('document_type', entry.document_type, itemIndex));
	if (entry.description !== undefined && typeof entry.description !== 'string') issues.push({ itemIndex, field: 'description', problem: `must be text, got ${describe(entry.description)}` });
	return issues;
}

export function normalizeFormat(format: string): PredictionsFormat {
	return format.toUpperCase() as PredictionsFormat;
}

/** `succeeded`, `failed`, or `running` for a job status string. */
export function jobOutcome(status: string | undefined): 'succeeded' | 'failed' | 'running' {
	const upper = String(status ?? '').toUpperCase();
	if (SUCCEEDED_STATES.includes(upper)) return 'succeeded';
	if (FAILED_STATES.includes(upper)) return 'failed';
	return 'running';
}
