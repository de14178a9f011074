import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { ValidationError } from '../../../clients/core';
import { DOCUMENT_DETAILS, PLATFORM, type DeepOpinionClient, type DocumentDetail, type DocumentInput, type UploadFile } from '../../../clients/deepopinion';
import { toNodeError } from '../../shared/errors';
import type { BatchOutcome } from '../../shared/router';

// --- pickers ---------------------------------------------------------------------------------------

const ID_MODE = (what: string) => ({
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: '42',
	validation: [{ type: 'regex' as const, properties: { regex: '^[1-9][0-9]*$', errorMessage: `A ${what} ID is a whole number` } }],
});

function locator(name: string, displayName: string, searchListMethod: string, what: string, overrides: Partial<INodeProperties>): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } }, ID_MODE(what)],
		...overrides,
	};
}

/** Picks a project from a searchable list or by ID. */
export const projectLocator = (overrides: Partial<INodeProperties> = {}) => locator('project', 'Project', 'searchProjects', 'project', overrides);
/** Picks a model from a searchable list (all models you can see) or by ID. */
export const modelLocator = (overrides: Partial<INodeProperties> = {}) => locator('model', 'Model', 'searchModels', 'model', overrides);
/** Picks a HITL of the chosen project from a searchable list or by ID. */
export const hitlLocator = (overrides: Partial<INodeProperties> = {}) => locator('hitl', 'HITL', 'searchHitls', 'HITL', overrides);

function locatorId(ctx: IExecuteFunctions, name: string, i: number): number {
	const value = ctx.getNodeParameter(name, i, undefined, { extractValue: true }) as unknown;
	return typeof value === 'number' ? value : Number(String(value ?? '').trim() || NaN);
}

export const projectId = (ctx: IExecuteFunctions, i: number) => locatorId(ctx, 'project', i);
export const modelId = (ctx: IExecuteFunctions, i: number) => locatorId(ctx, 'model', i);
export const hitlId = (ctx: IExecuteFunctions, i: number) => locatorId(ctx, 'hitl', i);

// --- plain fields ----------------------------------------------------------------------------------

/** A required numeric ID field. */
export function idField(name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'number', required: true, default: 0, typeOptions: { minValue: 0 }, description, ...extra };
}

export function num(ctx: IExecuteFunctions, name: string, i: number): number {
	return Number(ctx.getNodeParameter(name, i));
}

export function str(ctx: IExecuteFunctions, name: string, i: number, fallback = ''): string {
	return String(ctx.getNodeParameter(name, i, fallback) ?? '').trim();
}

/** User ID field: 0 means the logged-in user (looked up with GET /auth/status). */
export const userIdField = (): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description: 'The user. Leave 0 for the user of the credential.',
});

export async function userId(ctx: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<number> {
	const id = Number(ctx.getNodeParameter('userId', i, 0));
	return id === 0 ? await client.currentUserId() : id;
}

export const detailsField = (description = 'Which details of each document to return'): INodeProperties => ({
	displayName: 'Details',
	name: 'details',
	type: 'multiOptions',
	options: [
		{ name: 'Meta', value: 'meta', description: 'The attributes given when the document was uploaded' },
		{ name: 'Segments', value: 'segments' },
		{ name: 'Tags', value: 'tags', description: 'The tags of each segment' },
	],
	default: ['segments', 'tags'],
	description,
});

export function details(ctx: IExecuteFunctions, i: number): DocumentDetail[] | undefined {
	const value = ctx.getNodeParameter('details', i, []) as string[];
	return value.length ? (value.filter((v) => (DOCUMENT_DETAILS as readonly string[]).includes(v)) as DocumentDetail[]) : undefined;
}

/** Removes keys whose value is empty (blank text, undefined, null), so optional fields left blank are not sent. */
export function compact<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}

export function splitList(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.map(String).map((s) => s.trim()).filter(Boolean);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Comma-separated IDs to numbers (NaN for bad entries, so the client names the field). */
export function idList(value: unknown): number[] | undefined {
	return splitList(value)?.map((v) => (/^\d+$/.test(v) ? Number(v) : NaN));
}

/** A JSON parameter (n8n hands it over as text or already parsed). */
export function json<T>(ctx: IExecuteFunctions, name: string, i: number, field = name): T | undefined {
	const raw = ctx.getNodeParameter(name, i, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'string') return raw as T;
	try {
		return JSON.parse(raw) as T;
	} catch (error) {
		throw inputError(ctx, i, field, `is not valid JSON: ${(error as Error).message}`);
	}
}

/** Bad input found in the node itself: the same error (item index, field) the client raises. */
export function inputError(ctx: IExecuteFunctions, i: number, field: string, problem: string) {
	return toNodeError(ctx.getNode(), new ValidationError([{ itemIndex: i, field, problem }], PLATFORM, 'input'), i);
}

export function out(value: unknown): IDataObject {
	return (value && typeof value === 'object' && !Array.isArray(value) ? value : { result: value }) as IDataObject;
}

export function outMany(values: unknown[]): IDataObject[] {
	return values.map(out);
}

// --- binary uploads --------------------------------------------------------------------------------

export const binaryField = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
	description,
});

/** The input item's binary file, as the client uploads it. */
export async function uploadFile(ctx: IExecuteFunctions, i: number, property = 'binaryPropertyName'): Promise<UploadFile> {
	const name = str(ctx, property, i, 'data');
	const item = ctx.getInputData()[i];
	if (!item?.binary?.[name]) {
		throw inputError(ctx, i, name, `is not a binary field of this item (binary fields: ${Object.keys(item?.binary ?? {}).join(', ') || 'none'})`);
	}
	const meta = ctx.helpers.assertBinaryData(i, name);
	const data = await ctx.helpers.getBinaryDataBuffer(i, name);
	return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), fileName: meta.fileName ?? (meta.fileExtension ? `${name}.${meta.fileExtension}` : ''), mimeType: meta.mimeType };
}

// --- documents from input items ------------------------------------------------------------------

export const DOCUMENTS_INPUT_ITEMS = 'items';

export function documentsInput(resource: string, operation: string, extraModes: Array<{ name: string; value: string; description: string }> = []): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Documents Input',
			name: 'documentsInput',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Documents JSON', value: 'json', description: 'A JSON array of documents ({"text": ..., "ID": ...}) in each item' },
				{ name: 'One Document per Input Item', value: DOCUMENTS_INPUT_ITEMS, description: 'All input items together: each gives the text (and optional ID) of one document' },
				...extraModes,
			].sort((a, b) => a.name.localeCompare(b.name)),
			default: DOCUMENTS_INPUT_ITEMS,
			displayOptions: { show },
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '={{ $json.text }}',
			required: true,
			description: 'The document text',
			displayOptions: { show: { ...show, documentsInput: [DOCUMENTS_INPUT_ITEMS] } },
		},
		{
			displayName: 'Document ID',
			name: 'documentRef',
			type: 'string',
			default: '',
			description: 'Your own ID for the document (optional), returned with the results',
			displayOptions: { show: { ...show, documentsInput: [DOCUMENTS_INPUT_ITEMS] } },
		},
		{
			displayName: 'Documents',
			name: 'documentsJson',
			type: 'json',
			default: '[{ "text": "The staff was friendly." }]',
			required: true,
			description: 'A JSON array of documents, each { "text": "...", "ID": 1 }',
			displayOptions: { show: { ...show, documentsInput: ['json'] } },
		},
	];
}

/** The document of input item `i` ("One Document per Input Item"). */
export function itemDocument(ctx: IExecuteFunctions, i: number): DocumentInput {
	const text = ctx.getNodeParameter('text', i, '') as unknown;
	const ref = ctx.getNodeParameter('documentRef', i, '') as unknown;
	const doc: DocumentInput = { text: typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text) };
	if (ref !== '' && ref !== undefined && ref !== null) doc.id = typeof ref === 'number' || (typeof ref === 'string' && /^\d+$/.test(ref)) ? Number(ref) : String(ref);
	return doc;
}

/** Runs `fn` for every item and reports per-item outcomes (for batch operations in a per-item mode). */
export async function eachItem(ctx: IExecuteFunctions, items: INodeExecutionData[], continueOnFail: boolean, fn: (i: number) => Promise<IDataObject | IDataObject[]>): Promise<BatchOutcome[]> {
	const outcomes: BatchOutcome[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await fn(i);
			for (const json of Array.isArray(result) ? result : [result]) outcomes.push({ json, pairedItems: [i] });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(ctx.getNode(), error, i);
			outcomes.push({ error, itemIndex: i });
		}
	}
	return outcomes;
}
