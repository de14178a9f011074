import { chunk, fillPath, HttpClient, mapConcurrent, ValidationError, type ClientConfig, type ValidationIssue } from '../core';
import { REINFER_ROUTES, type ReinferOperation } from './routes';
import type {
	Comment,
	Dataset,
	DatasetCreate,
	DatasetUpdate,
	Document,
	NewComment,
	PredictCommentsResult,
	PredictResult,
	Source,
	SourceCreate,
	SourceUpdate,
	SyncResult,
	TriggerFetchResult,
} from './types';
import {
	MAX_PREDICT_BATCH,
	MAX_SYNC_BATCH,
	validateComment,
	validateDocument,
	validateFetchSize,
	validateName,
	validateSourceId,
	validateThreshold,
	validateUid,
	withHexId,
} from './validation';

export const REINFER_DEFAULT_BASE_URL = 'https://reinfer.io';
const PLATFORM = 're:infer';

export type ReinferClientConfig = Omit<ClientConfig, 'baseUrl'> & { baseUrl?: string };

export interface SyncOptions {
	/** Convert non-hex ids to hex and keep the original in `user_properties["string:original_id"]`. */
	hexEncodeIds?: boolean;
	/** Requests in flight at once (default 1). */
	concurrency?: number;
	/** Batch size, at most 1024 (default 1024). */
	batchSize?: number;
	/** Called after each batch is accepted. */
	onBatch?(info: { batchIndex: number; size: number; result: SyncResult }): void;
	/**
	 * The caller already ran `validateComment` on every comment (after any hex-encoding), e.g. the
	 * n8n node, which validates per input item so that errors name the item: skips a second pass
	 * over every comment. Owner and source names are still checked.
	 */
	prevalidated?: boolean;
}

export interface SyncSummary extends SyncResult {
	requests: number;
}

export interface PredictOptions {
	threshold?: number;
	concurrency?: number;
}

interface Envelope {
	status?: string;
	message?: string;
	[key: string]: unknown;
}

/** Typed client for every documented re:infer operation. */
export class ReinferClient {
	readonly http: HttpClient;

	constructor(config: ReinferClientConfig) {
		this.http = new HttpClient(
			{ name: PLATFORM, errorMessage: (body) => (body && typeof body === 'object' ? (body as Envelope).message : typeof body === 'string' ? body.slice(0, 300) : undefined) },
			{ ...config, baseUrl: config.baseUrl || REINFER_DEFAULT_BASE_URL },
		);
	}

	private async call<T extends Envelope>(operation: ReinferOperation, params: Record<string, string | number>, body?: unknown): Promise<T> {
		const route = REINFER_ROUTES[operation];
		return this.http.call<T>({ name: operation, method: route.method, idempotent: route.idempotent }, { path: fillPath(route.path, params), body });
	}

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, PLATFORM, operation);
	}

	// --- sources -------------------------------------------------------------------------------

	async listSources(): Promise<Source[]> {
		return (await this.call<{ sources: Source[] }>('listSources', {})).sources ?? [];
	}

	async listSourcesByOwner(owner: string): Promise<Source[]> {
		this.check('listSourcesByOwner', validateName('owner', owner));
		// The docs' example answers this route with a `datasets` key; accept both.
		const body = await this.call<{ sources?: Source[]; datasets?: Source[] }>('listSourcesByOwner', { owner });
		return body.sources ?? body.datasets ?? [];
	}

	async getSource(owner: string, name: string): Promise<Source> {
		this.check('getSource', [...validateName('owner', owner), ...validateName('name', name)]);
		return (await this.call<{ source: Source }>('getSource', { owner, name })).source;
	}

	async getSourceById(id: string): Promise<Source> {
		this.check('getSourceById', validateSourceId('id', id));
		return (await this.call<{ source: Source }>('getSourceById', { id })).source;
	}

	async createSource(owner: string, name: string, source: SourceCreate = {}): Promise<Source> {
		this.check('createSource', [...validateName('owner', owner), ...validateName('name', name)]);
		return (await this.call<{ source: Source }>('createSource', { owner, name }, { source })).source;
	}

	async updateSource(owner: string, name: string, source: SourceUpdate): Promise<Source> {
		this.check('updateSource', [...validateName('owner', owner), ...validateName('name', name)]);
		return (await this.call<{ source: Source }>('updateSource', { owner, name }, { source })).source;
	}

	async deleteSourceById(id: string): Promise<void> {
		this.check('deleteSourceById', validateSourceId('id', id));
		await this.call('deleteSourceById', { id });
	}

	// --- datasets ------------------------------------------------------------------------------

	async listDatasets(): Promise<Dataset[]> {
		return (await this.call<{ datasets: Dataset[] }>('listDatasets', {})).datasets ?? [];
	}

	async listDatasetsByOwner(owner: string): Promise<Dataset[]> {
		this.check('listDatasetsByOwner', validateName('owner', owner));
		return (await this.call<{ datasets: Dataset[] }>('listDatasetsByOwner', { owner })).datasets ?? [];
	}

	async getDataset(owner: string, name: string): Promise<Dataset> {
		this.check('getDataset', [...validateName('owner', owner), ...validateName('name', name)]);
		return (await this.call<{ dataset: Dataset }>('getDataset', { owner, name })).dataset;
	}

	async createDataset(owner: string, name: string, dataset: DatasetCreate = {}): Promise<Dataset> {
		const issues = [...validateName('owner', owner), ...validateName('name', name)];
		(dataset.source_ids ?? []).forEach((id, i) => issues.push(...validateSourceId(`source_ids[${i}]`, id)));
		this.check('createDataset', issues);
		return (await this.call<{ dataset: Dataset }>('createDataset', { owner, name }, { dataset })).dataset;
	}

	async updateDataset(owner: string, name: string, dataset: DatasetUpdate): Promise<Dataset> {
		const issues = [...validateName('owner', owner), ...validateName('name', name)];
		(dataset.source_ids ?? []).forEach((id, i) => issues.push(...validateSourceId(`source_ids[${i}]`, id)));
		this.check('updateDataset', issues);
		return (await this.call<{ dataset: Dataset }>('updateDataset', { owner, name }, { dataset })).dataset;
	}

	async deleteDataset(owner: string, name: string): Promise<void> {
		this.check('deleteDataset', [...validateName('owner', owner), ...validateName('name', name)]);
		await this.call('deleteDataset', { owner, name });
	}

	// --- comments ------------------------------------------------------------------------------

	async getComment(owner: string, source: string, id: string): Promise<Comment> {
		this.check('getComment', [...validateName('owner', owner), ...validateName('source', source)]);
		return (await this.call<{ comment: Comment }>('getComment', { owner, source, id })).comment;
	}

	/**
	 * Validates every comment first (nothing is sent if any is invalid), then syncs them in batches
	 * of at most 1024. Sync is an upsert by id, so a retried batch cannot duplicate comments.
	 */
	async syncComments(owner: string, source: string, comments: NewComment[], options: SyncOptions = {}): Promise<SyncSummary> {
		const prepared = this.prepareComments(owner, source, comments, options.hexEncodeIds, !options.prevalidated);
		const batches = chunk(prepared, Math.min(options.batchSize ?? MAX_SYNC_BATCH, MAX_SYNC_BATCH));
		const results = await mapConcurrent(batches, options.concurrency ?? 1, async (batch, batchIndex) => {
			const result = await this.syncBatch(owner, source, batch);
			options.onBatch?.({ batchIndex, size: batch.length, result });
			return result;
		});
		return results.reduce<SyncSummary>(
			(sum, r) => ({ new: sum.new + r.new, updated: sum.updated + r.updated, unchanged: sum.unchanged + r.unchanged, requests: sum.requests + 1 }),
			{ new: 0, updated: 0, unchanged: 0, requests: 0 },
		);
	}

	/**
	 * Validates (and optionally hex-encodes) comments; throws one ValidationError naming every bad
	 * item. `validateEach: false` checks only the owner and source names (comments validated already).
	 */
	prepareComments(owner: string, source: string, comments: NewComment[], hexEncodeIds = false, validateEach = true): NewComment[] {
		const issues: ValidationIssue[] = [...validateName('owner', owner), ...validateName('source', source)];
		const prepared = hexEncodeIds ? comments.map(withHexId) : comments;
		if (validateEach) prepared.forEach((comment, index) => issues.push(...validateComment(comment, index)));
		this.check('syncComments', issues);
		return prepared;
	}

	/** Sends one already-validated batch of at most 1024 comments. */
	async syncBatch(owner: string, source: string, comments: NewComment[]): Promise<SyncResult> {
		if (comments.length > MAX_SYNC_BATCH) throw new RangeError(`a sync batch holds at most ${MAX_SYNC_BATCH} comments, got ${comments.length}`);
		const body = await this.call<SyncResult & Envelope>('syncComments', { owner, source }, { comments });
		return { new: body.new ?? 0, updated: body.updated ?? 0, unchanged: body.unchanged ?? 0 };
	}

	// --- predictions ---------------------------------------------------------------------------

	/** Predicts labels for raw documents with a pinned model version; splits into requests of <= 4096. */
	async predict(owner: string, dataset: string, version: string | number, documents: Document[], options: PredictOptions = {}): Promise<PredictResult> {
		const issues = [...validateName('owner', owner), ...validateName('dataset', dataset), ...validateThreshold(options.threshold)];
		documents.forEach((doc, index) => issues.push(...validateDocument(doc, index)));
		this.check('predict', issues);
		const parts = await mapConcurrent(chunk(documents, MAX_PREDICT_BATCH), options.concurrency ?? 1, (batch) =>
			this.call<PredictResult & Envelope>('predict', { owner, dataset, version }, { documents: batch, threshold: options.threshold }),
		);
		const hasEntities = parts.some((p) => p.entities !== undefined);
		return {
			model: parts[0]?.model ?? { version: String(version), time: '' },
			predictions: parts.flatMap((p) => p.predictions ?? []),
			...(hasEntities ? { entities: parts.flatMap((p) => p.entities ?? p.predictions.map(() => [])) } : {}),
		};
	}

	/** Predicts labels for stored comments by uid (`source_id.comment_id`); splits into requests of <= 4096. */
	async predictComments(owner: string, dataset: string, version: string | number, uids: string[], options: PredictOptions = {}): Promise<PredictCommentsResult> {
		const issues = [...validateName('owner', owner), ...validateName('dataset', dataset), ...validateThreshold(options.threshold)];
		uids.forEach((uid, index) => issues.push(...validateUid(uid, index)));
		this.check('predictComments', issues);
		const parts = await mapConcurrent(chunk(uids, MAX_PREDICT_BATCH), options.concurrency ?? 1, (batch) =>
			this.call<PredictCommentsResult & Envelope>('predictComments', { owner, dataset, version }, { uids: batch, threshold: options.threshold }),
		);
		return { model: parts[0]?.model ?? { version: String(version), time: '' }, predictions: parts.flatMap((p) => p.predictions ?? []) };
	}

	// --- triggers ------------------------------------------------------------------------------

	/** Fetches up to `size` (1..1024) comments after the trigger's committed position. Does not move it. */
	async fetchTrigger(owner: string, dataset: string, trigger: string, size: number): Promise<TriggerFetchResult> {
		this.check('fetchTrigger', [...validateName('owner', owner), ...validateName('dataset', dataset), ...validateName('trigger', trigger), ...validateFetchSize(size)]);
		const body = await this.call<TriggerFetchResult & Envelope>('fetchTrigger', { owner, dataset, trigger }, { size });
		return { results: body.results ?? [], sequence_id: String(body.sequence_id) };
	}

	/** Commits the trigger's position, so the next fetch starts after `sequenceId`. */
	async advanceTrigger(owner: string, dataset: string, trigger: string, sequenceId: string): Promise<{ sequence_id: string }> {
		const issues = [...validateName('owner', owner), ...validateName('dataset', dataset), ...validateName('trigger', trigger)];
		if (typeof sequenceId !== 'string' || sequenceId === '') issues.push({ field: 'sequence_id', problem: 'is required (the sequence_id returned by fetch)' });
		this.check('advanceTrigger', issues);
		const body = await this.call<{ sequence_id: string } & Envelope>('advanceTrigger', { owner, dataset, trigger }, { sequence_id: sequenceId });
		return { sequence_id: String(body.sequence_id) };
	}
}
