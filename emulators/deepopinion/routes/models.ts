import { badRequest, notFound, reply, type RequestContext, type RouteRegistrar } from '../../core';
import type { DeepOpinionStore, ModelRec } from '../store';
import { PRETRAINED_CLASSES } from '../store';
import { PROJECT_TYPES, type ProjectType } from '../text';
import { analysisJson, body, intArray, intField, modelJson, multipart, oneOf, pageOf, paging, pathId, queryBool, queryInt, rejectUnknown, stringField } from '../views';
import { projectOf } from './projects';

const STATUSES = ['CREATED', 'QUEUED', 'TRAINING', 'FAILED', 'READY', 'ACTIVE', 'PUBLISHED'] as const;
const LANGUAGES = ['en', 'de', 'ar'] as const;
const UPDATABLE = ['base', 'created', 'display_name', 'uuid', 'id', 'language', 'long_description', 'name', 'owner', 'progress', 'project_id', 'score', 'short_description', 'status', 'type'];

function applyUpdate(store: DeepOpinionStore, model: ModelRec, b: Record<string, unknown>): void {
	rejectUnknown(b, UPDATABLE);
	if (b.id !== undefined && b.id !== model.id) throw badRequest('id: the model ID cannot be changed');
	const status = oneOf(b.status, 'status', STATUSES);
	const language = oneOf(b.language, 'language', LANGUAGES);
	const type = oneOf(b.type, 'type', PROJECT_TYPES);
	if (b.score !== undefined && (typeof b.score !== 'number' || b.score < 0 || b.score > 1)) throw badRequest('score: expected a number from 0 to 1');
	store.advanceModel(model);
	if (status && model.training) throw badRequest('status: a model that is training cannot change its status');
	Object.assign(model, {
		base: stringField(b, 'base') ?? model.base,
		display_name: stringField(b, 'display_name') ?? model.display_name,
		name: stringField(b, 'name') ?? model.name,
		owner: stringField(b, 'owner') ?? model.owner,
		long_description: stringField(b, 'long_description') ?? model.long_description,
		short_description: stringField(b, 'short_description') ?? model.short_description,
		score: (b.score as number | undefined) ?? model.score,
		status: status ?? model.status,
		language: language ?? model.language,
		type: type ?? model.type,
	});
}

function modelQuery(store: DeepOpinionStore, ctx: RequestContext, models: ModelRec[]) {
	const collection = queryInt(ctx, 'collection_id');
	const isPublic = queryBool(ctx, 'public');
	const starred = queryBool(ctx, 'starred');
	const search = ctx.query.get('search')?.toLowerCase();
	const type = oneOf(ctx.query.get('type') || undefined, 'type', PROJECT_TYPES);
	const exclude = queryInt(ctx, 'exclude_id');
	const filtered = models.filter(
		(m) =>
			(collection === undefined || m.collection_id === collection) &&
			(isPublic === undefined || m.public === isPublic) &&
			(starred === undefined || m.starred === starred) &&
			(!search || m.display_name.toLowerCase().includes(search) || m.name.toLowerCase().includes(search)) &&
			(!type || m.type === type) &&
			m.id !== exclude,
	);
	const page = pageOf(filtered, paging(ctx));
	return { models: page.items.map((m) => modelJson(store, m)), has_more: page.has_more, offset: page.offset, limit: page.limit, count: page.count };
}

export function registerModelRoutes(api: RouteRegistrar, store: DeepOpinionStore): void {
	api.route('GET', '/models', (ctx) => modelQuery(store, ctx, [...store.models.values()]));

	api.route('GET', '/organizations/:organization/models', (ctx) => {
		const org = ctx.params.organization;
		const models = [...store.models.values()].filter((m) => m.organization === org);
		if (!models.length && ![...store.workspaces.values()].some((w) => w.name === org || String(w.id) === org) && org !== 'deepopinion' && org !== 'default-workspace') throw notFound(`Organization "${org}" does not exist.`);
		return modelQuery(store, ctx, models);
	});

	api.route('POST', '/models/upload', async (ctx) => {
		const { fields, files } = await multipart(ctx);
		const file = files.get('file');
		if (!file) throw badRequest('file: required multipart field is missing');
		if (file.data.length === 0) throw badRequest(`file: "${file.name}" is empty`);
		const displayName = fields.get('display_name');
		if (!displayName) throw badRequest('display_name: required multipart field is missing');
		const status = oneOf(fields.get('status') || undefined, 'status', STATUSES) ?? 'READY';
		const language = oneOf(fields.get('language') || undefined, 'language', LANGUAGES) ?? 'en';
		const score = fields.get('score') === undefined ? 0 : Number(fields.get('score'));
		if (!Number.isFinite(score)) throw badRequest('score: expected a number');
		const model = store.newModel({
			name: fields.get('name') || displayName.toLowerCase().replace(/\s+/g, '-'),
			display_name: displayName,
			type: 'ABSA',
			project_id: null,
			base: fields.get('base') ?? '',
			language,
			long_description: fields.get('long_description') ?? '',
			short_description: fields.get('short_description') ?? '',
			status,
			score,
		});
		model.classes = PRETRAINED_CLASSES.map((c) => ({ ...c }));
		model.labels = ['POS', 'NEG', 'NEU'];
		return modelJson(store, model);
	});

	api.route('GET', '/models/:model_id', (ctx) => modelJson(store, store.getModel(pathId(ctx, 'model_id')), true));

	api.route('PUT', '/models/:model_id', async (ctx) => {
		const model = store.getModel(pathId(ctx, 'model_id'));
		applyUpdate(store, model, await body(ctx));
		return modelJson(store, model);
	});

	api.route('GET', '/models/:model_id/analyses', (ctx) => {
		const model = store.getModel(pathId(ctx, 'model_id'));
		const page = pageOf([...store.analyses.values()].filter((a) => a.model_id === model.id), paging(ctx));
		return { analyses: page.items.map((a) => analysisJson(store, a)), has_more: page.has_more, offset: page.offset, limit: page.limit, count: page.count };
	});

	const projectModel = (ctx: RequestContext) => {
		const project = projectOf(store, ctx);
		const model = store.getModel(pathId(ctx, 'model_id'));
		if (model.project_id !== project.id) throw notFound(`Model ${model.id} does not belong to project ${project.id}.`);
		return model;
	};

	api.route('GET', '/projects/:project_id/models', (ctx) => {
		const project = projectOf(store, ctx);
		return [...store.models.values()].filter((m) => m.project_id === project.id).map((m) => modelJson(store, m));
	});

	api.route('GET', '/projects/:project_id/models/:model_id', (ctx) => modelJson(store, projectModel(ctx), true));

	api.route('PUT', '/projects/:project_id/models/:model_id', async (ctx) => {
		const model = projectModel(ctx);
		applyUpdate(store, model, await body(ctx));
		return modelJson(store, model);
	});

	api.route('POST', '/projects/:project_id/models', async (ctx) => {
		const project = projectOf(store, ctx);
		const b = await body(ctx);
		rejectUnknown(b, ['display_name', 'language', 'name', 'base_id', 'annotation_ids', 'trainset_annotation_ids', 'testset_annotation_ids']);
		const annotationIds = intArray(b, 'annotation_ids') ?? [...(intArray(b, 'trainset_annotation_ids') ?? []), ...(intArray(b, 'testset_annotation_ids') ?? [])];
		if (annotationIds.length === 0) throw badRequest('annotation_ids: at least one labeling session is required');
		const model = store.trainModel(
			project,
			{ display_name: stringField(b, 'display_name'), name: stringField(b, 'name'), language: oneOf(b.language, 'language', LANGUAGES), base_id: intField(b, 'base_id') },
			[...new Set(annotationIds)],
		);
		return reply(201, modelJson(store, model));
	});
}

export type { ProjectType };
