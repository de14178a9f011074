import { badRequest, invalid, isObject, notFound, reply, type RequestContext, type RouteRegistrar } from '../../core';
import type { DeepOpinionStore, DocumentRec, FileRec, ProjectRec, SessionRec } from '../store';
import { hashRange, tagSegment, type TagOut } from '../text';
import { body, boolField, details, documentJson, formBool, intArray, intField, multipart, oneOf, pageOf, paging, pathId, rejectUnknown, sessionJson, stringArray, stringField } from '../views';
import { usableModel } from './analyses';
import { parseParameters, previewOf, projectOf, storeUpload } from './projects';

const STATUSES = ['CREATED', 'STARTED', 'ANNOTATING', 'FAILED', 'FINISHED', 'SAMPLING', 'PREDICTING', 'DELETING'] as const;
const MAPPING_KEYS = ['text', 'label', 'class', 'aspect'];

/** Labelled documents of a request: `[{text, segments: [{text, span?, tags: [{class, label}]}]}]`. */
function labelledDocuments(value: unknown, key: string): Array<{ text: string; segments?: Array<{ text: string; span?: [number, number]; tags?: TagOut[] }> }> {
	if (!Array.isArray(value) || value.length === 0) throw invalid(key, 'expected a non-empty array of documents');
	return value.map((d, i) => {
		if (!isObject(d) || typeof d.text !== 'string' || d.text.trim() === '') throw invalid(`${key}[${i}].text`, 'required non-empty text');
		if (d.segments === undefined) return { text: d.text };
		if (!Array.isArray(d.segments)) throw invalid(`${key}[${i}].segments`, 'expected an array');
		return {
			text: d.text,
			segments: d.segments.map((s, j) => {
				if (!isObject(s) || typeof s.text !== 'string' || s.text === '') throw invalid(`${key}[${i}].segments[${j}].text`, 'required non-empty text');
				const tags = s.tags === undefined ? [] : Array.isArray(s.tags) ? s.tags : [];
				return {
					text: s.text,
					span: Array.isArray(s.span) && s.span.length === 2 ? (s.span as [number, number]) : undefined,
					tags: tags.map((t, k) => {
						if (!isObject(t)) throw invalid(`${key}[${i}].segments[${j}].tags[${k}]`, 'expected {class?, label?}');
						return { ...(typeof t.class === 'string' ? { class: t.class } : {}), ...(typeof t.label === 'string' ? { label: t.label } : {}) };
					}),
				};
			}),
		};
	});
}

/** Documents of an uploaded file through a column mapping (text, label, class/aspect -> column name). */
function mappedDocuments(store: DeepOpinionStore, project: ProjectRec, file: FileRec, mapping: Record<string, string>): number[] {
	const header = (file.rows[0] ?? []).map((h) => String(h ?? ''));
	const column = (key: string) => {
		const name = mapping[key];
		if (name === undefined) return -1;
		const at = header.indexOf(name);
		if (at < 0) throw badRequest(`column_mapping.${key}: the file has no column "${name}" (columns: ${header.join(', ')})`);
		return at;
	};
	const text = column('text') >= 0 ? column('text') : Math.max(0, header.findIndex((h) => /^(text|document|review)$/i.test(h)));
	const label = column('label');
	const cls = column('class') >= 0 ? column('class') : column('aspect');
	return file.rows
		.slice(1)
		.filter((row) => String(row[text] ?? '').trim() !== '')
		.map((row) => {
			const tag: TagOut = {};
			if (cls >= 0 && row[cls] !== null && row[cls] !== '') tag.class = String(row[cls]);
			if (label >= 0 && row[label] !== null && row[label] !== '') tag.label = String(row[label]);
			const value = String(row[text]);
			return store.createDocument(project.id, value, { segments: [{ text: value, span: [0, value.length], tags: Object.keys(tag).length ? [tag] : [] }] }).id;
		});
}

function autoMapping(file: FileRec): Record<string, string> {
	const header = (file.rows[0] ?? []).map((h) => String(h ?? ''));
	const mapping: Record<string, string> = {};
	for (const key of MAPPING_KEYS) {
		const found = header.find((h) => h.toLowerCase() === key || (key === 'text' && /^(document|review)$/i.test(h)));
		if (found) mapping[key] = found;
	}
	mapping.text ??= header[0];
	return mapping;
}

function statusMark(session: SessionRec, documentId: number, extra: Record<string, unknown>, created: string) {
	return { name: 'ANNOTATED', created, document_id: documentId, ...extra, annotation_id: session.id };
}

export function registerSessionRoutes(api: RouteRegistrar, store: DeepOpinionStore): void {
	const sessionOf = (ctx: RequestContext, mode: 'ANNOTATION' | 'CORRECTION', param: string) => store.getSession(projectOf(store, ctx).id, pathId(ctx, param), mode);
	const sessionDocument = (session: SessionRec, ctx: RequestContext): DocumentRec => {
		const id = pathId(ctx, 'document_id');
		if (!session.document_ids.includes(id)) throw notFound(`Document ${id} is not in session ${session.id}.`);
		return store.getDocument(session.project_id, id);
	};
	const segmentOf = (doc: DocumentRec, ctx: RequestContext) => {
		const id = pathId(ctx, 'segment_id');
		const seg = doc.segments.find((s) => s.id === id);
		if (!seg) throw notFound(`Segment ${id} is not in document ${doc.id}.`);
		return seg;
	};
	const annotatedBody = async (ctx: RequestContext) => {
		const b = await body(ctx);
		rejectUnknown(b, ['name']);
		oneOf(b.name, 'name', ['ANNOTATED'] as const, true);
	};
	/** Correction sessions show the model's predictions; labeling sessions the stored tags. */
	const viewOf = (session: SessionRec, doc: DocumentRec) => {
		if (session.mode !== 'CORRECTION' || !session.model_id) return doc;
		const model = store.models.get(session.model_id);
		if (!model) return doc;
		const tagger = store.tagger(model);
		return { ...doc, segments: doc.segments.map((s) => ({ ...s, tags: s.tags.length ? s.tags : tagSegment(tagger, s.text) })) };
	};
	const documentsPage = (session: SessionRec, ctx: RequestContext) => {
		const shown = details(ctx);
		const page = pageOf(session.document_ids.map((id) => store.documents.get(id)).filter(Boolean) as DocumentRec[], paging(ctx));
		return { ...sessionJson(store, session), documents: page.items.map((d) => documentJson(viewOf(session, d), shown)), has_more: page.has_more, offset: page.offset, limit: page.limit, count: page.count };
	};

	// --- labeling sessions ---------------------------------------------------------------------
	api.route('GET', '/projects/:project_id/annotations', (ctx) => {
		const project = projectOf(store, ctx);
		const modes = (ctx.query.get('mode') ?? '').split(',').map((m) => m.trim()).filter(Boolean);
		for (const m of modes) oneOf(m, 'mode', ['ANNOTATION', 'CORRECTION'] as const);
		const status = oneOf(ctx.query.get('status') || undefined, 'status', STATUSES);
		return [...store.sessions.values()]
			.filter((s) => s.project_id === project.id && (modes.length ? modes.includes(s.mode) : s.mode === 'ANNOTATION'))
			.map((s) => sessionJson(store, s))
			.filter((s) => !status || s.status === status);
	});

	api.route('POST', '/projects/:project_id/annotations', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'auto', 'sample_size', 'document_ids', 'documents', 'classes', 'labels', 'file_id', 'column_mapping', 'credential_id', 'source', 'parameters']);
		const auto = boolField(b, 'auto') ?? false;
		const tagger = store.projectTagger(project);
		let ids: number[] = [];
		const given = intArray(b, 'document_ids');
		if (given) ids.push(...given.map((id) => store.getDocument(project.id, id).id));
		if (b.documents !== undefined) {
			for (const d of labelledDocuments(b.documents, 'documents')) ids.push(store.createDocument(project.id, d.text, { segments: d.segments, tagger: auto ? tagger : undefined }).id);
		}
		if (b.file_id !== undefined) {
			const mapping = b.column_mapping === undefined ? autoMapping(store.getFile(b.file_id)) : b.column_mapping;
			if (!isObject(mapping)) throw badRequest('column_mapping: expected an object');
			for (const key of Object.keys(mapping)) if (!MAPPING_KEYS.includes(key)) throw badRequest(`column_mapping.${key}: must be one of ${MAPPING_KEYS.join(', ')}`);
			ids.push(...mappedDocuments(store, project, store.getFile(b.file_id), mapping as Record<string, string>));
		}
		if (b.credential_id !== undefined || b.source !== undefined) {
			const texts = store.externalTexts(intField(b, 'credential_id', true) as number, stringField(b, 'source', true) as string, isObject(b.parameters) ? b.parameters : {});
			ids.push(...texts.map((t) => store.createDocument(project.id, t, { tagger: auto ? tagger : undefined }).id));
		}
		if (!given && b.documents === undefined && b.file_id === undefined && b.source === undefined && b.credential_id === undefined) ids = store.projectDocuments(project.id).map((d) => d.id);
		const sample = intField(b, 'sample_size');
		if (sample !== undefined) ids = ids.slice(0, sample);
		const session = store.createSession(project, 'ANNOTATION', stringField(b, 'name') ?? `Labeling session ${store.sessions.size + 1}`, ids, Number(ctx.principal), {
			classes: stringArray(b, 'classes'),
			labels: stringArray(b, 'labels'),
		});
		return reply(201, sessionJson(store, session));
	});

	api.route('POST', '/projects/:project_id/annotations/upload', async (ctx) => {
		const project = projectOf(store, ctx);
		const { file, fields } = await storeUpload(store, ctx);
		if (formBool(fields.get('show_preview'), 'show_preview')) return previewOf(file);
		const ids = mappedDocuments(store, project, file, autoMapping(file));
		return sessionJson(store, store.createSession(project, 'ANNOTATION', file.name, ids, Number(ctx.principal)));
	});

	api.route('POST', '/projects/:project_id/annotations/external', async (ctx) => {
		const project = projectOf(store, ctx);
		const { fields } = await multipart(ctx);
		const credentialId = Number(fields.get('credential_id'));
		if (!Number.isInteger(credentialId) || credentialId < 1) throw badRequest('credential_id: required, a credential ID');
		const source = fields.get('source');
		if (!source) throw badRequest('source: required multipart field is missing');
		const texts = store.externalTexts(credentialId, source, parseParameters(fields.get('parameters')));
		const ids = texts.map((t) => store.createDocument(project.id, t, { tagger: store.projectTagger(project) }).id);
		return sessionJson(store, store.createSession(project, 'ANNOTATION', `${source} (external)`, ids, Number(ctx.principal)));
	});

	api.route('GET', '/projects/:project_id/annotations/:annotation_id', (ctx) => sessionJson(store, sessionOf(ctx, 'ANNOTATION', 'annotation_id')));

	api.route('PUT', '/projects/:project_id/annotations/:annotation_id', async (ctx) => {
		const session = sessionOf(ctx, 'ANNOTATION', 'annotation_id');
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'document_ids', 'documents', 'classes', 'labels']);
		session.name = stringField(b, 'name') ?? session.name;
		session.classes = stringArray(b, 'classes') ?? session.classes;
		session.labels = stringArray(b, 'labels') ?? session.labels;
		const add = [...(intArray(b, 'document_ids') ?? []).map((id) => store.getDocument(session.project_id, id).id)];
		if (b.documents !== undefined) for (const d of labelledDocuments(b.documents, 'documents')) add.push(store.createDocument(session.project_id, d.text, { segments: d.segments }).id);
		for (const id of add) {
			if (session.document_ids.includes(id)) continue;
			session.document_ids.push(id);
			store.getDocument(session.project_id, id).annotation_ids.push(session.id);
		}
		return sessionJson(store, session);
	});

	api.route('GET', '/projects/:project_id/annotations/:annotation_id/documents', (ctx) => documentsPage(sessionOf(ctx, 'ANNOTATION', 'annotation_id'), ctx));

	api.route('GET', '/projects/:project_id/annotations/:annotation_id/documents/:document_id', (ctx) => {
		const session = sessionOf(ctx, 'ANNOTATION', 'annotation_id');
		return documentJson(sessionDocument(session, ctx), details(ctx));
	});

	api.route('POST', '/projects/:project_id/annotations/:annotation_id/documents/:document_id/segments/:segment_id/statuses', async (ctx) => {
		const session = sessionOf(ctx, 'ANNOTATION', 'annotation_id');
		const doc = sessionDocument(session, ctx);
		const seg = segmentOf(doc, ctx);
		await annotatedBody(ctx);
		const marks = session.annotatedSegments.get(doc.id) ?? new Map<number, string>();
		session.annotatedSegments.set(doc.id, marks);
		if (!marks.has(seg.id)) marks.set(seg.id, store.nowIso());
		return statusMark(session, doc.id, { segment_id: seg.id }, marks.get(seg.id) as string);
	});

	api.route('POST', '/projects/:project_id/annotations/:annotation_id/documents/:document_id/pages/:page/statuses', async (ctx) => {
		const session = sessionOf(ctx, 'ANNOTATION', 'annotation_id');
		const doc = sessionDocument(session, ctx);
		const page = Number(ctx.params.page);
		const pages = doc.pages ?? 1;
		if (!/^\d+$/.test(ctx.params.page) || page >= pages) throw notFound(`Page ${ctx.params.page} does not exist: document ${doc.id} has pages 0..${pages - 1}.`);
		await annotatedBody(ctx);
		const marks = session.annotatedPages.get(doc.id) ?? new Map<number, string>();
		session.annotatedPages.set(doc.id, marks);
		if (!marks.has(page)) marks.set(page, store.nowIso());
		return statusMark(session, doc.id, { page }, marks.get(page) as string);
	});

	api.route('POST', '/projects/:project_id/annotations/:annotation_id/documents/:document_id/statuses', async (ctx) => {
		const session = sessionOf(ctx, 'ANNOTATION', 'annotation_id');
		const doc = sessionDocument(session, ctx);
		await annotatedBody(ctx);
		if (!session.annotatedDocuments.has(doc.id)) session.annotatedDocuments.set(doc.id, store.nowIso());
		return statusMark(session, doc.id, {}, session.annotatedDocuments.get(doc.id) as string);
	});

	// --- correction sessions -------------------------------------------------------------------
	api.route('GET', '/projects/:project_id/corrections', (ctx) => {
		const project = projectOf(store, ctx);
		const status = oneOf(ctx.query.get('status') || undefined, 'status', STATUSES);
		return [...store.sessions.values()]
			.filter((s) => s.project_id === project.id && s.mode === 'CORRECTION')
			.map((s) => sessionJson(store, s))
			.filter((s) => !status || s.status === status);
	});

	api.route('POST', '/projects/:project_id/corrections', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['model_id', 'sample_size', 'name']);
		const model = usableModel(store, intField(b, 'model_id', true) as number);
		const all = store.projectDocuments(project.id);
		if (all.length === 0) throw badRequest('The project has no documents to sample for a correction session');
		// "Randomly chosen", but reproducibly: ordered by a hash of the model and document.
		const size = Math.min(intField(b, 'sample_size') ?? 20, all.length);
		const chosen = [...all].sort((a, c) => hashRange(`${model.id}:${a.id}`, 0, 1) - hashRange(`${model.id}:${c.id}`, 0, 1)).slice(0, size);
		const session = store.createSession(project, 'CORRECTION', stringField(b, 'name') ?? `Correction ${store.sessions.size + 1}`, chosen.map((d) => d.id), Number(ctx.principal), {
			model_id: model.id,
			classes: model.classes.map((c) => c.name),
			labels: model.labels,
		});
		session.predicted_score = Math.round(hashRange(`score:${session.id}`, 0.6, 0.95) * 1000) / 1000;
		return reply(201, sessionJson(store, session));
	});

	api.route('GET', '/projects/:project_id/corrections/:correction_id', (ctx) => sessionJson(store, sessionOf(ctx, 'CORRECTION', 'correction_id')));

	api.route('GET', '/projects/:project_id/corrections/:correction_id/documents', (ctx) => documentsPage(sessionOf(ctx, 'CORRECTION', 'correction_id'), ctx));

	api.route('POST', '/projects/:project_id/corrections/:correction_id/documents/:document_id/segments/:segment_id/statuses', async (ctx) => {
		const session = sessionOf(ctx, 'CORRECTION', 'correction_id');
		const doc = sessionDocument(session, ctx);
		const seg = segmentOf(doc, ctx);
		await annotatedBody(ctx);
		const marks = session.annotatedSegments.get(doc.id) ?? new Map<number, string>();
		session.annotatedSegments.set(doc.id, marks);
		if (!marks.has(seg.id)) marks.set(seg.id, store.nowIso());
		return { segment: statusMark(session, doc.id, { segment_id: seg.id }, marks.get(seg.id) as string), predicted_score: session.predicted_score, progress: store.sessionProgress(session) };
	});
}
