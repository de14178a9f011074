import { badRequest, conflict, invalid, isObject, notFound, reply, type RequestContext, type RouteRegistrar } from '../../core';
import { parseDataFile } from '../files';
import type { DeepOpinionStore, ProjectRec } from '../store';
import { PROJECT_TYPES, type ProjectType } from '../text';
import {
	analysisJson,
	arrayBody,
	body,
	details,
	documentsField,
	formBool,
	groupJson,
	intArray,
	intField,
	multipart,
	oneOf,
	pageOf,
	paging,
	pathId,
	projectDocumentJson,
	projectJson,
	queryBool,
	queryInt,
	rejectUnknown,
	stringField,
	boolField,
} from '../views';

export function projectOf(store: DeepOpinionStore, ctx: RequestContext): ProjectRec {
	return store.getProject(pathId(ctx, 'project_id'));
}

/** `{id, preview}`: the stored file id and its first rows (header first), as lists or objects. */
export function previewOf(file: { id: string; rows: unknown[][] }, asList = true): { id: string; preview: unknown[] } {
	const rows = file.rows.slice(0, 6);
	if (asList) return { id: file.id, preview: rows };
	const header = (rows[0] ?? []).map((h, i) => String(h ?? `column_${i}`));
	return { id: file.id, preview: rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null]))) };
}

/** Stores the `file` part of a multipart upload as a data file. */
export async function storeUpload(store: DeepOpinionStore, ctx: RequestContext) {
	const form = await multipart(ctx);
	const file = form.files.get('file');
	if (!file) throw badRequest('file: required multipart field is missing');
	const parsed = parseDataFile(file.name, file.data);
	return { file: store.storeFile(file.name, parsed.format, parsed.rows), fields: form.fields };
}

export function registerProjectRoutes(api: RouteRegistrar, store: DeepOpinionStore): void {
	// --- projects ------------------------------------------------------------------------------
	api.route('GET', '/projects', (ctx) => {
		queryBool(ctx, 'details');
		return [...store.projects.values()].map((p) => projectJson(store, p));
	});

	api.route('POST', '/projects', async (ctx) => {
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'type']);
		const name = stringField(b, 'name', true) as string;
		const type = oneOf(b.type, 'type', PROJECT_TYPES, true) as ProjectType;
		if ([...store.projects.values()].some((p) => p.name === name)) throw conflict(`A project named "${name}" already exists`);
		return reply(201, projectJson(store, store.createProject(name, type)));
	});

	api.route('GET', '/projects/:project_id', (ctx) => projectJson(store, projectOf(store, ctx)));

	api.route('PUT', '/projects/:project_id', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'type']);
		project.name = stringField(b, 'name') ?? project.name;
		const type = oneOf(b.type, 'type', PROJECT_TYPES);
		if (type && type !== project.type) {
			if (store.projectDocuments(project.id).length) throw conflict('type: a project with documents cannot change its type');
			project.type = type;
		}
		return projectJson(store, project);
	});

	const cloneOrTransfer = async (ctx: RequestContext) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['organization_id']);
		const organizationId = intField(b, 'organization_id') ?? project.organization_id;
		const ws = store.getWorkspace(organizationId);
		if (!ws.active) throw conflict(`Workspace ${ws.id} is deactivated.`);
		return { project, organizationId };
	};

	api.route('POST', '/projects/:project_id/clone', async (ctx) => {
		const { project, organizationId } = await cloneOrTransfer(ctx);
		const copy = store.createProject(`${project.name} (copy)`, project.type, organizationId);
		copy.classes = project.classes.map((c) => ({ ...c, id: store.nextId('class') }));
		copy.labels = project.labels.map((l) => ({ ...l, id: store.nextId('label') }));
		for (const doc of store.projectDocuments(project.id)) store.createDocument(copy.id, doc.text, { segments: doc.segments, meta: doc.meta });
		store.createTask(copy.id, 'CLONE', store.projectDocuments(copy.id).length);
		return projectJson(store, copy);
	});

	api.route('POST', '/projects/:project_id/transfer', async (ctx) => {
		const { project, organizationId } = await cloneOrTransfer(ctx);
		project.organization_id = organizationId;
		const task = store.createTask(project.id, 'TRANSFER');
		return { status: 'OK', message: `Project ${project.id} transferred to workspace ${organizationId}.`, project_id: project.id, organization_id: organizationId, task_id: task.id };
	});

	api.route('GET', '/projects/:project_id/tasks/:task_id', (ctx) => {
		const project = projectOf(store, ctx);
		const id = pathId(ctx, 'task_id');
		const task = store.tasks.get(id);
		if (!task || task.project_id !== project.id) throw notFound(`Task ${id} does not exist in project ${project.id}.`);
		return { id: task.id, project_id: task.project_id, type: task.type, status: task.status, progress: 100, created: new Date(task.created).toISOString(), document_count: task.document_count ?? null };
	});

	api.route('GET', '/projects/:project_id/analyses', (ctx) => {
		const project = projectOf(store, ctx);
		details(ctx);
		const modelIds = new Set([...store.models.values()].filter((m) => m.project_id === project.id).map((m) => m.id));
		const all = [...store.analyses.values()].filter((a) => a.project_id === project.id || modelIds.has(a.model_id)).map((a) => analysisJson(store, a));
		return pageOf(all, paging(ctx)).items;
	});

	// --- classes -------------------------------------------------------------------------------
	const classFields = (b: Record<string, unknown>, required: boolean) => {
		rejectUnknown(b, ['name', 'example', 'description', 'id']);
		return { name: stringField(b, 'name', required) as string, example: stringField(b, 'example'), description: stringField(b, 'description') };
	};
	const classOf = (ctx: RequestContext) => {
		const project = projectOf(store, ctx);
		const id = pathId(ctx, 'class_id');
		const found = project.classes.find((c) => c.id === id);
		if (!found) throw notFound(`Class ${id} does not exist in project ${project.id}.`);
		return found;
	};

	api.route('GET', '/projects/:project_id/classes', (ctx) => projectOf(store, ctx).classes);
	api.route('POST', '/projects/:project_id/classes', async (ctx) => reply(201, store.addClass(projectOf(store, ctx), classFields(await body(ctx), true))));
	api.route('GET', '/projects/:project_id/classes/:class_id', (ctx) => classOf(ctx));
	api.route('PUT', '/projects/:project_id/classes/:class_id', async (ctx) => {
		const found = classOf(ctx);
		const fields = classFields(await body(ctx), false);
		found.name = fields.name ?? found.name;
		found.example = fields.example ?? found.example;
		found.description = fields.description ?? found.description;
		return found;
	});

	api.route('POST', '/projects/:project_id/upload-classes', async (ctx) => {
		const project = projectOf(store, ctx);
		const list = await arrayBody(ctx);
		if (list.length === 0) throw badRequest('expected a non-empty array of classes');
		const parsed = list.map((c, i) => {
			if (!isObject(c)) throw invalid(`[${i}]`, 'expected a class object');
			try {
				return classFields(c, true);
			} catch (error) {
				throw badRequest(`[${i}].${(error as Error).message}`);
			}
		});
		return reply(201, parsed.map((c) => store.addClass(project, c)));
	});

	api.route('POST', '/projects/:project_id/classes/upload', async (ctx) => {
		const project = projectOf(store, ctx);
		const { file } = await storeUpload(store, ctx);
		const header = (file.rows[0] ?? []).map((h) => String(h ?? '').toLowerCase());
		const at = (name: string) => header.indexOf(name);
		const nameAt = at('name') >= 0 ? at('name') : at('class') >= 0 ? at('class') : at('text') >= 0 ? at('text') : 0;
		return file.rows.slice(1).filter((r) => String(r[nameAt] ?? '').trim() !== '').map((r) =>
			store.addClass(project, { name: String(r[nameAt]).trim(), example: at('example') >= 0 ? String(r[at('example')] ?? '') : undefined, description: at('description') >= 0 ? String(r[at('description')] ?? '') : undefined }),
		);
	});

	// --- labels --------------------------------------------------------------------------------
	const labelName = async (ctx: RequestContext) => {
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'id']);
		return stringField(b, 'name', true) as string;
	};

	api.route('POST', '/projects/:project_id/labels', async (ctx) => reply(201, store.addLabel(projectOf(store, ctx), await labelName(ctx))));

	api.route('PUT', '/projects/:project_id/labels/:label_id', async (ctx) => {
		const project = projectOf(store, ctx);
		const id = pathId(ctx, 'label_id');
		const label = project.labels.find((l) => l.id === id);
		if (!label) throw notFound(`Label ${id} does not exist in project ${project.id}.`);
		label.name = await labelName(ctx);
		return label;
	});

	api.route('PUT', '/projects/:project_id/labels/name/:name', async (ctx) => {
		const project = projectOf(store, ctx);
		const label = project.labels.find((l) => l.name === ctx.params.name);
		if (!label) throw notFound(`Label "${ctx.params.name}" does not exist in project ${project.id}.`);
		label.name = await labelName(ctx);
		return label;
	});

	// --- documents -----------------------------------------------------------------------------
	api.route('POST', '/projects/:project_id/documents', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['text', 'segments', 'meta']);
		const text = stringField(b, 'text', true) as string;
		let segments: Array<{ text: string }> | undefined;
		if (b.segments !== undefined) {
			const list = Array.isArray(b.segments) ? b.segments : [b.segments];
			segments = list.map((s, i) => {
				if (!isObject(s) || typeof s.text !== 'string' || s.text === '') throw invalid(`segments[${i}].text`, 'required non-empty text');
				return { text: s.text };
			});
		}
		const doc = store.createDocument(project.id, text, { segments, meta: isObject(b.meta) ? b.meta : undefined });
		return reply(201, { text: doc.text, id: doc.id });
	});

	api.route('POST', '/projects/:project_id/upload-documents', async (ctx) => {
		const project = projectOf(store, ctx);
		const docs = documentsField({ documents: await arrayBody(ctx) });
		const created = docs.map((d) => store.createDocument(project.id, d.text, { meta: d.id !== undefined ? { id: d.id } : {} }));
		const task = store.createTask(project.id, 'UPLOAD_DOCUMENTS', created.length);
		return reply(202, { status: 'ACCEPTED', message: 'Documents will be uploaded, segmented and analyzed.', task_id: task.id, document_count: created.length });
	});

	api.route('GET', '/projects/:project_id/documents', (ctx) => {
		const project = projectOf(store, ctx);
		const shown = details(ctx);
		const search = ctx.query.get('search')?.toLowerCase();
		const annotationId = queryInt(ctx, 'annotation_id');
		const analysisId = queryInt(ctx, 'analysis_id');
		const groupId = queryInt(ctx, 'group_id');
		const grouped = queryBool(ctx, 'grouped');
		const analysed = queryBool(ctx, 'analysed');
		const docs = store.projectDocuments(project.id).filter(
			(d) =>
				(!search || d.text.toLowerCase().includes(search)) &&
				(annotationId === undefined || d.annotation_ids.includes(annotationId)) &&
				(analysisId === undefined || d.analysis_id === analysisId) &&
				(groupId === undefined || d.group_ids.includes(groupId)) &&
				(grouped === undefined || grouped === d.group_ids.length > 0) &&
				(analysed === undefined || analysed === (d.analysis_id !== undefined)),
		);
		const page = pageOf(docs, paging(ctx));
		return { documents: page.items.map((d) => projectDocumentJson(d, shown)), has_more: page.has_more, offset: page.offset, limit: page.limit, count: page.count };
	});

	api.route('GET', '/projects/:project_id/documents/:document_id', (ctx) => {
		const project = projectOf(store, ctx);
		return projectDocumentJson(store.getDocument(project.id, pathId(ctx, 'document_id')), details(ctx, ['segments']));
	});

	api.route('PUT', '/projects/:project_id/documents/:document_id', async (ctx) => {
		const project = projectOf(store, ctx);
		const doc = store.getDocument(project.id, pathId(ctx, 'document_id'));
		const b = await body(ctx);
		rejectUnknown(b, ['text']);
		const text = stringField(b, 'text', true) as string;
		store.resegment(doc, text);
		return { text: doc.text, id: doc.id };
	});

	// --- groups --------------------------------------------------------------------------------
	const groupOf = (ctx: RequestContext) => store.getGroup(projectOf(store, ctx).id, pathId(ctx, 'group_id'));

	api.route('GET', '/projects/:project_id/groups', (ctx) => {
		const project = projectOf(store, ctx);
		return [...store.groups.values()].filter((g) => g.project_id === project.id).map((g) => groupJson(store, g));
	});

	api.route('POST', '/projects/:project_id/groups', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['documents', 'name', 'file_id', 'credential_id', 'source', 'parameters', 'column', 'column_name', 'split', 'header_first']);
		const name = stringField(b, 'name') ?? `Group ${store.groups.size + 1}`;
		const split = boolField(b, 'split') ?? true;
		let texts: Array<{ text: string; meta?: Record<string, unknown> }>;
		let source = 'API';
		if (b.file_id !== undefined) {
			texts = store.fileTexts(store.getFile(b.file_id), { column: intField(b, 'column', false, 0), column_name: stringField(b, 'column_name'), header_first: boolField(b, 'header_first') });
			source = 'UPLOAD';
		} else if (b.credential_id !== undefined || b.source !== undefined) {
			texts = store.externalTexts(intField(b, 'credential_id', true) as number, stringField(b, 'source', true) as string, isObject(b.parameters) ? b.parameters : {}).map((text) => ({ text }));
			source = 'EXTERNAL';
		} else {
			texts = documentsField(b).map((d) => ({ text: d.text, meta: d.id !== undefined ? { id: d.id } : {} }));
		}
		const docs = texts.map((t) => store.createDocument(project.id, t.text, { split, meta: t.meta }));
		return reply(201, groupJson(store, store.createGroup(project.id, name, source, docs.map((d) => d.id))));
	});

	api.route('GET', '/projects/:project_id/groups/:group_id', (ctx) => groupJson(store, groupOf(ctx)));

	api.route('PUT', '/projects/:project_id/groups/:group_id', async (ctx) => {
		const group = groupOf(ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['name', 'document_ids', 'documents']);
		group.name = stringField(b, 'name') ?? group.name;
		const ids = intArray(b, 'document_ids') ?? [];
		if (b.documents !== undefined) {
			if (!Array.isArray(b.documents)) throw badRequest('documents: expected an array');
			for (const [i, d] of b.documents.entries()) {
				if (!isObject(d)) throw badRequest(`documents[${i}]: expected an object`);
				if (typeof d.text === 'string' && d.text.trim()) ids.push(store.createDocument(group.project_id, d.text).id);
				else if (typeof d.id === 'number') ids.push(d.id);
				else throw badRequest(`documents[${i}]: expected "text" (a new document) or "id" (an existing one)`);
			}
		}
		store.addToGroup(group, ids);
		return groupJson(store, group);
	});

	api.route('GET', '/projects/:project_id/groups/:group_id/documents', (ctx) => {
		const group = groupOf(ctx);
		const shown = details(ctx);
		const search = ctx.query.get('search')?.toLowerCase();
		const docs = group.document_ids.map((id) => store.documents.get(id)).filter((d) => d && (!search || d.text.toLowerCase().includes(search)));
		return pageOf(docs, paging(ctx)).items.map((d) => projectDocumentJson(d!, shown));
	});

	api.route('GET', '/projects/:project_id/groups/:group_id/documents/:document_id', (ctx) => {
		const group = groupOf(ctx);
		const id = pathId(ctx, 'document_id');
		if (!group.document_ids.includes(id)) throw notFound(`Document ${id} is not in group ${group.id}.`);
		return projectDocumentJson(store.getDocument(group.project_id, id), details(ctx));
	});

	api.route('POST', '/projects/:project_id/groups/upload', async (ctx) => {
		projectOf(store, ctx);
		const { file, fields } = await storeUpload(store, ctx);
		return previewOf(file, formBool(fields.get('to_list'), 'to_list') ?? true);
	});

	api.route('POST', '/projects/:project_id/groups/external', async (ctx) => {
		projectOf(store, ctx);
		const { fields } = await multipart(ctx);
		const credentialId = Number(fields.get('credential_id'));
		if (!Number.isInteger(credentialId) || credentialId < 1) throw badRequest('credential_id: required, a credential ID');
		const source = fields.get('source');
		if (!source) throw badRequest('source: required multipart field is missing');
		const texts = store.externalTexts(credentialId, source, parseParameters(fields.get('parameters')));
		return previewOf(store.storeFile(`${source}.external`, 'external', [['text'], ...texts.map((t) => [t])]));
	});
}

export function parseParameters(raw: string | undefined): Record<string, unknown> {
	if (raw === undefined || raw === '') return {};
	try {
		const value = JSON.parse(raw) as unknown;
		if (isObject(value)) return value;
	} catch {
		// fall through
	}
	throw badRequest('parameters: must be a JSON object');
}
