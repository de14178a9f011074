import { badRequest, conflict, reply, type RequestContext, type RouteRegistrar } from '../../core';
import type { DeepOpinionStore, ModelRec } from '../store';
import { analysisJson, body, boolField, details, documentJson, documentsField, intField, pageOf, paging, pathId, queryInt, rejectUnknown, stringField } from '../views';
import { previewOf, storeUpload } from './projects';

const USABLE = new Set(['READY', 'ACTIVE', 'PUBLISHED']);

export function usableModel(store: DeepOpinionStore, id: number): ModelRec {
	const model = store.getModel(id);
	if (!USABLE.has(model.status)) throw conflict(`Model ${id} is ${model.status}: only READY models can analyse documents`);
	return model;
}

/** The pre-trained model: what an analysis without model_id uses. */
function defaultModel(store: DeepOpinionStore): ModelRec {
	return [...store.models.values()].find((m) => m.public && m.status === 'READY') as ModelRec;
}

function idFilter(ctx: RequestContext, name: string): number[] | undefined {
	const raw = ctx.query.getAll(name).flatMap((v) => v.split(',')).filter(Boolean);
	if (!raw.length) return undefined;
	return raw.map((v) => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < 1) throw badRequest(`${name}: expected comma-separated IDs, got "${v}"`);
		return n;
	});
}

export function registerAnalysisRoutes(api: RouteRegistrar, store: DeepOpinionStore): void {
	api.route('POST', '/analyses/upload', async (ctx) => previewOf((await storeUpload(store, ctx)).file));

	api.route('GET', '/analyses', (ctx) => {
		const model = queryInt(ctx, 'model');
		const all = [...store.analyses.values()].filter((a) => model === undefined || a.model_id === model).map((a) => analysisJson(store, a));
		return pageOf(all, paging(ctx)).items;
	});

	api.route('POST', '/analyses', async (ctx) => {
		const b = await body(ctx);
		rejectUnknown(b, ['documents', 'name', 'file_id', 'column', 'column_name', 'split', 'header_first', 'model_id']);
		const modelId = intField(b, 'model_id');
		const model = modelId === undefined ? defaultModel(store) : usableModel(store, modelId);
		const split = boolField(b, 'split') ?? true;
		let texts: Array<{ text: string; id?: unknown; meta?: Record<string, unknown> }>;
		if (b.file_id !== undefined) {
			if (b.documents !== undefined) throw badRequest('documents: cannot be combined with file_id');
			texts = store.fileTexts(store.getFile(b.file_id), { column: intField(b, 'column', false, 0), column_name: stringField(b, 'column_name'), header_first: boolField(b, 'header_first') });
			if (texts.length === 0) throw badRequest('file_id: the chosen column holds no text');
		} else {
			texts = documentsField(b).map((d) => ({ text: d.text, id: d.id }));
		}
		const analysis = store.createAnalysis(model, stringField(b, 'name') ?? `Analysis ${store.analyses.size + 1}`, texts, split, model.project_id);
		return reply(201, analysisJson(store, analysis));
	});

	// Ad-hoc: answers right away, stores nothing.
	api.route('POST', '/analyze', async (ctx) => {
		const b = await body(ctx);
		rejectUnknown(b, ['documents', 'model_id', 'split']);
		const model = usableModel(store, intField(b, 'model_id', true) as number);
		const docs = documentsField(b);
		const tagged = store.createAnalysis(model, 'ad-hoc', docs.map((d) => ({ text: d.text, id: d.id })), boolField(b, 'split') ?? true, null);
		store.analyses.delete(tagged.id);
		return {
			model: model.display_name,
			type: model.type,
			documents: tagged.documents.map((d, i) => ({ ...documentJson(d, new Set(['segments', 'tags'])), id: docs[i].id ?? d.id })),
		};
	});

	api.route('GET', '/analyses/:analysis_id', (ctx) => analysisJson(store, store.getAnalysis(pathId(ctx, 'analysis_id'))));

	api.route('PUT', '/analyses/:analysis_id', async (ctx) => {
		const analysis = store.getAnalysis(pathId(ctx, 'analysis_id'));
		const b = await body(ctx);
		rejectUnknown(b, ['name']);
		analysis.name = stringField(b, 'name', true) as string;
		return analysisJson(store, analysis);
	});

	api.route('GET', '/analyses/:analysis_id/documents', (ctx) => {
		const analysis = store.getAnalysis(pathId(ctx, 'analysis_id'));
		const shown = details(ctx);
		const p = paging(ctx, 100, 1000);
		const state = store.analysisState(analysis);
		if (state.status !== 'FINISHED') throw conflict(`Analysis ${analysis.id} is ${state.status} (${state.progress}%): its documents are available once it has finished`);
		const search = ctx.query.get('search')?.toLowerCase();
		const classIds = idFilter(ctx, 'classes');
		const labelIds = idFilter(ctx, 'labels');
		const classNames = classIds && new Set(analysis.classes.filter((c) => classIds.includes(c.id)).map((c) => c.name));
		const labelNames = labelIds && new Set(analysis.labels.filter((l) => labelIds.includes(l.id)).map((l) => l.name));
		// Unfiltered pages slice the documents directly: filtering (copying) all of them for every page
		// made paging through a large analysis quadratic in the emulator.
		const filtered = search || classNames || labelNames;
		const docs = !filtered ? analysis.documents : analysis.documents.filter(
			(d) =>
				(!search || d.text.toLowerCase().includes(search)) &&
				(!classNames || d.segments.some((s) => s.tags.some((t) => t.class && classNames.has(t.class)))) &&
				(!labelNames || d.segments.some((s) => s.tags.some((t) => t.label && labelNames.has(t.label)))),
		);
		const page = pageOf(docs, p);
		return { documents: page.items.map((d) => documentJson(d, shown)), has_more: page.has_more, offset: page.offset, limit: page.limit, count: page.count };
	});
}
