import type { ServerResponse } from 'node:http';
import { HttpError, type RouteRegistrar } from '../../core';
import { predict, type LabelScore } from '../models';
import type { PrimerStore, StoredDocument } from '../store';
import { API_PREFIX, uuidParam } from './common';

function csvField(value: unknown): string {
	const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Waits for `drain`, or returns false when the client went away. */
async function drained(res: ServerResponse): Promise<boolean> {
	if (res.destroyed) return false;
	await new Promise<void>((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
	return !res.destroyed;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `GET /predictions/`: every prediction of a model for a dataset, streamed in chunks with no
 * Content-Length (chunked transfer encoding), as the platform does. JSON: an array of
 * `{document_id, document_title, document_date, document_text, model_type, labels}`. CSV
 * (classifiers and lists only): one row per document, one score column per label.
 */
export function registerPredictionDownload(api: RouteRegistrar, store: PrimerStore): void {
	api.route('GET', `${API_PREFIX}/predictions`, async (ctx) => {
		const { query } = ctx;
		const datasetId = uuidParam(query.get('dataset_id') ?? undefined, 'dataset_id');
		const modelId = uuidParam(query.get('model_id') ?? undefined, 'model_id');
		const formatParam = query.get('format');
		if (!formatParam) throw new HttpError(400, 'format is required: CSV or JSON');
		const format = formatParam.toUpperCase();
		if (format !== 'CSV' && format !== 'JSON') throw new HttpError(400, `format must be CSV or JSON, got ${JSON.stringify(formatParam)}`);
		const dataset = store.getDataset(datasetId);
		const model = store.getModel(modelId);
		if (model.model_type === 'NER' && format !== 'JSON') throw new HttpError(400, 'For NER models the return format must be specified as JSON');
		if (!store.hasPredictions(dataset.info.id, model.id)) {
			const running = [...store.jobs.values()].some((j) => j.datasetId === dataset.info.id && j.modelId === model.id && store.jobStatus(j).status !== 'FAILED');
			if (running) throw new HttpError(409, `Predictions of model ${model.id} for dataset ${dataset.info.id} are still being computed`);
			throw new HttpError(404, `No predictions of model ${model.id} for dataset ${dataset.info.id}: request bulk predictions first`);
		}

		const documents = dataset.documents.slice();
		const { res } = ctx;
		const dropAfter = store.dropDownloadAfterRows;
		store.dropDownloadAfterRows = undefined;
		const chunkRows = Math.max(1, store.settings.downloadChunkRows);
		const labelNames = model.labels.map((l) => l.label);
		res.writeHead(200, {
			'content-type': format === 'JSON' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="predictions.${format.toLowerCase()}"`,
		});
		const row = (doc: StoredDocument, index: number): string => {
			const prediction = predict(model, doc.text);
			if (format === 'JSON') {
				const json = JSON.stringify({ document_id: doc.id, document_title: doc.title ?? null, document_date: doc.date ?? null, document_text: doc.text, model_type: prediction.model_type, labels: prediction.labels });
				return `${index ? ',' : ''}\n${json}`;
			}
			const base = [doc.id, doc.title ?? '', doc.date ?? '', doc.text];
			if (prediction.model_type === 'LIST') return `${[...base, (prediction.labels[0] as { text: string[] }).text.join(';')].map(csvField).join(',')}\r\n`;
			const scores = prediction.labels as LabelScore[];
			const predicted = scores.filter((l) => l.classification).map((l) => l.label).join(';');
			return `${[...base, predicted, ...labelNames.map((name) => scores.find((l) => l.label === name)?.score ?? '')].map(csvField).join(',')}\r\n`;
		};
		const head =
			format === 'JSON'
				? '['
				: `${['document_id', 'document_title', 'document_date', 'document_text', model.model_type === 'LIST' ? 'labels' : 'predicted_labels', ...(model.model_type === 'LIST' ? [] : labelNames)].map(csvField).join(',')}\r\n`;
		if (!res.write(head) && !(await drained(res))) return;
		for (let start = 0; start < documents.length; start += chunkRows) {
			if (dropAfter !== undefined && start >= dropAfter) {
				ctx.req.socket.destroy();
				return;
			}
			let chunk = '';
			for (let i = start; i < Math.min(documents.length, start + chunkRows); i++) chunk += row(documents[i], i);
			if (!res.write(chunk) && !(await drained(res))) return;
			if (store.settings.downloadChunkDelayMs > 0) await pause(store.settings.downloadChunkDelayMs);
		}
		res.end(format === 'JSON' ? '\n]\n' : '');
	});
}
