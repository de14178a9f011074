import {
	chunk,
	encodeMultipart,
	encodeMultipartSource,
	fillPath,
	hasStreamedPart,
	HttpClient,
	isByteSource,
	paginateOffset,
	readByteSourceHead,
	take,
	ValidationError,
	type AuthProvider,
	type ClientConfig,
	type MultipartPart,
	type QueryValue,
	type ValidationIssue,
} from '../core';
import { DEEPOPINION_ROUTES, type DeepOpinionOperation } from './routes';
import {
	DOCUMENT_DETAILS,
	LANGUAGES,
	MODEL_STATUSES,
	NOTIFICATION_TYPES,
	PROJECT_TYPES,
	ROLES,
	SESSION_STATUSES,
	type AcceptInvitation,
	type AdHocRequest,
	type AdHocResult,
	type Analysis,
	type AnalysisCreate,
	type AuthResult,
	type ClassDef,
	type CorrectionCreate,
	type Document,
	type DocumentDetail,
	type DocumentInput,
	type DocumentQuery,
	type ExternalSource,
	type ExtractionResult,
	type FilePreview,
	type Group,
	type GroupCreate,
	type GroupUpdate,
	type Hitl,
	type HitlFields,
	type HitlReview,
	type Invitation,
	type InviteResult,
	type Json,
	type Label,
	type LabelingSessionCreate,
	type LabelingSessionUpdate,
	type ListQuery,
	type Model,
	type ModelQuery,
	type ModelUpdate,
	type ModelUpload,
	type Notification,
	type Page,
	type ProductKey,
	type Project,
	type ProjectDocumentQuery,
	type ProjectType,
	type Role,
	type Session,
	type StatusMark,
	type TrainRequest,
	type UploadFile,
	type User,
	type UserFields,
	type Workspace,
} from './types';
import {
	checkDocuments,
	checkEmail,
	checkId,
	checkIds,
	checkOneOf,
	checkOptionalId,
	checkOptionalOneOf,
	checkOptionalText,
	checkPaging,
	checkPassword,
	checkText,
	checkUploadFile,
	checkUrl,
	DEFAULT_PAGE_SIZE,
	MAX_ADHOC_BATCH,
	MAX_HITL_DESCRIPTION,
	MAX_HITL_NAME,
	MAX_PAGE_SIZE,
	UPLOAD_SNIFF_BYTES,
	type UploadKind,
} from './validation';

export const DEEPOPINION_DEFAULT_BASE_URL = 'https://api.deepopinion.ai';
export const PLATFORM = 'DeepOpinion';

export type DeepOpinionClientConfig = Omit<ClientConfig, 'baseUrl'> & { baseUrl?: string };

type Params = Record<string, string | number>;

interface Envelope {
	message?: unknown;
	errors?: unknown;
	error?: unknown;
	detail?: unknown;
	[key: string]: unknown;
}

/** The platform's error text: `{status: "fail", message}`, flask-restx `{message, errors}`, or plain text. */
export function deepOpinionErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 300) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const e = body as Envelope;
	const base = [e.message, e.error, e.detail].find((v) => typeof v === 'string') as string | undefined;
	if (e.errors && typeof e.errors === 'object') {
		const fields = Object.entries(e.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
		if (fields.length) return `${base ? `${base} (` : ''}${fields.join('; ')}${base ? ')' : ''}`;
	}
	return base;
}

function parseBody(body: unknown): unknown {
	if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed === '') return undefined;
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			return body;
		}
	}
	return body;
}

/** Normalises a list answer: an envelope `{<key>: [...], has_more, ...}`, a bare array, or one object. */
export function toPage<T>(body: unknown, key: string, offset: number, limit: number | undefined): Page<T> {
	const value = parseBody(body);
	if (Array.isArray(value)) {
		// A bare array has no has_more: a full page means there may be more.
		return { items: value as T[], hasMore: limit !== undefined && value.length >= limit, offset, limit };
	}
	if (value && typeof value === 'object') {
		const envelope = value as Record<string, unknown>;
		const raw = envelope[key];
		const items = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as T[];
		const hasMore = typeof envelope.has_more === 'boolean' ? envelope.has_more : limit !== undefined && items.length >= limit;
		return {
			items,
			hasMore,
			offset: typeof envelope.offset === 'number' ? envelope.offset : offset,
			limit: typeof envelope.limit === 'number' ? envelope.limit : limit,
			count: typeof envelope.count === 'number' ? envelope.count : undefined,
		};
	}
	return { items: [], hasMore: false, offset, limit };
}

/**
 * Files in memory make a bytes body (as n8n sends it); a file streamed from a ByteSource makes a
 * streamed body of known length, which the transport opens again for a retry.
 */
async function encodeUpload(parts: readonly MultipartPart[]): Promise<{ body: unknown; contentType: string }> {
	return hasStreamedPart(parts) ? encodeMultipartSource(parts) : encodeMultipart(parts);
}

function joinList(values: readonly (string | number)[] | undefined): string | undefined {
	return values && values.length ? values.join(',') : undefined;
}

function definedOnly<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Limits for `iterate*`/`getAll*` helpers: stop after `limit` items (all when undefined). */
export interface CollectOptions {
	/** Items per request, 1..1000 (default 100). */
	pageSize?: number;
	/** Most items to return (all when undefined). */
	limit?: number;
}

/** Typed client for every documented DeepOpinion Studio operation (see routes.ts). */
export class DeepOpinionClient {
	readonly http: HttpClient;

	constructor(config: DeepOpinionClientConfig) {
		this.http = new HttpClient({ name: PLATFORM, errorMessage: deepOpinionErrorMessage }, { ...config, baseUrl: config.baseUrl || DEEPOPINION_DEFAULT_BASE_URL });
	}

	get baseUrl(): string {
		return this.http.baseUrl;
	}

	// --- plumbing ------------------------------------------------------------------------------

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, PLATFORM, operation);
	}

	private async call<T>(operation: DeepOpinionOperation, params: Params, options: { query?: Record<string, QueryValue>; body?: unknown } = {}): Promise<T> {
		const route = DEEPOPINION_ROUTES[operation];
		const body = await this.http.call<unknown>({ name: operation, method: route.method, idempotent: route.idempotent }, { path: fillPath(route.path, params), query: options.query, body: options.body });
		return parseBody(body) as T;
	}

	private async upload<T>(operation: DeepOpinionOperation, params: Params, parts: MultipartPart[]): Promise<T> {
		const route = DEEPOPINION_ROUTES[operation];
		const { body, contentType } = await encodeUpload(parts);
		const response = await this.http.call<unknown>(
			{ name: operation, method: route.method, idempotent: route.idempotent },
			{ path: fillPath(route.path, params), body, headers: { 'Content-Type': contentType } },
		);
		return parseBody(response) as T;
	}

	/** The file as a multipart part, after the upload checks (a streamed file has its first bytes read for them). */
	private async filePart(operation: string, kind: UploadKind, file: UploadFile): Promise<MultipartPart> {
		const head = isByteSource(file?.data) ? await readByteSourceHead(file.data, UPLOAD_SNIFF_BYTES) : undefined;
		const { issues, contentType } = checkUploadFile(kind, file, 'file', undefined, head);
		this.check(operation, issues);
		return { name: 'file', data: file.data, filename: file.fileName.trim(), contentType };
	}

	private async page<T>(operation: DeepOpinionOperation, params: Params, key: string, query: Record<string, QueryValue> & ListQuery, maxLimit = MAX_PAGE_SIZE): Promise<Page<T>> {
		this.check(operation, checkPaging(query.offset, query.limit, maxLimit));
		const body = await this.call<unknown>(operation, params, { query });
		return toPage<T>(body, key, query.offset ?? 0, query.limit);
	}

	/** Walks an offset/limit list to the end (or `limit` items), `pageSize` per request. */
	async collect<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, options: CollectOptions = {}): Promise<T[]> {
		const pageSize = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
		const size = options.limit !== undefined ? Math.min(pageSize, Math.max(options.limit, 1)) : pageSize;
		return take(paginateOffset(fetchPage, size), options.limit);
	}

	private details(details: DocumentDetail[] | undefined, operation: string): string | undefined {
		if (!details) return undefined;
		this.check(operation, details.flatMap((d, i) => checkOneOf(`details[${i}]`, d, DOCUMENT_DETAILS)));
		return joinList(details);
	}

	// --- analyses ------------------------------------------------------------------------------

	/** Uploads a CSV, TXT, JSON, JSONL or XLSX file for a batch analysis: answers the file id and a preview. */
	async uploadAnalysisFile(file: UploadFile): Promise<FilePreview> {
		return this.upload('uploadAnalysisFile', {}, [await this.filePart('uploadAnalysisFile', 'data', file)]);
	}

	async listAnalyses(query: ListQuery & { model?: number } = {}): Promise<Page<Analysis>> {
		this.check('listAnalyses', checkOptionalId('model', query.model));
		return this.page('listAnalyses', {}, 'analyses', { model: query.model, offset: query.offset, limit: query.limit });
	}

	async getAllAnalyses(query: { model?: number } = {}, options?: CollectOptions): Promise<Analysis[]> {
		return this.collect((offset, limit) => this.listAnalyses({ ...query, offset, limit }), options);
	}

	/** Creates a batch analysis from documents, or from an uploaded file (`file_id` + `column` or `column_name`). */
	async createAnalysis(request: AnalysisCreate): Promise<Analysis> {
		const issues: ValidationIssue[] = [];
		if (request.file_id !== undefined) {
			issues.push(...checkText('file_id', request.file_id));
			if (request.column === undefined && request.column_name === undefined) issues.push({ field: 'column', problem: 'or column_name is required with file_id: the column holding the documents' });
			if (request.column !== undefined && !(Number.isInteger(request.column) && request.column >= 0)) issues.push({ field: 'column', problem: `must be a 0-based column index, got ${JSON.stringify(request.column)}` });
			if (request.documents !== undefined) issues.push({ field: 'documents', problem: 'cannot be combined with file_id' });
		} else {
			issues.push(...checkDocuments(request.documents));
		}
		issues.push(...checkOptionalId('model_id', request.model_id), ...checkOptionalText('name', request.name));
		this.check('createAnalysis', issues);
		return this.call('createAnalysis', {}, { body: definedOnly(request) });
	}

	/**
	 * Ad-hoc analysis: answers segments and tags right away. Inputs larger than 100 documents are
	 * sent in several requests and the answers joined, in order.
	 */
	async analyze(request: AdHocRequest, itemIndexes?: readonly number[]): Promise<AdHocResult> {
		this.check('analyze', [...checkId('model_id', request.model_id), ...checkDocuments(request.documents, 'documents', itemIndexes)]);
		const parts: AdHocResult[] = [];
		for (const documents of chunk(request.documents, MAX_ADHOC_BATCH)) {
			parts.push(await this.call<AdHocResult>('analyze', {}, { body: definedOnly({ documents, model_id: request.model_id, split: request.split }) }));
		}
		return { ...parts[0], documents: parts.flatMap((p) => p.documents ?? []) };
	}

	async listAnalysisDocuments(analysisId: number, query: DocumentQuery = {}): Promise<Page<Document>> {
		this.check('listAnalysisDocuments', [...checkId('analysis_id', analysisId), ...checkIds('classes', query.classes), ...checkIds('labels', query.labels)]);
		return this.page('listAnalysisDocuments', { analysis_id: analysisId }, 'documents', {
			details: this.details(query.details, 'listAnalysisDocuments'),
			search: query.search,
			classes: joinList(query.classes),
			labels: joinList(query.labels),
			offset: query.offset,
			limit: query.limit,
		});
	}

	async getAllAnalysisDocuments(analysisId: number, query: Omit<DocumentQuery, 'offset' | 'limit'> = {}, options?: CollectOptions): Promise<Document[]> {
		return this.collect((offset, limit) => this.listAnalysisDocuments(analysisId, { ...query, offset, limit }), options);
	}

	async getAnalysis(analysisId: number): Promise<Analysis> {
		this.check('getAnalysis', checkId('analysis_id', analysisId));
		return this.call('getAnalysis', { analysis_id: analysisId });
	}

	async updateAnalysis(analysisId: number, update: { name: string }): Promise<Analysis> {
		this.check('updateAnalysis', [...checkId('analysis_id', analysisId), ...checkText('name', update.name)]);
		return this.call('updateAnalysis', { analysis_id: analysisId }, { body: { name: update.name } });
	}

	// --- classes -------------------------------------------------------------------------------

	async uploadClassesFile(projectId: number, file: UploadFile): Promise<ClassDef[]> {
		this.check('uploadClassesFile', checkId('project_id', projectId));
		return this.upload('uploadClassesFile', { project_id: projectId }, [await this.filePart('uploadClassesFile', 'data', file)]);
	}

	async createClasses(projectId: number, classes: ClassDef[], itemIndexes?: readonly number[]): Promise<ClassDef[]> {
		const issues = checkId('project_id', projectId);
		if (!Array.isArray(classes) || classes.length === 0) issues.push({ field: 'classes', problem: 'must contain at least one class' });
		else classes.forEach((c, i) => issues.push(...checkText(itemIndexes ? 'name' : `classes[${i}].name`, c?.name, itemIndexes?.[i])));
		this.check('createClasses', issues);
		return this.call('createClasses', { project_id: projectId }, { body: classes.map((c) => definedOnly(c)) });
	}

	async getClass(projectId: number, classId: number): Promise<ClassDef> {
		this.check('getClass', [...checkId('project_id', projectId), ...checkId('class_id', classId)]);
		return this.call('getClass', { project_id: projectId, class_id: classId });
	}

	async updateClass(projectId: number, classId: number, update: Partial<ClassDef>): Promise<ClassDef> {
		this.check('updateClass', [...checkId('project_id', projectId), ...checkId('class_id', classId), ...checkOptionalText('name', update.name)]);
		return this.call('updateClass', { project_id: projectId, class_id: classId }, { body: definedOnly(update) });
	}

	async listClasses(projectId: number): Promise<ClassDef[]> {
		this.check('listClasses', checkId('project_id', projectId));
		return this.call('listClasses', { project_id: projectId });
	}

	async createClass(projectId: number, definition: ClassDef): Promise<ClassDef> {
		this.check('createClass', [...checkId('project_id', projectId), ...checkText('name', definition.name)]);
		return this.call('createClass', { project_id: projectId }, { body: definedOnly(definition) });
	}

	// --- correction sessions -------------------------------------------------------------------

	async markSegmentCorrected(projectId: number, correctionId: number, documentId: number, segmentId: number): Promise<{ segment: StatusMark; predicted_score?: number; progress?: number }> {
		this.check('markSegmentCorrected', [...checkId('project_id', projectId), ...checkId('correction_id', correctionId), ...checkId('document_id', documentId), ...checkId('segment_id', segmentId)]);
		return this.call('markSegmentCorrected', { project_id: projectId, correction_id: correctionId, document_id: documentId, segment_id: segmentId }, { body: { name: 'ANNOTATED' } });
	}

	/** A correction session with one page of its documents (`documents`). */
	async listCorrectionDocuments(projectId: number, correctionId: number, query: ListQuery & { details?: DocumentDetail[] } = {}): Promise<Session> {
		this.check('listCorrectionDocuments', [...checkId('project_id', projectId), ...checkId('correction_id', correctionId), ...checkPaging(query.offset, query.limit)]);
		return this.call('listCorrectionDocuments', { project_id: projectId, correction_id: correctionId }, { query: { details: this.details(query.details, 'listCorrectionDocuments'), offset: query.offset, limit: query.limit } });
	}

	async getAllCorrectionDocuments(projectId: number, correctionId: number, details?: DocumentDetail[], options?: CollectOptions): Promise<Document[]> {
		return this.collect(async (offset, limit) => toPage<Document>(await this.listCorrectionDocuments(projectId, correctionId, { details, offset, limit }), 'documents', offset, limit), options);
	}

	async getCorrection(projectId: number, correctionId: number): Promise<Session> {
		this.check('getCorrection', [...checkId('project_id', projectId), ...checkId('correction_id', correctionId)]);
		return this.call('getCorrection', { project_id: projectId, correction_id: correctionId });
	}

	async listCorrections(projectId: number, query: { status?: string } = {}): Promise<Session[]> {
		this.check('listCorrections', [...checkId('project_id', projectId), ...checkOptionalOneOf('status', query.status, SESSION_STATUSES)]);
		return this.call('listCorrections', { project_id: projectId }, { query: { status: query.status } });
	}

	async createCorrection(projectId: number, request: CorrectionCreate): Promise<Session> {
		const issues = [...checkId('project_id', projectId), ...checkId('model_id', request.model_id), ...checkOptionalText('name', request.name)];
		if (request.sample_size !== undefined) issues.push(...checkId('sample_size', request.sample_size));
		this.check('createCorrection', issues);
		return this.call('createCorrection', { project_id: projectId }, { body: definedOnly(request) });
	}

	// --- document extraction -------------------------------------------------------------------

	/** Extracts fields from a PDF, JPEG, PNG, TIFF or WebP document with a trained model. */
	async extract(organizationId: number, projectId: number, modelId: number, file: UploadFile, options: { returnBboxes?: boolean; returnAnnotatedPages?: boolean } = {}): Promise<ExtractionResult> {
		this.check('extract', [...checkId('organization_id', organizationId), ...checkId('project_id', projectId), ...checkId('model_id', modelId)]);
		const part = await this.filePart('extract', 'extraction', file);
		const route = DEEPOPINION_ROUTES.extract;
		const { body, contentType } = await encodeUpload([part]);
		const response = await this.http.call<unknown>(
			{ name: 'extract', method: route.method, idempotent: route.idempotent },
			{
				path: fillPath(route.path, { organization_id: organizationId, project_id: projectId, model_id: modelId }),
				query: { return_bboxes: options.returnBboxes === undefined ? undefined : String(options.returnBboxes), return_annotated_pages: options.returnAnnotatedPages === undefined ? undefined : String(options.returnAnnotatedPages) },
				body,
				headers: { 'Content-Type': contentType },
			},
		);
		return parseBody(response) as ExtractionResult;
	}

	// --- project documents ---------------------------------------------------------------------

	/** Uploads documents asynchronously (202): they are segmented and analysed in the background. */
	async uploadDocuments(projectId: number, documents: DocumentInput[], itemIndexes?: readonly number[]): Promise<Json> {
		this.check('uploadDocuments', [...checkId('project_id', projectId), ...checkDocuments(documents, 'documents', itemIndexes)]);
		const answer = await this.call<Json | undefined>('uploadDocuments', { project_id: projectId }, { body: documents.map((d) => definedOnly(d)) });
		return answer && typeof answer === 'object' ? answer : { accepted: true, document_count: documents.length };
	}

	async getDocument(projectId: number, documentId: number, query: { segments?: boolean } = {}): Promise<Document> {
		this.check('getDocument', [...checkId('project_id', projectId), ...checkId('document_id', documentId)]);
		return this.call('getDocument', { project_id: projectId, document_id: documentId }, { query: { details: query.segments ? 'segments' : undefined } });
	}

	async updateDocument(projectId: number, documentId: number, update: { text: string }): Promise<Document> {
		this.check('updateDocument', [...checkId('project_id', projectId), ...checkId('document_id', documentId), ...checkText('text', update.text)]);
		return this.call('updateDocument', { project_id: projectId, document_id: documentId }, { body: { text: update.text } });
	}

	async listDocuments(projectId: number, query: ProjectDocumentQuery = {}): Promise<Page<Document>> {
		this.check('listDocuments', [
			...checkId('project_id', projectId),
			...checkOptionalId('annotation_id', query.annotation_id),
			...checkOptionalId('analysis_id', query.analysis_id),
			...checkOptionalId('group_id', query.group_id),
		]);
		return this.page('listDocuments', { project_id: projectId }, 'documents', {
			details: this.details(query.details, 'listDocuments'),
			search: query.search,
			annotation_id: query.annotation_id,
			analysis_id: query.analysis_id,
			group_id: query.group_id,
			grouped: query.grouped,
			analysed: query.analysed,
			offset: query.offset,
			limit: query.limit,
		});
	}

	async getAllDocuments(projectId: number, query: Omit<ProjectDocumentQuery, 'offset' | 'limit'> = {}, options?: CollectOptions): Promise<Document[]> {
		return this.collect((offset, limit) => this.listDocuments(projectId, { ...query, offset, limit }), options);
	}

	async createDocument(projectId: number, document: { text: string; segments?: Json }): Promise<Document> {
		this.check('createDocument', [...checkId('project_id', projectId), ...checkText('text', document.text)]);
		return this.call('createDocument', { project_id: projectId }, { body: definedOnly(document) });
	}

	// --- document groups -----------------------------------------------------------------------

	/** Pulls unlabeled data from an external source connected to Studio: answers a file id and preview. */
	async pullGroupFromSource(projectId: number, source: ExternalSource): Promise<FilePreview> {
		this.check('pullGroupFromSource', [...checkId('project_id', projectId), ...this.checkSource(source)]);
		return this.upload('pullGroupFromSource', { project_id: projectId }, this.sourceParts(source));
	}

	async uploadGroupFile(projectId: number, file: UploadFile, options: { toList?: boolean } = {}): Promise<FilePreview> {
		this.check('uploadGroupFile', checkId('project_id', projectId));
		const parts: MultipartPart[] = [await this.filePart('uploadGroupFile', 'data', file)];
		if (options.toList !== undefined) parts.push({ name: 'to_list', value: String(options.toList) });
		return this.upload('uploadGroupFile', { project_id: projectId }, parts);
	}

	async getGroupDocument(projectId: number, groupId: number, documentId: number, query: { details?: DocumentDetail[] } = {}): Promise<Document> {
		this.check('getGroupDocument', [...checkId('project_id', projectId), ...checkId('group_id', groupId), ...checkId('document_id', documentId)]);
		return this.call('getGroupDocument', { project_id: projectId, group_id: groupId, document_id: documentId }, { query: { details: this.details(query.details, 'getGroupDocument') } });
	}

	async listGroupDocuments(projectId: number, groupId: number, query: ListQuery & { search?: string; details?: DocumentDetail[] } = {}): Promise<Page<Document>> {
		this.check('listGroupDocuments', [...checkId('project_id', projectId), ...checkId('group_id', groupId)]);
		return this.page('listGroupDocuments', { project_id: projectId, group_id: groupId }, 'documents', {
			search: query.search,
			details: this.details(query.details, 'listGroupDocuments'),
			offset: query.offset,
			limit: query.limit,
		});
	}

	async getAllGroupDocuments(projectId: number, groupId: number, query: { search?: string; details?: DocumentDetail[] } = {}, options?: CollectOptions): Promise<Document[]> {
		return this.collect((offset, limit) => this.listGroupDocuments(projectId, groupId, { ...query, offset, limit }), options);
	}

	async getGroup(projectId: number, groupId: number): Promise<Group> {
		this.check('getGroup', [...checkId('project_id', projectId), ...checkId('group_id', groupId)]);
		return this.call('getGroup', { project_id: projectId, group_id: groupId });
	}

	async updateGroup(projectId: number, groupId: number, update: GroupUpdate): Promise<Group> {
		this.check('updateGroup', [...checkId('project_id', projectId), ...checkId('group_id', groupId), ...checkOptionalText('name', update.name), ...checkIds('document_ids', update.document_ids)]);
		return this.call('updateGroup', { project_id: projectId, group_id: groupId }, { body: definedOnly(update) });
	}

	async listGroups(projectId: number): Promise<Group[]> {
		this.check('listGroups', checkId('project_id', projectId));
		return this.call('listGroups', { project_id: projectId });
	}

	/** Creates a group from documents, an uploaded file (`file_id` + column), or an external source. */
	async createGroup(projectId: number, request: GroupCreate, itemIndexes?: readonly number[]): Promise<Group> {
		const issues = [...checkId('project_id', projectId), ...checkOptionalText('name', request.name)];
		if (request.file_id !== undefined) {
			issues.push(...checkText('file_id', request.file_id));
			if (request.column === undefined && request.column_name === undefined) issues.push({ field: 'column_name', problem: 'or column is required with file_id: the column holding the documents' });
		} else if (request.source !== undefined || request.credential_id !== undefined) {
			issues.push(...this.checkSource({ credential_id: request.credential_id as number, source: request.source as string, parameters: request.parameters }));
		} else {
			issues.push(...checkDocuments(request.documents, 'documents', itemIndexes));
		}
		this.check('createGroup', issues);
		return this.call('createGroup', { project_id: projectId }, { body: definedOnly(request) });
	}

	private checkSource(source: ExternalSource): ValidationIssue[] {
		const issues = [...checkId('credential_id', source.credential_id), ...checkText('source', source.source)];
		if (source.parameters !== undefined && (source.parameters === null || typeof source.parameters !== 'object' || Array.isArray(source.parameters))) {
			issues.push({ field: 'parameters', problem: 'must be a JSON object, e.g. {"limit": 5}' });
		}
		return issues;
	}

	private sourceParts(source: ExternalSource): MultipartPart[] {
		const parts: MultipartPart[] = [
			{ name: 'credential_id', value: source.credential_id },
			{ name: 'source', value: source.source },
		];
		if (source.parameters !== undefined) parts.push({ name: 'parameters', value: JSON.stringify(source.parameters) });
		return parts;
	}

	// --- HITL ----------------------------------------------------------------------------------

	async listHitlReviews(projectId: number, hitlId: number, query: { withFullData?: boolean } = {}): Promise<HitlReview[]> {
		this.check('listHitlReviews', [...checkId('project_id', projectId), ...checkId('hitl_id', hitlId)]);
		const body = await this.call<unknown>('listHitlReviews', { project_id: projectId, hitl_id: hitlId }, { query: { with_full_data: query.withFullData === undefined ? undefined : String(query.withFullData) } });
		return toPage<HitlReview>(body, 'reviews', 0, undefined).items;
	}

	async listHitls(projectId: number): Promise<Hitl[]> {
		this.check('listHitls', checkId('project_id', projectId));
		return toPage<Hitl>(await this.call<unknown>('listHitls', { project_id: projectId }), 'hitls', 0, undefined).items;
	}

	private checkHitlFields(fields: HitlFields): ValidationIssue[] {
		return [
			...checkOptionalText('name', fields.name, undefined, MAX_HITL_NAME),
			...(fields.description === undefined || fields.description.length <= MAX_HITL_DESCRIPTION ? [] : [{ field: 'description', problem: `must be at most ${MAX_HITL_DESCRIPTION} characters` }]),
			...checkOptionalId('assigned_user_id', fields.assigned_user_id),
			...checkOptionalId('model_id', fields.model_id),
			...checkUrl('webhook_url', fields.webhook_url),
		];
	}

	async createHitl(projectId: number, fields: HitlFields): Promise<Hitl> {
		this.check('createHitl', [...checkId('project_id', projectId), ...checkText('name', fields.name, undefined, MAX_HITL_NAME), ...this.checkHitlFields(fields)]);
		return this.call('createHitl', { project_id: projectId }, { body: definedOnly(fields) });
	}

	async getHitl(projectId: number, hitlId: number): Promise<Hitl> {
		this.check('getHitl', [...checkId('project_id', projectId), ...checkId('hitl_id', hitlId)]);
		return this.call('getHitl', { project_id: projectId, hitl_id: hitlId });
	}

	async updateHitl(projectId: number, hitlId: number, fields: HitlFields): Promise<Hitl> {
		this.check('updateHitl', [...checkId('project_id', projectId), ...checkId('hitl_id', hitlId), ...this.checkHitlFields(fields)]);
		return this.call('updateHitl', { project_id: projectId, hitl_id: hitlId }, { body: definedOnly(fields) });
	}

	async assignHitl(projectId: number, hitlId: number, fields: HitlFields): Promise<Hitl> {
		this.check('assignHitl', [...checkId('project_id', projectId), ...checkId('hitl_id', hitlId), ...checkId('assigned_user_id', fields.assigned_user_id), ...this.checkHitlFields(fields)]);
		return this.call('assignHitl', { project_id: projectId, hitl_id: hitlId }, { body: definedOnly(fields) });
	}

	// --- labeling sessions ---------------------------------------------------------------------

	async markSegmentAnnotated(projectId: number, annotationId: number, documentId: number, segmentId: number): Promise<StatusMark> {
		this.check('markSegmentAnnotated', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkId('document_id', documentId), ...checkId('segment_id', segmentId)]);
		return this.call('markSegmentAnnotated', { project_id: projectId, annotation_id: annotationId, document_id: documentId, segment_id: segmentId }, { body: { name: 'ANNOTATED' } });
	}

	async markPageAnnotated(projectId: number, annotationId: number, documentId: number, page: number): Promise<StatusMark> {
		const issues = [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkId('document_id', documentId)];
		if (!(Number.isInteger(page) && page >= 0)) issues.push({ field: 'page', problem: `must be a page number starting at 0, got ${JSON.stringify(page)}` });
		this.check('markPageAnnotated', issues);
		return this.call('markPageAnnotated', { project_id: projectId, annotation_id: annotationId, document_id: documentId, page }, { body: { name: 'ANNOTATED' } });
	}

	async markDocumentAnnotated(projectId: number, annotationId: number, documentId: number): Promise<StatusMark> {
		this.check('markDocumentAnnotated', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkId('document_id', documentId)]);
		return this.call('markDocumentAnnotated', { project_id: projectId, annotation_id: annotationId, document_id: documentId }, { body: { name: 'ANNOTATED' } });
	}

	/** Pulls training data from an external source into a new labeling session. */
	async pullLabelingSessionFromSource(projectId: number, source: ExternalSource): Promise<Session> {
		this.check('pullLabelingSessionFromSource', [...checkId('project_id', projectId), ...this.checkSource(source)]);
		return this.upload('pullLabelingSessionFromSource', { project_id: projectId }, this.sourceParts(source));
	}

	/** With `showPreview` the answer is a file id + preview (then create the session with file_id); else the new session. */
	async uploadLabelingSessionFile(projectId: number, file: UploadFile, options: { showPreview?: boolean } = {}): Promise<Session | FilePreview> {
		this.check('uploadLabelingSessionFile', checkId('project_id', projectId));
		const parts: MultipartPart[] = [await this.filePart('uploadLabelingSessionFile', 'data', file)];
		if (options.showPreview !== undefined) parts.push({ name: 'show_preview', value: String(options.showPreview) });
		return this.upload('uploadLabelingSessionFile', { project_id: projectId }, parts);
	}

	async getLabelingSessionDocument(projectId: number, annotationId: number, documentId: number, query: { details?: DocumentDetail[] } = {}): Promise<Document> {
		this.check('getLabelingSessionDocument', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkId('document_id', documentId)]);
		return this.call('getLabelingSessionDocument', { project_id: projectId, annotation_id: annotationId, document_id: documentId }, { query: { details: this.details(query.details, 'getLabelingSessionDocument') } });
	}

	/** A labeling session with one page of its documents (`documents`). */
	async listLabelingSessionDocuments(projectId: number, annotationId: number, query: ListQuery & { details?: DocumentDetail[] } = {}): Promise<Session> {
		this.check('listLabelingSessionDocuments', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkPaging(query.offset, query.limit)]);
		return this.call('listLabelingSessionDocuments', { project_id: projectId, annotation_id: annotationId }, { query: { details: this.details(query.details, 'listLabelingSessionDocuments'), offset: query.offset, limit: query.limit } });
	}

	async getAllLabelingSessionDocuments(projectId: number, annotationId: number, details?: DocumentDetail[], options?: CollectOptions): Promise<Document[]> {
		return this.collect(async (offset, limit) => toPage<Document>(await this.listLabelingSessionDocuments(projectId, annotationId, { details, offset, limit }), 'documents', offset, limit), options);
	}

	async getLabelingSession(projectId: number, annotationId: number): Promise<Session> {
		this.check('getLabelingSession', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId)]);
		return this.call('getLabelingSession', { project_id: projectId, annotation_id: annotationId });
	}

	async updateLabelingSession(projectId: number, annotationId: number, update: LabelingSessionUpdate): Promise<Session> {
		this.check('updateLabelingSession', [...checkId('project_id', projectId), ...checkId('annotation_id', annotationId), ...checkOptionalText('name', update.name), ...checkIds('document_ids', update.document_ids)]);
		return this.call('updateLabelingSession', { project_id: projectId, annotation_id: annotationId }, { body: definedOnly(update) });
	}

	async listLabelingSessions(projectId: number, query: { mode?: string; status?: string } = {}): Promise<Session[]> {
		const issues = [...checkId('project_id', projectId), ...checkOptionalOneOf('status', query.status, SESSION_STATUSES)];
		for (const mode of (query.mode ?? '').split(',').filter(Boolean)) issues.push(...checkOneOf('mode', mode.trim(), ['ANNOTATION', 'CORRECTION']));
		this.check('listLabelingSessions', issues);
		return this.call('listLabelingSessions', { project_id: projectId }, { query: { mode: query.mode || undefined, status: query.status } });
	}

	/** Creates a labeling session from documents, document ids, an uploaded file, an external source, or all documents. */
	async createLabelingSession(projectId: number, request: LabelingSessionCreate): Promise<Session> {
		const issues = [...checkId('project_id', projectId), ...checkOptionalText('name', request.name), ...checkIds('document_ids', request.document_ids)];
		if (request.sample_size !== undefined) issues.push(...checkId('sample_size', request.sample_size));
		if (request.documents !== undefined) issues.push(...checkDocuments(request.documents));
		if (request.file_id !== undefined) issues.push(...checkText('file_id', request.file_id));
		if (request.column_mapping !== undefined) {
			if (!request.column_mapping || typeof request.column_mapping !== 'object' || Array.isArray(request.column_mapping)) issues.push({ field: 'column_mapping', problem: 'must be an object such as {"text": "review", "label": "sentiment"}' });
			else for (const key of Object.keys(request.column_mapping)) issues.push(...checkOneOf(`column_mapping.${key}`, key, ['text', 'label', 'class', 'aspect']));
		}
		if (request.source !== undefined || request.credential_id !== undefined) issues.push(...this.checkSource({ credential_id: request.credential_id as number, source: request.source as string, parameters: request.parameters }));
		this.check('createLabelingSession', issues);
		return this.call('createLabelingSession', { project_id: projectId }, { body: definedOnly(request) });
	}

	// --- labels --------------------------------------------------------------------------------

	async updateLabel(projectId: number, labelId: number, update: { name: string }): Promise<Label> {
		this.check('updateLabel', [...checkId('project_id', projectId), ...checkId('label_id', labelId), ...checkText('name', update.name)]);
		return this.call('updateLabel', { project_id: projectId, label_id: labelId }, { body: { name: update.name } });
	}

	async updateLabelByName(projectId: number, name: string, update: { name: string }): Promise<Label> {
		this.check('updateLabelByName', [...checkId('project_id', projectId), ...checkText('label name', name), ...checkText('name', update.name)]);
		return this.call('updateLabelByName', { project_id: projectId, name: name.trim() }, { body: { name: update.name } });
	}

	async createLabel(projectId: number, label: { name: string }): Promise<Label> {
		this.check('createLabel', [...checkId('project_id', projectId), ...checkText('name', label.name)]);
		return this.call('createLabel', { project_id: projectId }, { body: { name: label.name } });
	}

	// --- models --------------------------------------------------------------------------------

	async uploadModel(file: UploadFile, fields: ModelUpload): Promise<Model> {
		this.check('uploadModel', [
			...checkText('display_name', fields.display_name),
			...checkOptionalOneOf('status', fields.status, MODEL_STATUSES),
			...checkOptionalOneOf('language', fields.language, LANGUAGES),
		]);
		const parts: MultipartPart[] = [await this.filePart('uploadModel', 'model', file)];
		for (const [name, value] of Object.entries(definedOnly(fields))) parts.push({ name, value: value as string | number });
		return this.upload('uploadModel', {}, parts);
	}

	private modelQuery(query: ModelQuery): Record<string, QueryValue> {
		this.check('listModels', [...checkOptionalId('collection_id', query.collection_id), ...checkOptionalOneOf('type', query.type, PROJECT_TYPES), ...checkOptionalId('exclude_id', query.exclude_id)]);
		return { collection_id: query.collection_id, public: query.public, starred: query.starred, search: query.search, type: query.type, exclude_id: query.exclude_id, offset: query.offset, limit: query.limit };
	}

	async listModels(query: ModelQuery = {}): Promise<Page<Model>> {
		return this.page('listModels', {}, 'models', this.modelQuery(query));
	}

	async getAllModels(query: Omit<ModelQuery, 'offset' | 'limit'> = {}, options?: CollectOptions): Promise<Model[]> {
		return this.collect((offset, limit) => this.listModels({ ...query, offset, limit }), options);
	}

	async listOrganizationModels(organization: string, query: Omit<ModelQuery, 'search' | 'exclude_id'> = {}): Promise<Page<Model>> {
		this.check('listOrganizationModels', checkText('organization', organization));
		return this.page('listOrganizationModels', { organization: organization.trim() }, 'models', this.modelQuery(query));
	}

	async getAllOrganizationModels(organization: string, query: Omit<ModelQuery, 'offset' | 'limit' | 'search' | 'exclude_id'> = {}, options?: CollectOptions): Promise<Model[]> {
		return this.collect((offset, limit) => this.listOrganizationModels(organization, { ...query, offset, limit }), options);
	}

	async getProjectModel(projectId: number, modelId: number): Promise<Model> {
		this.check('getProjectModel', [...checkId('project_id', projectId), ...checkId('model_id', modelId)]);
		return this.call('getProjectModel', { project_id: projectId, model_id: modelId });
	}

	private checkModelUpdate(update: ModelUpdate): ValidationIssue[] {
		return [...checkOptionalOneOf('status', update.status, MODEL_STATUSES), ...checkOptionalOneOf('language', update.language, LANGUAGES), ...checkOptionalOneOf('type', update.type, PROJECT_TYPES)];
	}

	async updateProjectModel(projectId: number, modelId: number, update: ModelUpdate): Promise<Model> {
		this.check('updateProjectModel', [...checkId('project_id', projectId), ...checkId('model_id', modelId), ...this.checkModelUpdate(update)]);
		return this.call('updateProjectModel', { project_id: projectId, model_id: modelId }, { body: definedOnly(update) });
	}

	async listProjectModels(projectId: number): Promise<Model[]> {
		this.check('listProjectModels', checkId('project_id', projectId));
		return toPage<Model>(await this.call<unknown>('listProjectModels', { project_id: projectId }), 'models', 0, undefined).items;
	}

	/** Starts training a model from labeling sessions; poll the model until READY (or FAILED). */
	async trainModel(projectId: number, request: TrainRequest): Promise<Model> {
		this.check('trainModel', [
			...checkId('project_id', projectId),
			...checkOptionalText('display_name', request.display_name),
			...checkOptionalOneOf('language', request.language, LANGUAGES),
			...checkOptionalId('base_id', request.base_id),
			...checkIds('annotation_ids', request.annotation_ids, undefined, false),
			...checkIds('trainset_annotation_ids', request.trainset_annotation_ids, undefined, false),
			...checkIds('testset_annotation_ids', request.testset_annotation_ids, undefined, false),
			...(request.annotation_ids === undefined && request.trainset_annotation_ids === undefined ? [{ field: 'annotation_ids', problem: 'or trainset_annotation_ids is required: the labeling sessions to train on' }] : []),
		]);
		return this.call('trainModel', { project_id: projectId }, { body: definedOnly(request) });
	}

	async listModelAnalyses(modelId: number, query: ListQuery = {}): Promise<Page<Analysis>> {
		this.check('listModelAnalyses', checkId('model_id', modelId));
		return this.page('listModelAnalyses', { model_id: modelId }, 'analyses', { offset: query.offset, limit: query.limit });
	}

	async getAllModelAnalyses(modelId: number, options?: CollectOptions): Promise<Analysis[]> {
		return this.collect((offset, limit) => this.listModelAnalyses(modelId, { offset, limit }), options);
	}

	async getModel(modelId: number): Promise<Model> {
		this.check('getModel', checkId('model_id', modelId));
		const body = await this.call<Model & { models?: Model[] }>('getModel', { model_id: modelId });
		// The docs' sample wraps the model in a list envelope; accept both.
		return Array.isArray(body?.models) && body.id === undefined ? (body.models[0] as Model) : body;
	}

	async updateModel(modelId: number, update: ModelUpdate): Promise<Model> {
		this.check('updateModel', [...checkId('model_id', modelId), ...this.checkModelUpdate(update)]);
		return this.call('updateModel', { model_id: modelId }, { body: definedOnly(update) });
	}

	// --- notifications -------------------------------------------------------------------------

	async listNotifications(userId: number, query: ListQuery = {}): Promise<Page<Notification>> {
		this.check('listNotifications', checkId('user_id', userId));
		return this.page('listNotifications', { user_id: userId }, 'notifications', { offset: query.offset, limit: query.limit });
	}

	async getAllNotifications(userId: number, options?: CollectOptions): Promise<Notification[]> {
		return this.collect((offset, limit) => this.listNotifications(userId, { offset, limit }), options);
	}

	async getNotification(userId: number, notificationId: number): Promise<Notification> {
		this.check('getNotification', [...checkId('user_id', userId), ...checkId('notification_id', notificationId)]);
		return this.call('getNotification', { user_id: userId, notification_id: notificationId });
	}

	async updateNotification(userId: number, notificationId: number, update: Partial<Omit<Notification, 'id'>>): Promise<Notification> {
		this.check('updateNotification', [...checkId('user_id', userId), ...checkId('notification_id', notificationId), ...checkOptionalOneOf('type', update.type, NOTIFICATION_TYPES)]);
		return this.call('updateNotification', { user_id: userId, notification_id: notificationId }, { body: definedOnly(update) });
	}

	// --- projects ------------------------------------------------------------------------------

	async listProjects(query: { details?: boolean } = {}): Promise<Project[]> {
		return toPage<Project>(await this.call<unknown>('listProjects', {}, { query: { details: query.details } }), 'projects', 0, undefined).items;
	}

	async createProject(project: { name: string; type: ProjectType }): Promise<Project> {
		this.check('createProject', [...checkText('name', project.name), ...checkOneOf('type', project.type, PROJECT_TYPES)]);
		return this.call('createProject', {}, { body: { name: project.name, type: project.type } });
	}

	async listProjectAnalyses(projectId: number, query: ListQuery & { details?: DocumentDetail[] } = {}): Promise<Page<Analysis>> {
		this.check('listProjectAnalyses', checkId('project_id', projectId));
		return this.page('listProjectAnalyses', { project_id: projectId }, 'analyses', { offset: query.offset, limit: query.limit, details: this.details(query.details, 'listProjectAnalyses') });
	}

	async getAllProjectAnalyses(projectId: number, details?: DocumentDetail[], options?: CollectOptions): Promise<Analysis[]> {
		return this.collect((offset, limit) => this.listProjectAnalyses(projectId, { offset, limit, details }), options);
	}

	async transferProject(projectId: number, organizationId: number): Promise<Json> {
		this.check('transferProject', [...checkId('project_id', projectId), ...checkId('organization_id', organizationId)]);
		const answer = await this.call<Json | undefined>('transferProject', { project_id: projectId }, { body: { organization_id: organizationId } });
		return answer && typeof answer === 'object' ? answer : { transferred: true, project_id: projectId, organization_id: organizationId };
	}

	async getProjectTask(projectId: number, taskId: number): Promise<Json> {
		this.check('getProjectTask', [...checkId('project_id', projectId), ...checkId('task_id', taskId)]);
		return this.call('getProjectTask', { project_id: projectId, task_id: taskId });
	}

	async cloneProject(projectId: number, organizationId?: number): Promise<Project> {
		this.check('cloneProject', [...checkId('project_id', projectId), ...checkOptionalId('organization_id', organizationId)]);
		return this.call('cloneProject', { project_id: projectId }, { body: definedOnly({ organization_id: organizationId }) });
	}

	async getProject(projectId: number): Promise<Project> {
		this.check('getProject', checkId('project_id', projectId));
		return this.call('getProject', { project_id: projectId });
	}

	async updateProject(projectId: number, update: { name?: string; type?: ProjectType }): Promise<Project> {
		this.check('updateProject', [...checkId('project_id', projectId), ...checkOptionalText('name', update.name), ...checkOptionalOneOf('type', update.type, PROJECT_TYPES)]);
		return this.call('updateProject', { project_id: projectId }, { body: definedOnly(update) });
	}

	// --- users ---------------------------------------------------------------------------------

	async resetPassword(resetToken: string, password: string): Promise<Json> {
		this.check('resetPassword', [...checkText('reset_password_token', resetToken), ...checkPassword('password', password)]);
		return (await this.call<Json | undefined>('resetPassword', {}, { body: { reset_password_token: resetToken, password } })) ?? { status: 'OK' };
	}

	async requestPasswordReset(email: string): Promise<Json> {
		this.check('requestPasswordReset', checkEmail('email', email));
		return (await this.call<Json | undefined>('requestPasswordReset', {}, { body: { email } })) ?? { status: 'OK' };
	}

	async getUser(userId: number): Promise<User> {
		this.check('getUser', checkId('user_id', userId));
		return this.call('getUser', { user_id: userId });
	}

	async updateUser(userId: number, update: UserFields): Promise<User> {
		const issues = checkId('user_id', userId);
		if (update.email !== undefined) issues.push(...checkEmail('email', update.email));
		if (update.password !== undefined) issues.push(...checkPassword('password', update.password));
		this.check('updateUser', issues);
		return this.call('updateUser', { user_id: userId }, { body: definedOnly(update) });
	}

	async register(user: UserFields & { email: string; password: string }): Promise<AuthResult> {
		this.check('register', [...checkEmail('email', user.email), ...checkPassword('password', user.password)]);
		return this.call('register', {}, { body: definedOnly(user) });
	}

	async login(email: string, password: string): Promise<AuthResult> {
		this.check('login', [...checkEmail('email', email), ...checkText('password', password)]);
		return this.call('login', {}, { body: { email, password } });
	}

	/** Who the credential belongs to (`GET /auth/status`). */
	async authStatus(): Promise<Json> {
		return this.call('authStatus', {});
	}

	/** The logged-in user's id, from `GET /auth/status`. */
	async currentUserId(): Promise<number> {
		const status = await this.authStatus();
		const data = (status.data ?? status.user ?? status) as Record<string, unknown>;
		const id = Number(data.user_id ?? data.id ?? status.user_id);
		if (!Number.isInteger(id) || id < 1) throw new ValidationError([{ field: 'user_id', problem: 'is required: the login status did not name the user' }], PLATFORM, 'authStatus');
		return id;
	}

	async getUserPermissions(userId: number): Promise<Json> {
		this.check('getUserPermissions', checkId('user_id', userId));
		return this.call('getUserPermissions', { user_id: userId });
	}

	async updateUserPermissions(userId: number, permissions: { is_betauser?: boolean; is_superuser?: boolean }): Promise<Json> {
		this.check('updateUserPermissions', checkId('user_id', userId));
		return this.call('updateUserPermissions', { user_id: userId }, { body: definedOnly(permissions) });
	}

	/** Deletes a product key; answers the user's remaining keys. */
	async deleteProductKey(userId: number, keyId: number): Promise<ProductKey[]> {
		this.check('deleteProductKey', [...checkId('user_id', userId), ...checkId('key_id', keyId)]);
		const body = await this.call<unknown>('deleteProductKey', { user_id: userId, key_id: keyId });
		return Array.isArray(body) ? (body as ProductKey[]) : [];
	}

	async listProductKeys(userId: number): Promise<ProductKey[]> {
		this.check('listProductKeys', checkId('user_id', userId));
		return toPage<ProductKey>(await this.call<unknown>('listProductKeys', { user_id: userId }), 'keys', 0, undefined).items;
	}

	// --- workspaces ----------------------------------------------------------------------------

	async acceptInvitation(request: AcceptInvitation): Promise<Json> {
		const issues = [...checkText('token', request.token), ...checkPassword('password', request.password)];
		if (request.email !== undefined) issues.push(...checkEmail('email', request.email));
		this.check('acceptInvitation', issues);
		return (await this.call<Json | undefined>('acceptInvitation', {}, { body: definedOnly(request) })) ?? { status: 'OK' };
	}

	async createWorkspace(workspace: { name: string; description?: string }): Promise<Workspace> {
		this.check('createWorkspace', checkText('name', workspace.name));
		return this.call('createWorkspace', {}, { body: definedOnly(workspace) });
	}

	async listInvitations(organizationId: number): Promise<Invitation[]> {
		this.check('listInvitations', checkId('organization_id', organizationId));
		return toPage<Invitation>(await this.call<unknown>('listInvitations', { organization_id: organizationId }), 'invitations', 0, undefined).items;
	}

	async inviteUsers(organizationId: number, role: Role, emails: string[]): Promise<InviteResult> {
		const issues = [...checkId('organization_id', organizationId), ...checkOneOf('role', role, ROLES)];
		if (!Array.isArray(emails) || emails.length === 0) issues.push({ field: 'emails', problem: 'must contain at least one email address' });
		else emails.forEach((e, i) => issues.push(...checkEmail(`emails[${i}]`, e)));
		this.check('inviteUsers', issues);
		return this.call('inviteUsers', { organization_id: organizationId }, { body: { role, emails } });
	}

	async updateWorkspaceRole(organizationId: number, permissionId: number, role: Role): Promise<Json> {
		this.check('updateWorkspaceRole', [...checkId('organization_id', organizationId), ...checkId('permission_id', permissionId), ...checkOneOf('role', role, ROLES)]);
		return (await this.call<Json | undefined>('updateWorkspaceRole', { organization_id: organizationId, permission_id: permissionId }, { body: { role } })) ?? { id: permissionId, role };
	}

	async addWorkspaceUser(organizationId: number, userId: number, role: Role): Promise<Json> {
		this.check('addWorkspaceUser', [...checkId('organization_id', organizationId), ...checkId('user_id', userId), ...checkOneOf('role', role, ROLES)]);
		return this.call('addWorkspaceUser', { organization_id: organizationId }, { body: { role, user_id: userId } });
	}

	async setDefaultWorkspace(organizationId: number, isDefault = true): Promise<Json> {
		this.check('setDefaultWorkspace', checkId('organization_id', organizationId));
		return (await this.call<Json | undefined>('setDefaultWorkspace', { organization_id: organizationId }, { body: { default: isDefault } })) ?? { id: organizationId, default: isDefault };
	}

	async getWorkspace(organizationId: number): Promise<Workspace> {
		this.check('getWorkspace', checkId('organization_id', organizationId));
		return this.call('getWorkspace', { organization_id: organizationId });
	}

	async updateWorkspace(organizationId: number, update: { name: string; description?: string }): Promise<Workspace> {
		this.check('updateWorkspace', [...checkId('organization_id', organizationId), ...checkText('name', update.name)]);
		return this.call('updateWorkspace', { organization_id: organizationId }, { body: definedOnly(update) });
	}

	async deactivateWorkspace(organizationId: number): Promise<Workspace> {
		this.check('deactivateWorkspace', checkId('organization_id', organizationId));
		return this.call('deactivateWorkspace', { organization_id: organizationId });
	}
}

/** Email + password, or a pre-issued token. */
export type DeepOpinionLogin = { email: string; password: string; token?: undefined } | { token: string; email?: undefined; password?: undefined };

/**
 * Client-side authentication for transports that do not authenticate themselves (activities):
 * logs in with `POST /auth/login` on first use and again after a 401 (expired token), or uses a
 * pre-issued token as is.
 */
export function deepOpinionAuth(config: Pick<ClientConfig, 'transport' | 'sleep' | 'retry' | 'events'> & { baseUrl?: string; login: DeepOpinionLogin }): AuthProvider {
	let token: string | undefined = config.login.token;
	let pending: Promise<string> | undefined;
	const loginClient = new DeepOpinionClient({ baseUrl: config.baseUrl, transport: config.transport, sleep: config.sleep, retry: config.retry, events: config.events, secrets: [config.login.password ?? ''] });
	const login = async (): Promise<string> => {
		const { email, password } = config.login;
		if (email === undefined || password === undefined) throw new ValidationError([{ field: 'token', problem: 'was refused (HTTP 401) and there is no email/password to log in again' }], PLATFORM, 'login');
		const result = await loginClient.login(email, password);
		if (typeof result?.auth_token !== 'string' || result.auth_token === '') throw new ValidationError([{ field: 'auth_token', problem: 'is missing from the login answer' }], PLATFORM, 'login');
		return result.auth_token;
	};
	return {
		async headers() {
			if (token === undefined) {
				pending ??= login().finally(() => (pending = undefined));
				token = await pending;
			}
			return { Authorization: `Bearer ${token}` };
		},
		async refresh() {
			if (config.login.email === undefined) return false;
			pending ??= login().finally(() => (pending = undefined));
			token = await pending;
			return true;
		},
		secrets: () => [token ?? '', config.login.password ?? '', config.login.token ?? ''].filter(Boolean),
	};
}
