import { badRequest, HttpError, invalid, isObject, type JsonObject, type RequestContext } from '../core';
import type { AnalysisRec, DocumentRec, DeepOpinionStore, GroupRec, HitlRec, ModelRec, NotificationRec, ProjectRec, ReviewRec, SessionRec, UserRec, WorkspaceRec } from './store';

/** JSON views of the store's records, shaped like the API docs' samples. */

export function errorBody(_status: number, message: string): { status: 'fail'; message: string } {
	return { status: 'fail', message };
}

export function details(ctx: RequestContext, allowed: readonly string[] = ['segments', 'meta', 'tags']): Set<string> {
	const raw = ctx.query.getAll('details').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
	for (const d of raw) if (!allowed.includes(d)) throw badRequest(`details: must be any of ${allowed.join(', ')}, got "${d}"`);
	return new Set(raw);
}

export interface Paging {
	offset: number;
	limit: number;
}

export function paging(ctx: RequestContext, defaultLimit = 100, maxLimit = 1000): Paging {
	const read = (name: string, fallback: number, min: number, max: number) => {
		const raw = ctx.query.get(name);
		if (raw === null || raw === '') return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`${name}: must be an integer from ${min} to ${max}, got "${raw}"`);
		return n;
	};
	return { offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: read('limit', defaultLimit, 1, maxLimit) };
}

export function pageOf<T>(items: T[], p: Paging): { items: T[]; has_more: boolean; offset: number; limit: number; count: number } {
	const slice = items.slice(p.offset, p.offset + p.limit);
	return { items: slice, has_more: p.offset + slice.length < items.length, offset: p.offset, limit: p.limit, count: slice.length };
}

export function queryBool(ctx: RequestContext, name: string): boolean | undefined {
	const raw = ctx.query.get(name);
	if (raw === null || raw === '') return undefined;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw badRequest(`${name}: must be true or false, got "${raw}"`);
}

export function queryInt(ctx: RequestContext, name: string): number | undefined {
	const raw = ctx.query.get(name);
	if (raw === null || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw badRequest(`${name}: must be a positive integer, got "${raw}"`);
	return n;
}

export function pathId(ctx: RequestContext, name: string): number {
	const raw = ctx.params[name];
	const n = Number(raw);
	if (!/^\d+$/.test(raw ?? '') || !Number.isSafeInteger(n) || n < 1) throw new HttpError(404, `404 Not Found: ${name} "${raw}" is not a valid ID`);
	return n;
}

export async function body(ctx: RequestContext): Promise<JsonObject> {
	const value = await ctx.jsonBody();
	if (value === undefined) return {};
	if (!isObject(value)) throw invalid('', 'the request body must be a JSON object');
	return value;
}

export async function arrayBody(ctx: RequestContext): Promise<unknown[]> {
	const value = await ctx.jsonBody();
	if (!Array.isArray(value)) throw invalid('', 'the request body must be a JSON array');
	return value;
}

export interface UploadedFile {
	name: string;
	data: Buffer;
	type: string;
}

/** A multipart/form-data body, read with the platform's standard parser. */
export async function multipart(ctx: RequestContext): Promise<{ fields: Map<string, string>; files: Map<string, UploadedFile> }> {
	const contentType = String(ctx.req.headers['content-type'] ?? '');
	if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) throw new HttpError(415, '415 Unsupported Media Type: send the body as multipart/form-data');
	let form: FormData;
	try {
		form = await new Response(await ctx.rawBody(), { headers: { 'content-type': contentType } }).formData();
	} catch (error) {
		throw badRequest(`invalid multipart body: ${(error as Error).message}`);
	}
	const fields = new Map<string, string>();
	const files = new Map<string, UploadedFile>();
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') fields.set(name, value);
		else files.set(name, { name: (value as File).name, data: Buffer.from(await (value as File).arrayBuffer()), type: (value as File).type });
	}
	return { fields, files };
}

export function formBool(value: string | undefined, name: string): boolean | undefined {
	if (value === undefined || value === '') return undefined;
	if (value === 'true' || value === '1' || value === 'True') return true;
	if (value === 'false' || value === '0' || value === 'False') return false;
	throw badRequest(`${name}: must be true or false, got "${value}"`);
}

// --- views ----------------------------------------------------------------------------------------

export function userJson(u: UserRec) {
	return { id: u.id, first_name: u.first_name, last_name: u.last_name, email: u.email, registered_on: u.registered_on };
}

export function workspaceJson(w: WorkspaceRec) {
	return { id: w.id, name: w.name, description: w.description, created: w.created, is_beta: w.is_beta, is_read_only: w.is_read_only };
}

export function notificationJson(n: NotificationRec) {
	return { id: n.id, title: n.title, text: n.text, created: n.created, type: n.type, read: n.read };
}

export function modelJson(store: DeepOpinionStore, m: ModelRec, detailed = false) {
	store.advanceModel(m);
	const base = {
		base: m.base,
		created: new Date(m.created).toISOString(),
		display_name: m.display_name,
		uuid: m.uuid,
		id: m.id,
		language: m.language,
		long_description: m.long_description,
		name: m.name,
		owner: m.owner,
		progress: store.modelProgress(m),
		project_id: m.project_id,
		score: m.score,
		short_description: m.short_description,
		status: m.status,
		type: m.type,
		public: m.public,
		starred: m.starred,
		collection_id: m.collection_id,
	};
	if (!detailed) return base;
	return { ...base, demoset: [], metrics: m.metrics, classes: m.classes.map((c) => c.name), labels: m.labels };
}

export function projectJson(store: DeepOpinionStore, p: ProjectRec) {
	return {
		classes: p.classes.map((c) => c.name),
		labels: p.labels.map((l) => l.name),
		created: p.created,
		id: p.id,
		models: [...store.models.values()].filter((m) => m.project_id === p.id).map((m) => modelJson(store, m)),
		name: p.name,
		type: p.type,
		status: p.status,
		external_id: p.external_id,
		organization_id: p.organization_id,
	};
}

export function analysisJson(store: DeepOpinionStore, a: AnalysisRec) {
	const state = store.analysisState(a);
	return {
		created: new Date(a.created).toISOString(),
		finished: state.finished,
		document_count: a.documents.length,
		uuid: a.uuid,
		id: a.id,
		name: a.name,
		progress: state.progress,
		model_id: a.model_id,
		status: state.status,
		type: a.type,
		description: a.description,
		classes: a.classes,
		labels: a.labels,
	};
}

type SegmentLike = { id: number; text: string; span: [number, number]; tags: Array<{ class?: string; label?: string }> };

/** A document with the requested details: `segments` (with spans), `tags` (on segments), `meta`. */
export function documentJson(doc: { id: number; text: string; segments: SegmentLike[]; meta?: Record<string, unknown> }, shown: Set<string>, extra: Record<string, unknown> = {}) {
	const out: Record<string, unknown> = { id: doc.id, text: doc.text, ...extra };
	const withTags = shown.has('tags');
	if (shown.has('segments') || withTags) {
		out.segments = doc.segments.map((s) => ({
			id: s.id,
			text: s.text,
			span: s.span,
			...(withTags ? { tags: s.tags.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => k === 'class' || k === 'label' || k === 'id'))) } : {}),
		}));
	}
	if (shown.has('meta')) out.meta = doc.meta ?? {};
	return out;
}

export function projectDocumentJson(doc: DocumentRec, shown: Set<string>) {
	return documentJson(doc, shown, { project_id: doc.project_id, ...(doc.name ? { name: doc.name } : {}) });
}

export function groupJson(store: DeepOpinionStore, g: GroupRec) {
	return { created: new Date(g.created).toISOString(), document_count: g.document_ids.length, id: g.id, name: g.name, project_id: g.project_id, source: g.source, status: store.groupStatus(g) };
}

export function sessionJson(store: DeepOpinionStore, s: SessionRec) {
	const status = store.sessionStatus(s);
	const base = {
		created: new Date(s.created).toISOString(),
		finished: status === 'FINISHED' ? store.nowIso() : null,
		document_count: s.document_ids.length,
		document_group_id: s.document_group_id,
		organization_id: store.projects.get(s.project_id)?.organization_id ?? 1,
		user_id: s.user_id,
		project_id: s.project_id,
		uuid: s.uuid,
		id: s.id,
		name: s.name,
		progress: store.sessionProgress(s),
		status,
		mode: s.mode,
		type: s.type,
		description: '',
		classes: s.classes,
		labels: s.labels,
	};
	if (s.mode === 'CORRECTION') {
		const model = s.model_id ? store.models.get(s.model_id) : undefined;
		return { ...base, model: model ? { id: model.id, display_name: model.display_name } : null, predicted_score: s.predicted_score };
	}
	return { ...base, model_id: s.model_id };
}

export function hitlJson(h: HitlRec) {
	return {
		id: h.id,
		name: h.name,
		description: h.description,
		project_id: h.project_id,
		created_at: h.created_at,
		updated_at: h.updated_at,
		assigned_user_id: h.assigned_user_id,
		model_id: h.model_id,
		is_live: h.is_live,
		webhook_url: h.webhook_url,
		labels: h.labels,
	};
}

export function reviewJson(r: ReviewRec, full: boolean) {
	const base = {
		review_id: r.review_id,
		task_id: r.task_id,
		document_id: r.document_id,
		document_name: r.document_name,
		page_num: r.page_num,
		status: r.status,
		created: r.created,
		updated: r.updated,
		user_id: r.user_id,
		label: r.label,
		confidence_threshold: r.confidence_threshold,
		ls_annotation_id: r.ls_annotation_id,
		hitl_id: r.hitl_id,
	};
	return full ? { ...base, data: { value: r.value, confidence: r.confidence, reviewed_value: r.reviewed_value } } : base;
}

export function stringField(b: JsonObject, key: string, required = false, max?: number): string | undefined {
	const v = b[key];
	if (v === undefined || v === null) {
		if (required) throw invalid(key, 'required field is missing');
		return undefined;
	}
	if (typeof v !== 'string') throw invalid(key, `expected a string, got ${Array.isArray(v) ? 'array' : typeof v}`);
	if (required && v.trim() === '') throw invalid(key, 'must not be empty');
	if (max !== undefined && v.length > max) throw invalid(key, `must be at most ${max} characters`);
	return v;
}

export function intField(b: JsonObject, key: string, required = false, min = 1): number | undefined {
	const v = b[key];
	if (v === undefined || v === null) {
		if (required) throw invalid(key, 'required field is missing');
		return undefined;
	}
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw invalid(key, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
	return v;
}

export function boolField(b: JsonObject, key: string): boolean | undefined {
	const v = b[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw invalid(key, `expected a boolean, got ${JSON.stringify(v)}`);
	return v;
}

export function intArray(b: JsonObject, key: string): number[] | undefined {
	const v = b[key];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x >= 1)) throw invalid(key, 'expected an array of IDs');
	return v as number[];
}

export function stringArray(b: JsonObject, key: string): string[] | undefined {
	const v = b[key];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalid(key, 'expected an array of strings');
	return v as string[];
}

export function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[], required = false): T | undefined {
	if (value === undefined || value === null) {
		if (required) throw invalid(key, 'required field is missing');
		return undefined;
	}
	if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(key, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
	return value as T;
}

export function rejectUnknown(b: JsonObject, allowed: readonly string[]): void {
	for (const key of Object.keys(b)) if (!allowed.includes(key)) throw invalid(key, `unknown field (allowed: ${allowed.join(', ')})`);
}

/** `documents` of a request: `[{text, id?}]`, each with non-empty text. */
export function documentsField(b: JsonObject, key = 'documents'): Array<{ text: string; id?: unknown; segments?: unknown }> {
	const v = b[key];
	if (!Array.isArray(v) || v.length === 0) throw invalid(key, 'expected a non-empty array of documents');
	return v.map((d, i) => {
		if (!isObject(d)) throw invalid(`${key}[${i}]`, 'expected an object with "text"');
		if (typeof d.text !== 'string' || d.text.trim() === '') throw invalid(`${key}[${i}].text`, 'required non-empty text');
		return d as { text: string; id?: unknown; segments?: unknown };
	});
}
