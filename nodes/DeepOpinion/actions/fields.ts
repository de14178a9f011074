import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { LANGUAGES, MODEL_STATUSES, PLATFORM, PROJECT_TYPES, ROLES, SESSION_STATUSES, type DocumentInput, type ExternalSource, type HitlFields, type LabelingSessionCreate, type ModelQuery, type ModelUpdate, type ProductKey } from '../../../clients/deepopinion';
import { toNodeError } from '../../shared/errors';
import { readAndGroup } from '../../shared/grouping';
import { byItemIndex, type BatchOutcome } from '../../shared/router';
import { compact, idList, inputError, itemDocument, splitList } from './common';

const titleCase = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();

export const PROJECT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'ABSA', value: 'ABSA', description: 'Aspect-based sentiment: classes (aspects) with a sentiment label' },
	{ name: 'Class', value: 'CLASS', description: 'Classes only' },
	{ name: 'Class and Label', value: 'CLASSLABEL', description: 'Classes, each with a label' },
	{ name: 'Label', value: 'LABEL', description: 'Labels only' },
];
export const ROLE_OPTIONS: INodePropertyOptions[] = [...ROLES].sort().map((r) => ({ name: titleCase(r), value: r }));
export const LANGUAGE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Arabic', value: 'ar' },
	{ name: 'English', value: 'en' },
	{ name: 'German', value: 'de' },
];
const STATUS_OPTIONS: INodePropertyOptions[] = [...MODEL_STATUSES].sort().map((s) => ({ name: titleCase(s), value: s }));

// --- analyses and groups from files --------------------------------------------------------------

export const FILE_MODES = [
	{ name: 'Binary File', value: 'file', description: "Upload each item's file, then use one of its columns" },
	{ name: 'Uploaded File', value: 'fileId', description: 'A file uploaded before (its ID), and one of its columns' },
];

export const COLUMN_FIELD: INodeProperties = {
	displayName: 'Column',
	name: 'column',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'review',
	description: 'The column holding the documents: its name (from the header row), or its 0-based index',
};

export const ANALYSIS_OPTIONS: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{ displayName: 'First Row Is Header', name: 'header_first', type: 'boolean', default: true, description: 'Whether the first row of the file is its header' },
		{ displayName: 'Split Into Sentences', name: 'split', type: 'boolean', default: true, description: 'Whether documents should be split into sentences' },
	],
};

export function analysisOptions(ctx: IExecuteFunctions, i: number): { split?: boolean; header_first?: boolean } {
	return ctx.getNodeParameter('options', i, {}) as { split?: boolean; header_first?: boolean };
}

/** A column given by name or 0-based index; checked before any file is uploaded. */
export function columnOf(ctx: IExecuteFunctions, i: number, column: string): { column: number } | { column_name: string } {
	if (column === '') throw inputError(ctx, i, 'column', 'is required: the name or 0-based index of the column holding the documents');
	return /^\d+$/.test(column) ? { column: Number(column) } : { column_name: column };
}

/**
 * "One Document per Input Item": reads and validates the documents of all items first (an invalid
 * item stops the node before any request, naming item and field), groups them by `keyOf` (e.g.
 * the model) and sends each group once.
 */
export async function sendItemDocuments(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	continueOnFail: boolean,
	operation: string,
	keyOf: (i: number) => string,
	send: (documents: DocumentInput[], indexes: number[]) => Promise<BatchOutcome[]>,
): Promise<BatchOutcome[]> {
	const { groups, outcomes } = await readAndGroup(
		items.length,
		(i) => {
			const value = itemDocument(ctx, i);
			return { value, issues: value.text.trim() === '' ? [{ itemIndex: i, field: 'text', problem: 'is required and must be non-empty text' }] : [], key: keyOf(i) };
		},
		{ node: ctx.getNode(), platform: PLATFORM, operation, continueOnFail },
	);
	for (const group of groups) {
		try {
			outcomes.push(...(await send(group.values, group.indices)));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(ctx.getNode(), error, group.indices[0]);
			for (const i of group.indices) outcomes.push({ error, itemIndex: i });
		}
	}
	return outcomes.sort(byItemIndex);
}

export function upTo<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}

export const sessionStatusFilter = (): INodeProperties => ({
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [{ name: 'Any', value: '' }, ...[...SESSION_STATUSES].sort().map((s) => ({ name: titleCase(s), value: s }))],
	default: '',
	description: 'Only sessions with this status',
});

function parseJsonField<T>(ctx: IExecuteFunctions, i: number, value: unknown, field: string): T | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw inputError(ctx, i, field, `is not valid JSON: ${(error as Error).message}`);
	}
}

export function externalSource(ctx: IExecuteFunctions, i: number): ExternalSource {
	return {
		credential_id: Number(ctx.getNodeParameter('credentialId', i)),
		source: String(ctx.getNodeParameter('source', i, '')).trim(),
		parameters: parseJsonField<Record<string, unknown>>(ctx, i, ctx.getNodeParameter('parameters', i, '{}'), 'parameters'),
	};
}

/** HITL collection fields; 0 IDs mean "not set". */
export function hitlFields(raw: IDataObject): HitlFields {
	const fields = compact(raw) as HitlFields;
	if (fields.assigned_user_id === 0) delete fields.assigned_user_id;
	if (fields.model_id === 0) delete fields.model_id;
	return fields;
}

/** Labeling-session collection fields (create and update). */
export function sessionFields(ctx: IExecuteFunctions, i: number, raw: IDataObject): LabelingSessionCreate {
	const fields = compact(raw) as Record<string, unknown>;
	const out: LabelingSessionCreate = {};
	if (fields.name !== undefined) out.name = String(fields.name);
	if (fields.auto !== undefined) out.auto = fields.auto as boolean;
	if (fields.sample_size !== undefined) out.sample_size = fields.sample_size as number;
	if (fields.document_ids !== undefined) out.document_ids = idList(fields.document_ids);
	const documents = parseJsonField<LabelingSessionCreate['documents']>(ctx, i, fields.documents, 'documents');
	if (documents?.length) out.documents = documents;
	if (fields.classes !== undefined) out.classes = splitList(fields.classes);
	if (fields.labels !== undefined) out.labels = splitList(fields.labels);
	if (fields.file_id !== undefined) out.file_id = String(fields.file_id);
	const mapping = parseJsonField<Record<string, string>>(ctx, i, fields.column_mapping, 'column_mapping');
	if (mapping && out.file_id !== undefined) out.column_mapping = mapping;
	if (fields.source !== undefined || (fields.credential_id !== undefined && fields.credential_id !== 0)) {
		out.credential_id = fields.credential_id as number;
		out.source = fields.source as string;
		out.parameters = parseJsonField<Record<string, unknown>>(ctx, i, fields.parameters, 'parameters');
	}
	return out;
}

// --- models --------------------------------------------------------------------------------------

export const MODEL_FIELDS: INodeProperties[] = [
	{ displayName: 'Base', name: 'base', type: 'string', default: '', description: 'Name of the model this one was created from' },
	{ displayName: 'Display Name', name: 'display_name', type: 'string', default: '', description: 'A friendly name' },
	{ displayName: 'Language', name: 'language', type: 'options', options: LANGUAGE_OPTIONS, default: 'en' },
	{ displayName: 'Long Description', name: 'long_description', type: 'string', default: '', description: 'A longer description of the model' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Internal name, unique in the workspace' },
	{ displayName: 'Score', name: 'score', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 4 }, default: 0, description: 'The model score (set by training; change with care)' },
	{ displayName: 'Short Description', name: 'short_description', type: 'string', default: '', description: 'Helps users identify the model quickly' },
	{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'READY' },
	{ displayName: 'Type', name: 'type', type: 'options', options: PROJECT_TYPE_OPTIONS, default: 'ABSA', description: 'The model type' },
];

export function modelFields(raw: IDataObject): ModelUpdate {
	return compact(raw) as ModelUpdate;
}

export const MODEL_FILTER_FIELDS: INodeProperties[] = [
	{ displayName: 'Collection ID', name: 'collection_id', type: 'number', default: 0, description: 'Only models of this collection' },
	{ displayName: 'Public', name: 'public', type: 'boolean', default: true, description: 'Whether to return only public (true) or only private (false) models' },
	{ displayName: 'Starred', name: 'starred', type: 'boolean', default: true, description: 'Whether to return only starred (true) or only unstarred (false) models' },
	{ displayName: 'Type', name: 'type', type: 'options', options: PROJECT_TYPE_OPTIONS, default: 'ABSA', description: 'Only models of this type' },
];

export function modelFilters(raw: IDataObject): Omit<ModelQuery, 'offset' | 'limit'> {
	const filters = compact(raw) as Record<string, unknown>;
	for (const key of ['collection_id', 'exclude_id']) if (filters[key] === 0) delete filters[key];
	return filters as Omit<ModelQuery, 'offset' | 'limit'>;
}

export { LANGUAGES, PROJECT_TYPES };

// --- secrets in outputs --------------------------------------------------------------------------

/** Login/register answers without the token unless the user asked for it. */
export function withoutToken(ctx: IExecuteFunctions, i: number, result: { auth_token?: string } & Record<string, unknown>): IDataObject {
	if (ctx.getNodeParameter('returnToken', i, false) as boolean) return result as IDataObject;
	const { auth_token: token, ...rest } = result;
	return { ...rest, auth_token_returned: false, has_token: typeof token === 'string' && token.length > 0 } as IDataObject;
}

export const RETURN_KEYS: INodeProperties = {
	displayName: 'Return Key Tokens',
	name: 'returnTokens',
	type: 'boolean',
	default: false,
	description: 'Whether to return the full product key tokens (otherwise only their last 4 characters)',
};

export function maskKeys(ctx: IExecuteFunctions, i: number, keys: ProductKey[]): IDataObject[] {
	const full = ctx.getNodeParameter('returnTokens', i, false) as boolean;
	return keys.map((k) => ({ ...k, token: full || typeof k.token !== 'string' ? k.token : `…${k.token.slice(-4)}` }) as IDataObject);
}
