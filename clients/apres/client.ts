import { ApiError, fillPath, HttpClient, redact, ValidationError, type ApiErrorDetails, type ClientConfig, type HttpResponse, type PlatformAdapter, type ResponseType, type ValidationIssue } from '../core';
import { processedRowsToCsv, toBase64 } from './csv';
import { APRES_ROUTES, type ApresOperation } from './routes';
import type { LoadBatchRequest, LoadBatchResult, ProcessedRow, Recipe, Task, TaskBatch, TaskBatchCreate, TaskBatchOutput } from './types';
import { validateLoadBatch, validateProcessedRow, validateTaskBatchCreate, validateTaskBatchId } from './validation';

export const APRES_DEFAULT_BASE_URL = 'https://api.apres.io/api/v1';
export const APRES_PLATFORM = 'Apres';

export type ApresClientConfig = Omit<ClientConfig, 'baseUrl'> & { baseUrl?: string };

/** Task batch states after which nothing changes any more. */
export const COMPLETED_STATES: readonly string[] = ['completed'];
export const FAILED_STATES: readonly string[] = ['failed', 'cancelled', 'canceled', 'rejected', 'error', 'expired'];

export type TaskBatchPhase = 'completed' | 'failed' | 'pending';

/** Where a batch stands: completed (output is final), failed (never will be), or still pending. */
export function taskBatchPhase(batch: { state?: unknown; status?: unknown }): TaskBatchPhase {
	const state = String(batch.state ?? '').toLowerCase();
	const status = String(batch.status ?? '').toLowerCase();
	if (COMPLETED_STATES.includes(state) || (state === '' && status === 'completed')) return 'completed';
	if (FAILED_STATES.includes(state) || FAILED_STATES.includes(status)) return 'failed';
	return 'pending';
}

/** Apres answered 422 to a Golden Set load: the recipe already has one. */
export class GoldenSetExistsError extends ApiError {
	constructor(details: ApiErrorDetails) {
		super(details);
		this.message =
			`Apres already has a Golden Set for this recipe (HTTP 422${details.platformMessage ? `: ${details.platformMessage}` : ''}). ` +
			'A recipe holds one Golden Set: turn off "Golden Set" to load these rows as additional training data, or remove the existing Golden Set in the Apres dashboard first.';
	}
}

function errorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 300) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['error', 'message', 'errors', 'detail']) {
		const value = record[key];
		if (typeof value === 'string' && value) return value;
		if (Array.isArray(value) && value.length) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
		if (value && typeof value === 'object') return JSON.stringify(value);
	}
	return undefined;
}

const ADAPTER: PlatformAdapter = { name: APRES_PLATFORM, errorMessage };

export interface LoadRowsOptions {
	/** File name sent with the CSV (default `batch.csv`). */
	file?: string;
	goldenSet?: boolean;
}

export interface CreateTaskBatchOptions {
	/** Values to redact from errors besides the client's own (e.g. a token inside webhook_url). */
	secrets?: string[];
}

/** Typed client for every documented Apres operation. One client is one recipe (its API key). */
export class ApresClient {
	readonly http: HttpClient;
	private readonly config: ClientConfig;

	constructor(config: ApresClientConfig) {
		this.config = { ...config, baseUrl: config.baseUrl || APRES_DEFAULT_BASE_URL };
		this.http = new HttpClient(ADAPTER, this.config);
	}

	private async call<T>(operation: ApresOperation, params: Record<string, string>, body?: unknown, http: HttpClient = this.http): Promise<T> {
		const route = APRES_ROUTES[operation];
		return http.call<T>({ name: operation, method: route.method, idempotent: route.idempotent }, { path: fillPath(route.path, params), body });
	}

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, APRES_PLATFORM, operation);
	}

	/** The recipe the API key belongs to, with its processing templates. */
	async getRecipe(): Promise<Recipe> {
		return this.call<Recipe>('getRecipe', {});
	}

	/**
	 * Loads a processed batch (a base64-encoded CSV of Input, Type, Output rows), as training data
	 * or, with `golden_set`, as the recipe's Golden Set. A second Golden Set is refused (422):
	 * that failure is a GoldenSetExistsError with an explanation.
	 */
	async loadBatch(request: LoadBatchRequest): Promise<LoadBatchResult> {
		this.check('loadBatch', validateLoadBatch(request));
		const body = { file: request.file, data: request.data.replace(/[\r\n]/g, ''), ...(request.golden_set === undefined ? {} : { golden_set: request.golden_set }) };
		const route = APRES_ROUTES.loadBatch;
		const response = await this.http.send<LoadBatchResult>(
			{ name: 'loadBatch', method: route.method, idempotent: route.idempotent },
			{ path: route.path, body, acceptStatuses: request.golden_set === true ? [422] : undefined },
		);
		if (response.status === 422) {
			const secrets = [...(this.config.secrets ?? []), ...(this.config.auth?.secrets() ?? [])];
			const errorBody = redact(response.body as unknown, secrets);
			throw new GoldenSetExistsError({ platform: APRES_PLATFORM, operation: 'loadBatch', status: 422, body: errorBody, platformMessage: errorMessage(errorBody) });
		}
		return response.body;
	}

	/** Builds the CSV from processed rows (each validated first, naming the item), then loads it. */
	async loadProcessedRows(rows: readonly ProcessedRow[], options: LoadRowsOptions = {}): Promise<LoadBatchResult & { rows: number; file: string }> {
		const issues: ValidationIssue[] = [];
		if (rows.length === 0) issues.push({ field: 'rows', problem: 'must hold at least one processed row' });
		rows.forEach((row, index) => issues.push(...validateProcessedRow(row, index)));
		this.check('loadBatch', issues);
		const file = options.file || 'batch.csv';
		const result = await this.loadBatch({ file, data: toBase64(processedRowsToCsv(rows)), golden_set: options.goldenSet });
		return { ...result, rows: rows.length, file };
	}

	/**
	 * Creates a task batch from base64 files, an S3 location or an Azure blob location. Apres
	 * answers 201 with `size` 0 and an `estimated_size`: tasks are generated asynchronously and each
	 * state change is POSTed to `webhook_url` when one is given. A SAS token is redacted from errors.
	 */
	async createTaskBatch(payload: TaskBatchCreate, options: CreateTaskBatchOptions = {}): Promise<TaskBatch> {
		this.check('createTaskBatch', validateTaskBatchCreate(payload));
		const secrets = [...(options.secrets ?? []), ...(payload.location?.type === 'azure-blob' ? [payload.location.sas_token] : [])];
		const http = secrets.length ? new HttpClient(ADAPTER, { ...this.config, secrets: [...(this.config.secrets ?? []), ...secrets] }) : this.http;
		return this.call<TaskBatch>('createTaskBatch', {}, payload, http);
	}

	async listTaskBatches(): Promise<TaskBatch[]> {
		const body = await this.call<TaskBatch[] | { task_batches?: TaskBatch[] }>('listTaskBatches', {});
		return Array.isArray(body) ? body : (body?.task_batches ?? []);
	}

	async getTaskBatch(id: string): Promise<TaskBatch> {
		this.check('getTaskBatch', validateTaskBatchId(id));
		return this.call<TaskBatch>('getTaskBatch', { id });
	}

	/** The batch's results: one json row per task, the URL of the CSV, and statistics. */
	async getTaskBatchOutput(id: string): Promise<TaskBatchOutput> {
		this.check('getTaskBatchOutput', validateTaskBatchId(id));
		const body = await this.call<TaskBatchOutput>('getTaskBatchOutput', { id });
		return { ...body, json: body?.json ?? [], statistics: body?.statistics ?? [] };
	}

	async listTasks(id: string): Promise<Task[]> {
		this.check('listTasks', validateTaskBatchId(id));
		const body = await this.call<Task[] | { tasks?: Task[] }>('listTasks', { id });
		return Array.isArray(body) ? body : (body?.tasks ?? []);
	}

	/**
	 * The tasks of a batch as the raw response (a JSON array): with `responseType: 'stream'` a
	 * batch of many thousand tasks can be written to disk and read back one task at a time.
	 */
	async listTasksResponse<T = unknown>(id: string, responseType: ResponseType): Promise<HttpResponse<T>> {
		return this.raw('listTasks', id, responseType);
	}

	/** The batch's output as the raw response (`{json, csv, statistics}`), e.g. streamed to disk. */
	async getTaskBatchOutputResponse<T = unknown>(id: string, responseType: ResponseType): Promise<HttpResponse<T>> {
		return this.raw('getTaskBatchOutput', id, responseType);
	}

	private async raw<T>(operation: 'listTasks' | 'getTaskBatchOutput', id: string, responseType: ResponseType): Promise<HttpResponse<T>> {
		this.check(operation, validateTaskBatchId(id));
		const route = APRES_ROUTES[operation];
		return this.http.send<T>({ name: operation, method: route.method, idempotent: route.idempotent }, { path: fillPath(route.path, { id }), responseType });
	}
}

/** Statistics as one object, `{ "Successful Tasks": 2, ... }`. */
export function statisticsByName(statistics: ReadonlyArray<{ name: string; value: unknown }>): Record<string, unknown> {
	return Object.fromEntries(statistics.map((s) => [s.name, s.value]));
}
