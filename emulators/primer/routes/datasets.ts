import { HttpError, reply, type RouteRegistrar } from '../../core';
import type { PrimerStore } from '../store';
import { parseUpload } from '../upload';
import { afterCommit, API_PREFIX, caller, uuidParam, validationFailed } from './common';

const FILETYPES = ['csv', 'json'];

function filetypeOf(query: URLSearchParams): string {
	const filetype = query.get('filetype');
	if (filetype === null || filetype === '') throw new HttpError(400, "filetype is required: valid options are 'json' and 'csv'");
	if (!FILETYPES.includes(filetype)) throw new HttpError(400, `filetype must be 'json' or 'csv', got ${JSON.stringify(filetype)}`);
	return filetype;
}

/** `PUT /datasets/` body: JSON with a 64-bit `user_id` integer, read without losing digits. */
function parseEntry(text: string): { entry?: Record<string, unknown>; errors?: Record<string, string> } {
	if (/"user_id"\s*:\s*"/.test(text)) return { errors: { user_id: 'must be of type integer' } };
	let value: unknown;
	try {
		value = JSON.parse(text.replace(/("user_id"\s*:\s*)(\d+)/, '$1"$2"'));
	} catch (error) {
		throw new HttpError(400, `invalid JSON body: ${(error as Error).message}`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return { errors: { body: 'must be a JSON object' } };
	const entry = value as Record<string, unknown>;
	const errors: Record<string, string> = {};
	const types: Record<string, string> = { user_id: 'integer', is_archived: 'boolean', num_documents: 'integer', org_id: 'integer', display_name: 'string', document_type: 'string' };
	for (const [key, type] of Object.entries(types)) {
		const v = entry[key];
		if (v === undefined) errors[key] = `'${key}' is a required property`;
		else if (type === 'integer' && key !== 'user_id' && !(typeof v === 'number' && Number.isInteger(v))) errors[key] = `${JSON.stringify(v)} is not of type 'integer'`;
		else if (type === 'boolean' && typeof v !== 'boolean') errors[key] = `${JSON.stringify(v)} is not of type 'boolean'`;
		else if (type === 'string' && typeof v !== 'string') errors[key] = `${JSON.stringify(v)} is not of type 'string'`;
	}
	if (entry.description !== undefined && entry.description !== null && typeof entry.description !== 'string') errors.description = `${JSON.stringify(entry.description)} is not of type 'string'`;
	return Object.keys(errors).length ? { errors } : { entry };
}

export function registerDatasetRoutes(api: RouteRegistrar, store: PrimerStore): void {
	api.route('GET', `${API_PREFIX}/datasets`, () => ({
		filters: [],
		datasets: [...store.datasets.values()].map((d) => structuredClone(d.info)),
	}));

	api.route('PUT', `${API_PREFIX}/datasets`, async (ctx) => {
		const { entry, errors } = parseEntry((await ctx.rawBody()).toString('utf8'));
		if (errors) return validationFailed(errors);
		const e = entry!;
		const dataset = store.createDataset({
			user_id: String(e.user_id),
			is_archived: e.is_archived as boolean,
			num_documents: e.num_documents as number,
			org_id: e.org_id as number,
			display_name: e.display_name as string,
			document_type: e.document_type as string,
			description: (e.description as string | undefined) ?? null,
		});
		afterCommit(store, ctx);
		return structuredClone(dataset.info);
	});

	api.route('POST', `${API_PREFIX}/datasets:upload`, async (ctx) => {
		const { query } = ctx;
		const filetype = filetypeOf(query);
		const displayName = query.get('dataset_meta_display_name');
		const documentType = query.get('dataset_meta_document_type');
		if (!displayName?.trim()) throw new HttpError(400, 'dataset_meta_display_name is required');
		if (!documentType?.trim()) throw new HttpError(400, 'dataset_meta_document_type is required');
		const modelId = query.get('model_id') ? uuidParam(query.get('model_id'), 'model_id') : undefined;
		const model = modelId ? store.getModel(modelId) : undefined;
		const documents = parseUpload(await ctx.rawBody(), filetype, query);
		const user = caller(ctx, store);
		const dataset = store.createDataset({
			user_id: user?.user_id ?? '0',
			org_id: user?.org_id ?? 1,
			is_archived: false,
			num_documents: 0,
			display_name: displayName,
			document_type: documentType,
			description: query.get('dataset_meta_description') || null,
		});
		store.addDocuments(dataset, documents, user);
		if (model) store.linkModel(dataset, model);
		afterCommit(store, ctx);
		return reply(201, { dataset_id: dataset.info.id });
	});

	api.route('PATCH', `${API_PREFIX}/datasets:upload`, async (ctx) => {
		const { query } = ctx;
		const filetype = filetypeOf(query);
		const dataset = store.getDataset(uuidParam(query.get('dataset_id') ?? undefined, 'dataset_id'));
		const modelId = query.get('model_id') ? uuidParam(query.get('model_id'), 'model_id') : undefined;
		const model = modelId ? store.getModel(modelId) : undefined;
		const documents = parseUpload(await ctx.rawBody(), filetype, query);
		store.addDocuments(dataset, documents, caller(ctx, store));
		if (model) store.linkModel(dataset, model);
		const description = query.get('dataset_meta_description');
		if (description) dataset.info.description = description;
		const name = query.get('dataset_meta_display_name');
		if (name) dataset.info.display_name = name;
		const type = query.get('dataset_meta_document_type');
		if (type) dataset.info.document_type = type;
		afterCommit(store, ctx);
		return { dataset_id: dataset.info.id, num_documents: dataset.info.num_documents };
	});
}
