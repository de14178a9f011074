import { HttpError, isObject, reply, type RouteRegistrar } from '../../core';
import { predict, type ModelRecord } from '../models';
import type { PrimerStore } from '../store';
import { afterCommit, API_PREFIX, isUuid, uuidParam, validationFailed } from './common';

/** Raises unless the model serves predictions right now. */
export function assertServing(store: PrimerStore, model: ModelRecord): void {
	const d = store.refreshDeployment(model);
	if (d.state === 'deployed') return;
	if (d.state === 'deploying') throw new HttpError(503, `Model ${model.id} is being deployed`, { 'retry-after': '1' });
	if (d.state === 'failed') throw new HttpError(409, `The deployment of model ${model.id} failed: ${d.message ?? 'unknown error'}`);
	throw new HttpError(409, `Model ${model.id} is not deployed: deploy it first (POST /models/${model.id}/deployment)`);
}

export function registerModelRoutes(api: RouteRegistrar, store: PrimerStore): void {
	api.route('POST', `${API_PREFIX}/models/:model_id/deployment`, (ctx) => {
		const model = store.getModel(uuidParam(ctx.params.model_id, 'model_id'));
		store.deploy(model);
		afterCommit(store, ctx);
		return reply(201, { status_message: 'Model deployment requested' });
	});

	api.route('POST', `${API_PREFIX}/models/:model_id/predictions`, async (ctx) => {
		const model = store.getModel(uuidParam(ctx.params.model_id, 'model_id'));
		const body = await ctx.jsonBody();
		if (!isObject(body) || body.text === undefined) return validationFailed({ text: "'text' is a required property" });
		if (typeof body.text !== 'string') return validationFailed({ text: `${JSON.stringify(body.text)} is not of type 'string'` });
		if (body.text.trim() === '') return validationFailed({ text: 'must not be empty' });
		assertServing(store, model);
		return predict(model, body.text);
	});

	api.route('POST', `${API_PREFIX}/models/predictions`, async (ctx) => {
		const body = await ctx.jsonBody();
		const errors: Record<string, string> = {};
		for (const key of ['dataset_id', 'model_id']) {
			const value = isObject(body) ? body[key] : undefined;
			if (value === undefined) errors[key] = `'${key}' is a required property`;
			else if (!isUuid(value)) errors[key] = `${JSON.stringify(value)} is not a 'uuid'`;
		}
		if (Object.keys(errors).length) return validationFailed(errors);
		const { dataset_id, model_id } = body as { dataset_id: string; model_id: string };
		const dataset = store.getDataset(dataset_id.toLowerCase());
		const model = store.getModel(model_id.toLowerCase());
		if (dataset.documents.length === 0) throw new HttpError(400, `Dataset ${dataset.info.id} has no documents to predict`);
		const job = store.createJob(dataset, model);
		store.linkModel(dataset, model);
		afterCommit(store, ctx);
		return reply(201, { request_predictions_id: job.id });
	});

	api.route('GET', `${API_PREFIX}/models/predictions/:id/status`, (ctx) => {
		if (!/^\d+$/.test(ctx.params.id)) throw new HttpError(404, `Prediction request ${ctx.params.id} does not exist`);
		return store.jobStatus(store.getJob(Number(ctx.params.id)));
	});

	api.route('GET', `${API_PREFIX}/labels:download`, (ctx) => {
		const model = store.getModel(uuidParam(ctx.query.get('model_id') ?? undefined, 'model_id'));
		const lines: string[] = [];
		for (const dataset of store.datasets.values()) {
			if (!dataset.info.models.some((m) => m.id === model.id)) continue;
			const annotatorId = Number(BigInt.asUintN(53, BigInt(dataset.info.user_id || '0')));
			for (const doc of dataset.documents) {
				if (!doc.labels?.length) continue;
				const names = [...new Set([...model.labels.map((l) => l.label), ...doc.labels])];
				lines.push(
					JSON.stringify({
						document_id: doc.id,
						document_title: doc.title ?? null,
						document_date: doc.date ?? null,
						document_text: doc.text,
						labels: names.map((label_name) => ({ annotator_name: doc.labeledBy, annotator_id: annotatorId, date_created: doc.labeledAt, label_name, value: doc.labels!.includes(label_name) })),
					}),
				);
			}
		}
		const text = lines.length ? `${lines.join('\n')}\n` : '';
		ctx.res.writeHead(200, { 'content-type': 'application/jsonl; charset=utf-8', 'content-length': Buffer.byteLength(text) });
		ctx.res.end(text);
	});
}
