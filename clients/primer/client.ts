import { fillPath, HttpClient, ValidationError, type ClientConfig, type HttpResponse, type QueryValue, type ResponseType, type ValidationIssue } from '../core';
import { primerErrorMessage } from './auth';
import { parseCsvObjects } from './csv';
import { PRIMER_DEFAULT_BASE_URL, PRIMER_ROUTES, type PrimerOperation } from './routes';
import type {
	BulkPredictionRequest,
	Dataset,
	DatasetCreate,
	DatasetList,
	DeploymentResult,
	DocumentPredictions,
	LabeledDocument,
	ModelRef,
	Prediction,
	PredictionJobStatus,
	PredictionsFormat,
	UploadOptions,
	UploadResult,
} from './types';
import { normalizeFormat, validateDatasetCreate, validateFormat, validateRequestId, validateRequired, validateUploadOptions, validateUuid } from './validation';

export const PRIMER_PLATFORM = 'Primer Automate';

export type PrimerClientConfig = Omit<ClientConfig, 'baseUrl'> & { baseUrl?: string };

interface CallOptions {
	params?: Record<string, string | number>;
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	responseType?: ResponseType;
}

/** The content type the docs send uploads with. */
const UPLOAD_CONTENT_TYPE = 'application/binary';

/** Query parameters of an upload request, named as the API names them. */
export function uploadQuery(options: UploadOptions, datasetId?: string): Record<string, QueryValue> {
	const headers = options.headers ?? {};
	const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
	return {
		filetype: options.filetype,
		...(datasetId ? { dataset_id: datasetId } : {}),
		dataset_meta_display_name: blank(options.displayName),
		dataset_meta_document_type: blank(options.documentType),
		dataset_meta_description: blank(options.description),
		model_id: blank(options.modelId),
		header_matching_text: blank(headers.text),
		header_matching_title: blank(headers.title),
		header_matching_id: blank(headers.id),
		header_matching_label: blank(headers.label),
		header_matching_date: blank(headers.date),
	};
}

/**
 * JSON text for `PUT /datasets/` with `user_id` written as a bare integer: Primer user ids are
 * 64-bit (e.g. 4028440374033030052) and would lose digits as JavaScript numbers.
 */
export function datasetEntryJson(entry: DatasetCreate): string {
	const marker = '@@primer-bigint@@';
	const body: Record<string, unknown> = { ...entry, user_id: `${marker}${String(entry.user_id)}` };
	if (body.description === undefined) delete body.description;
	return JSON.stringify(body).replace(new RegExp(`"${marker}(\\d+)"`), '$1');
}

function toBytes(data: Uint8Array | string): Uint8Array {
	return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** JSON.parse, with the SyntaxError returned instead of thrown. */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		return error instanceof SyntaxError ? error : new SyntaxError(String(error));
	}
}

/** Parses a JSONL text into objects; a line that is not a JSON object throws, naming the line. */
export function parseJsonLines<T>(text: string, what: string): T[] {
	const out: T[] = [];
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		const value = parseJson(line);
		if (value instanceof SyntaxError) throw new Error(`${PRIMER_PLATFORM} ${what}: line ${i + 1} of the response is not valid JSON (${value.message})`);
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${PRIMER_PLATFORM} ${what}: line ${i + 1} of the response is not a JSON object`);
		out.push(value as T);
	}
	return out;
}

/**
 * The documents of a predictions download in JSON format: a JSON array, JSON lines, or an object
 * wrapping the array (`predictions`/`results`/`documents`/`data`); one object is one document.
 */
export function parsePredictionsJson(text: string): DocumentPredictions[] {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	const value = parseJson(trimmed);
	if (value instanceof SyntaxError) return parseJsonLines<DocumentPredictions>(trimmed, 'downloadPredictions');
	if (Array.isArray(value)) return value as DocumentPredictions[];
	if (value && typeof value === 'object') {
		for (const key of ['predictions', 'results', 'documents', 'data']) {
			const inner = (value as Record<string, unknown>)[key];
			if (Array.isArray(inner)) return inner as DocumentPredictions[];
		}
		return [value as DocumentPredictions];
	}
	throw new Error(`${PRIMER_PLATFORM} downloadPredictions: the JSON response is neither an array nor an object`);
}

/** Typed client for every documented Primer Automate operation. */
export class PrimerClient {
	readonly http: HttpClient;

	constructor(config: PrimerClientConfig) {
		this.http = new HttpClient({ name: PRIMER_PLATFORM, errorMessage: primerErrorMessage }, { ...config, baseUrl: config.baseUrl || PRIMER_DEFAULT_BASE_URL });
	}

	private async send<T>(operation: PrimerOperation, options: CallOptions = {}): Promise<HttpResponse<T>> {
		const route = PRIMER_ROUTES[operation];
		return this.http.send<T>(
			{ name: operation, method: route.method, idempotent: route.idempotent },
			{ path: fillPath(route.path, options.params ?? {}), query: options.query, body: options.body, headers: options.headers, responseType: options.responseType },
		);
	}

	private async call<T>(operation: PrimerOperation, options: CallOptions = {}): Promise<T> {
		return (await this.send<T>(operation, options)).body;
	}

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, PRIMER_PLATFORM, operation);
	}

	// --- datasets ------------------------------------------------------------------------------

	/** `GET /datasets/`: every dataset of the organisation. */
	async listDatasets(): Promise<Dataset[]> {
		const body = await this.call<DatasetList | Dataset[]>('listDatasets');
		return Array.isArray(body) ? body : (body?.datasets ?? []);
	}

	/** The models linked to any dataset (there is no documented model list), by id. */
	async listModels(): Promise<Array<ModelRef & { datasets: number }>> {
		const models = new Map<string, ModelRef & { datasets: number }>();
		for (const dataset of await this.listDatasets()) {
			for (const model of dataset.models ?? []) {
				const known = models.get(model.id);
				if (known) known.datasets++;
				else models.set(model.id, { id: model.id, name: model.name, datasets: 1 });
			}
		}
		return [...models.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	/** `PUT /datasets/`: creates a dataset entry (metadata only; upload documents with `appendDataset`). */
	async createDataset(entry: DatasetCreate): Promise<Dataset> {
		this.check('createDataset', validateDatasetCreate(entry));
		return this.call<Dataset>('createDataset', { body: toBytes(datasetEntryJson(entry)), headers: { 'Content-Type': 'application/json' } });
	}

	/** `POST /datasets:upload`: creates a dataset from a CSV or JSON file. */
	async uploadDataset(data: Uint8Array | string, options: UploadOptions): Promise<UploadResult> {
		const issues = validateUploadOptions(options, true);
		const bytes = toBytes(data);
		if (bytes.length === 0) issues.push({ field: 'data', problem: 'is empty: there is no file content to upload' });
		this.check('uploadDataset', issues);
		return this.call<UploadResult>('uploadDataset', { query: uploadQuery(options), body: bytes, headers: { 'Content-Type': UPLOAD_CONTENT_TYPE } });
	}

	/** `PATCH /datasets:upload`: adds the documents of a CSV or JSON file to an existing dataset. */
	async appendDataset(datasetId: string, data: Uint8Array | string, options: UploadOptions): Promise<UploadResult> {
		const issues = [...validateUuid('dataset_id', datasetId), ...validateUploadOptions(options, false)];
		const bytes = toBytes(data);
		if (bytes.length === 0) issues.push({ field: 'data', problem: 'is empty: there is no file content to upload' });
		this.check('appendDataset', issues);
		const body = await this.call<Partial<UploadResult> | string | undefined>('appendDataset', { query: uploadQuery(options, datasetId), body: bytes, headers: { 'Content-Type': UPLOAD_CONTENT_TYPE } });
		return { ...(body && typeof body === 'object' ? body : {}), dataset_id: (body && typeof body === 'object' && body.dataset_id) || datasetId };
	}

	// --- labels --------------------------------------------------------------------------------

	/** `GET /labels:download`: every labelled document of a model (JSONL), one object per document. */
	async downloadLabels(modelId: string): Promise<LabeledDocument[]> {
		this.check('downloadLabels', validateUuid('model_id', modelId));
		const text = await this.call<string>('downloadLabels', { query: { model_id: modelId }, responseType: 'text' });
		return parseJsonLines<LabeledDocument>(typeof text === 'string' ? text : JSON.stringify(text), 'downloadLabels');
	}

	// --- models --------------------------------------------------------------------------------

	/** `POST /models/{model_id}/deployment`: deploys the latest version of a model. */
	async deployModel(modelId: string): Promise<DeploymentResult> {
		this.check('deployModel', validateUuid('model_id', modelId));
		return this.call<DeploymentResult>('deployModel', { params: { model_id: modelId } });
	}

	/** `POST /models/{model_id}/predictions`: the model's labels for one text. */
	async predict(modelId: string, text: string): Promise<Prediction> {
		this.check('predict', [...validateUuid('model_id', modelId), ...validateRequired('text', text)]);
		return this.call<Prediction>('predict', { params: { model_id: modelId }, body: { text } });
	}

	/** `POST /models/predictions`: starts a job predicting every document of a dataset. */
	async requestBulkPredictions(datasetId: string, modelId: string): Promise<BulkPredictionRequest> {
		this.check('requestBulkPredictions', [...validateUuid('dataset_id', datasetId), ...validateUuid('model_id', modelId)]);
		return this.call<BulkPredictionRequest>('requestBulkPredictions', { body: { dataset_id: datasetId, model_id: modelId } });
	}

	/** `GET /models/predictions/{id}/status`. */
	async getPredictionStatus(requestPredictionsId: number | string): Promise<PredictionJobStatus> {
		this.check('getPredictionStatus', validateRequestId(requestPredictionsId));
		return this.call<PredictionJobStatus>('getPredictionStatus', { params: { request_predictions_id: Number(requestPredictionsId) } });
	}

	// --- predictions ---------------------------------------------------------------------------

	/**
	 * `GET /predictions/`: every prediction of a model for a dataset, as raw response. The body is
	 * streamed by the platform without Content-Length: pass `responseType: 'stream'` to read it
	 * with flat memory (activities), or `'text'` to hold it (n8n).
	 */
	async downloadPredictionsResponse<T = unknown>(datasetId: string, modelId: string, format: string, responseType: ResponseType): Promise<HttpResponse<T>> {
		this.check('downloadPredictions', [...validateUuid('dataset_id', datasetId), ...validateUuid('model_id', modelId), ...validateFormat(format)]);
		return this.send<T>('downloadPredictions', { query: { dataset_id: datasetId, model_id: modelId, format: normalizeFormat(format) }, responseType });
	}

	/** `GET /predictions/`, parsed: one object per document (JSON) or per CSV row. */
	async downloadPredictions(datasetId: string, modelId: string, format: string = 'JSON'): Promise<{ format: PredictionsFormat; text: string; documents: Array<Record<string, unknown>> }> {
		const response = await this.downloadPredictionsResponse<unknown>(datasetId, modelId, format, 'text');
		const text = typeof response.body === 'string' ? response.body : response.body instanceof Uint8Array ? new TextDecoder().decode(response.body) : JSON.stringify(response.body);
		const upper = normalizeFormat(format);
		const documents = upper === 'CSV' ? parseCsvObjects(text).rows : (parsePredictionsJson(text) as Array<Record<string, unknown>>);
		return { format: upper, text, documents };
	}
}
