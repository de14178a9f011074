import { expectArray, expectObject, expectString, fieldPath, invalid, rejectUnknownFields, required, type RouteRegistrar } from '../../core';
import { parseDocument, readContent } from '../comments';
import { parseThreshold } from '../labels';
import { modelInfo, parseModelVersion, predictDocument } from '../predictions';
import { ok } from '../responses';
import type { ReinferStore } from '../store';
import { serverTime } from '../timestamps';

export const MAX_PREDICT_ITEMS = 4096;

function parseBatch(body: unknown, listKey: 'documents' | 'uids'): { items: unknown[]; threshold: number } {
	const obj = expectObject(body, 'body');
	rejectUnknownFields(obj, [listKey, 'threshold'], '');
	const items = required(obj, listKey, '', expectArray);
	if (items.length > MAX_PREDICT_ITEMS) throw invalid(listKey, `at most ${MAX_PREDICT_ITEMS} ${listKey} per request, got ${items.length}`);
	return { items, threshold: parseThreshold(obj.threshold) };
}

export function registerPredictionRoutes(api: RouteRegistrar, store: ReinferStore): void {
	const base = '/api/v1/datasets/:owner/:name/labellers/:version';

	api.route('POST', `${base}/predict`, async (ctx) => {
		const dataset = store.getDataset(ctx.params.owner, ctx.params.name);
		const version = parseModelVersion(ctx.params.version);
		const { items, threshold } = parseBatch(await ctx.jsonBody(), 'documents');
		const documents = items.map((d, i) => parseDocument(d, fieldPath('documents', i), () => serverTime()));
		const results = documents.map((d) => predictDocument(dataset, d.messages, threshold));
		return ok({
			model: modelInfo(dataset, version),
			predictions: results.map((r) => r.labels),
			...(dataset.entitiesEnabled ? { entities: results.map((r) => r.entities ?? []) } : {}),
		});
	});

	api.route('POST', `${base}/predict-comments`, async (ctx) => {
		const dataset = store.getDataset(ctx.params.owner, ctx.params.name);
		const version = parseModelVersion(ctx.params.version);
		const { items, threshold } = parseBatch(await ctx.jsonBody(), 'uids');
		const comments = items.map((value, i) => {
			const path = fieldPath('uids', i);
			const uid = expectString(value, path);
			return { uid, ...store.resolveUid(uid, path) };
		});
		return ok({
			model: modelInfo(dataset, version),
			predictions: comments.map(({ uid, comment }) => ({ uid, ...predictDocument(dataset, readContent(comment.content).messages, threshold) })),
		});
	});
}
