import { chunk, fillPath, HttpClient, mapConcurrent, paginateNextUrl, take, ValidationError, type ClientConfig, type QueryValue, type ValidationIssue } from '../core';
import { LUMINOSO_ROUTES, type LuminosoOperation } from './routes';
import type {
	Account,
	Classifier,
	ClassifierCreate,
	ClassifierTopicCreate,
	ClassifierTopicUpdate,
	ClassifierUpdate,
	ClassifyInput,
	ConfigEntry,
	DocumentObject,
	LoginResult,
	Message,
	MessageFilters,
	NewDocument,
	NewMessage,
	Page,
	Permission,
	PermissionCreate,
	PermissionLevel,
	Project,
	ProjectConfig,
	ProjectCreate,
	ProjectStats,
	ProjectUpdate,
	StatsQuery,
	Token,
	Topic,
	TopicCreate,
	TopicListQuery,
	TopicMessagesQuery,
	TopicsHistoryQuery,
	TopicUpdate,
	UsageDay,
	UsageMonth,
	UsageQuery,
	User,
	UserCreate,
	UserUpdate,
} from './types';
import {
	validateClassifierCreate,
	validateClassifierInfo,
	validateClassifierTopicCreate,
	validateClassifierTopicUpdate,
	validateConfigKey,
	validateDocument,
	validateEmail,
	validateId,
	validateIdFilter,
	validateMessage,
	validatePermissionLevel,
	validateProjectStatus,
	validateRequiredText,
	validateStatsQuery,
	validateTimes,
	validateTopicCreate,
} from './validation';

export const LUMINOSO_PLATFORM = 'Luminoso Compass';

/** Page size of every paginated list (fixed by the API). */
export const PAGE_SIZE = 20;
/** Documents or messages per POST when a list is sent in batches (default). */
export const DEFAULT_POST_BATCH = 500;
/** The most documents or messages the client puts in one POST. */
export const MAX_POST_BATCH = 1000;

/** The Compass URL is per deployment (`https://<host>/api`): there is no default. */
export type LuminosoClientConfig = ClientConfig;

export interface BatchOptions<R> {
	/** Objects per request (default 500, at most 1000). */
	batchSize?: number;
	/** Requests in flight at once (default 1). */
	concurrency?: number;
	/** Called after each batch was accepted, with its results. */
	onBatch?(info: { batchIndex: number; size: number; results: R[] }): void;
}

export interface PostMessagesOptions extends BatchOptions<Message> {
	/** Replace the existing messages matching `filters` (all messages when no filter is given). */
	replace?: boolean;
	filters?: MessageFilters;
}

export interface WaitOptions {
	/** Between checks (default 5 s). */
	pollMs?: number;
	/** Give up after this long (default 1 hour). */
	timeoutMs?: number;
}

/** The error text of a DRF error body: `{"detail"}`, per-field lists, a list per item, or a string. */
export function drfErrorMessage(body: unknown): string | undefined {
	const parts: string[] = [];
	const walk = (value: unknown, path: string) => {
		if (parts.length >= 10) return;
		if (typeof value === 'string') parts.push(path ? `${path}: ${value}` : value);
		else if (Array.isArray(value)) {
			const allText = value.every((v) => typeof v === 'string');
			if (allText) parts.push(`${path ? `${path}: ` : ''}${(value as string[]).join(' ')}`);
			else value.forEach((v, i) => walk(v, `${path}[${i}]`));
		} else if (value && typeof value === 'object') {
			for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
				walk(v, key === 'detail' || key === 'non_field_errors' ? path : path ? `${path}.${key}` : key);
			}
		}
	};
	if (typeof body === 'string') return body.trim() ? body.slice(0, 300) : undefined;
	walk(body, '');
	return parts.length ? parts.join('; ').slice(0, 1000) : undefined;
}

/** The ID at the end of an object's URL, e.g. `.../projects/pr9x2k/` -> `pr9x2k`, `.../messages/42/` -> 42. */
export function idFromUrl(url: string): string | number | undefined {
	const segment = url.split(/[?#]/)[0].split('/').filter(Boolean).pop();
	if (!segment) return undefined;
	const decoded = decodeURIComponent(segment);
	return /^\d+$/.test(decoded) && decoded.length < 16 ? Number(decoded) : decoded;
}

/** A project ID, given as the ID itself or as a project URL. */
export function projectIdOf(value: string): string {
	const trimmed = value.trim();
	const match = /\/projects\/([^/?#]+)/.exec(trimmed);
	return match ? decodeURIComponent(match[1]) : trimmed;
}

function withId<T>(value: T): T {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const record = value as Record<string, unknown>;
		if (record.id === undefined && typeof record.url === 'string') {
			const id = idFromUrl(record.url);
			if (id !== undefined) return { ...record, id } as T;
		}
	}
	return value;
}

/** Query values as the API reads them: booleans are True/False; empty values are left out. */
function toQuery(query: object | undefined): Record<string, QueryValue> | undefined {
	if (!query) return undefined;
	const out: Record<string, QueryValue> = {};
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null || value === '') continue;
		out[key] = typeof value === 'boolean' ? (value ? 'True' : 'False') : (value as QueryValue);
	}
	return out;
}

/** Typed client for every documented Luminoso Compass operation. */
export class LuminosoClient {
	readonly http: HttpClient;
	private readonly origin: string;

	constructor(config: LuminosoClientConfig) {
		if (!config.baseUrl || !/^https?:\/\//.test(config.baseUrl)) {
			throw new ValidationError([{ field: 'url', problem: `must be your Compass URL, e.g. https://compass.example.com/api, got ${JSON.stringify(config.baseUrl ?? '')}` }], LUMINOSO_PLATFORM, 'configure');
		}
		this.http = new HttpClient({ name: LUMINOSO_PLATFORM, errorMessage: drfErrorMessage }, config);
		this.origin = new URL(this.http.baseUrl).origin;
	}

	private check(operation: string, issues: ValidationIssue[]): void {
		if (issues.length) throw new ValidationError(issues, LUMINOSO_PLATFORM, operation);
	}

	private async call<T>(operation: LuminosoOperation, params: Record<string, string | number> = {}, options: { query?: object; body?: unknown } = {}): Promise<T> {
		const route = LUMINOSO_ROUTES[operation];
		const body = await this.http.call<T>(
			{ name: operation, method: route.method, idempotent: route.idempotent },
			{ path: fillPath(route.path, params), query: toQuery(options.query), body: options.body },
		);
		return Array.isArray(body) ? (body.map(withId) as T) : withId(body);
	}

	/**
	 * A `next` link on the deployment's own origin. Behind a TLS-terminating proxy DRF may build
	 * `http://` links: they are rebased on the configured origin, so the token never goes elsewhere.
	 */
	private sameOrigin(next: string): string {
		const url = new URL(next, this.origin);
		return url.origin === this.origin ? url.toString() : `${this.origin}${url.pathname}${url.search}`;
	}

	/** Every item of a paginated list, following `next` until there is none. */
	async *iterate<T>(operation: LuminosoOperation, params: Record<string, string | number> = {}, query?: object): AsyncGenerator<T> {
		const route = LUMINOSO_ROUTES[operation];
		const spec = { name: operation, method: route.method, idempotent: route.idempotent };
		const toPage = (page: Page<T>) => ({ items: (page?.results ?? []).map(withId), next: page?.next ? this.sameOrigin(page.next) : null });
		yield* paginateNextUrl<T>(
			async () => toPage(await this.http.call<Page<T>>(spec, { path: fillPath(route.path, params), query: toQuery(query) })),
			async (url) => toPage(await this.http.call<Page<T>>(spec, { path: url })),
		);
	}

	/** Up to `limit` items of a paginated list (all of them when limit is undefined). */
	async list<T>(operation: LuminosoOperation, params: Record<string, string | number> = {}, query?: object, limit?: number): Promise<T[]> {
		return take(this.iterate<T>(operation, params, query), limit);
	}

	/** One page as the API returns it (`count`, `next`, `previous`, `results`). */
	async page<T>(operation: LuminosoOperation, params: Record<string, string | number> = {}, query?: object): Promise<Page<T>> {
		const page = await this.call<Page<T>>(operation, params, { query });
		return { ...page, results: (page.results ?? []).map(withId) };
	}

	private project(operation: string, projectId: string): string {
		const id = typeof projectId === 'string' ? projectIdOf(projectId) : projectId;
		this.check(operation, validateId('project', id));
		return id;
	}

	// --- tokens --------------------------------------------------------------------------------

	/** POST /login/: the user's token (the existing one while it is valid). */
	async login(username: string, password: string): Promise<LoginResult> {
		this.check('login', [...validateRequiredText('username', username), ...validateRequiredText('password', password)]);
		return this.call<LoginResult>('login', {}, { body: { username, password } });
	}

	async listTokens(query: { user?: string } = {}, limit?: number): Promise<Token[]> {
		return this.list<Token>('listTokens', {}, query, limit);
	}

	async getToken(token: string): Promise<Token> {
		this.check('getToken', validateRequiredText('token', token));
		return this.call<Token>('getToken', { token });
	}

	async deleteToken(token: string): Promise<void> {
		this.check('deleteToken', validateRequiredText('token', token));
		await this.call('deleteToken', { token });
	}

	// --- projects ------------------------------------------------------------------------------

	async listProjects(query: { account?: string; status?: 'active' | 'inactive' } = {}, limit?: number): Promise<Project[]> {
		this.check('listProjects', validateProjectStatus(query.status));
		return this.list<Project>('listProjects', {}, query, limit);
	}

	async createProject(input: ProjectCreate): Promise<Project> {
		this.check('createProject', [
			...validateRequiredText('name', input.name),
			...validateRequiredText('account', input.account),
			...validateRequiredText('language', input.language),
			...validateProjectStatus(input.status),
		]);
		return this.call<Project>('createProject', {}, { body: input });
	}

	async getProject(projectId: string): Promise<Project> {
		return this.call<Project>('getProject', { projectId: this.project('getProject', projectId) });
	}

	async updateProject(projectId: string, fields: ProjectUpdate): Promise<Project> {
		const id = this.project('updateProject', projectId);
		this.check('updateProject', validateProjectStatus(fields.status));
		return this.call<Project>('updateProject', { projectId: id }, { body: fields });
	}

	async deleteProject(projectId: string): Promise<void> {
		await this.call('deleteProject', { projectId: this.project('deleteProject', projectId) });
	}

	// --- documents -----------------------------------------------------------------------------

	async listDocuments(projectId: string, query: { label?: string; dataset?: string } = {}, limit?: number): Promise<DocumentObject[]> {
		return this.list<DocumentObject>('listDocuments', { projectId: this.project('listDocuments', projectId) }, query, limit);
	}

	async addDocument(projectId: string, document: NewDocument): Promise<DocumentObject> {
		const id = this.project('addDocument', projectId);
		this.check('addDocument', validateDocument(document));
		return this.call<DocumentObject>('addDocuments', { projectId: id }, { body: document });
	}

	/** Validates every document first (nothing is sent if one is invalid), then posts lists of up to `batchSize`. */
	async addDocuments(projectId: string, documents: NewDocument[], options: BatchOptions<DocumentObject> = {}): Promise<DocumentObject[]> {
		const id = this.project('addDocuments', projectId);
		const issues: ValidationIssue[] = [];
		documents.forEach((doc, index) => issues.push(...validateDocument(doc, index)));
		this.check('addDocuments', issues);
		return this.postInBatches<NewDocument, DocumentObject>('addDocuments', id, documents, options, () => undefined);
	}

	/** Posts one already-validated list of documents. */
	async addDocumentBatch(projectId: string, documents: NewDocument[]): Promise<DocumentObject[]> {
		const body = await this.call<DocumentObject[] | DocumentObject>('addDocuments', { projectId: projectIdOf(projectId) }, { body: documents });
		return Array.isArray(body) ? body : [body];
	}

	private async postInBatches<I, R>(operation: 'addDocuments' | 'addMessages', projectId: string, items: I[], options: BatchOptions<R>, queryFor: (batchIndex: number) => object | undefined): Promise<R[]> {
		const size = Math.min(Math.max(1, options.batchSize ?? DEFAULT_POST_BATCH), MAX_POST_BATCH);
		const batches = chunk(items, size);
		// A replacing post must go first and alone: later batches then add to what it left.
		const first = queryFor(0) ? 1 : 0;
		const run = async (batch: I[], batchIndex: number) => {
			const body = await this.call<R[] | R>(operation, { projectId }, { body: batch, query: queryFor(batchIndex) });
			const results = Array.isArray(body) ? body : [body];
			options.onBatch?.({ batchIndex, size: batch.length, results });
			return results;
		};
		const head = first ? [await run(batches[0], 0)] : [];
		const rest = await mapConcurrent(batches.slice(first), options.concurrency ?? 1, (batch, i) => run(batch, i + first));
		return [...head, ...rest].flat();
	}

	// --- classifiers ---------------------------------------------------------------------------

	async listClassifiers(projectId: string, query: { name?: string } = {}, limit?: number): Promise<Classifier[]> {
		return this.list<Classifier>('listClassifiers', { projectId: this.project('listClassifiers', projectId) }, query, limit);
	}

	/** Creates a classifier; topic clauses of a topic-based classifier are checked first. */
	async createClassifier(projectId: string, input: ClassifierCreate): Promise<Classifier> {
		const id = this.project('createClassifier', projectId);
		this.check('createClassifier', validateClassifierCreate(input));
		return this.call<Classifier>('createClassifier', { projectId: id }, { body: input });
	}

	async getClassifier(projectId: string, classifierId: string | number): Promise<Classifier> {
		const id = this.project('getClassifier', projectId);
		this.check('getClassifier', validateId('classifier', classifierId));
		return this.call<Classifier>('getClassifier', { projectId: id, classifierId });
	}

	/** Changes a classifier; `type` tells how to check `info` (it cannot change). */
	async updateClassifier(projectId: string, classifierId: string | number, fields: ClassifierUpdate, type?: Classifier['type']): Promise<Classifier> {
		const id = this.project('updateClassifier', projectId);
		const issues = [...validateId('classifier', classifierId), ...validateProjectStatus(fields.status)];
		if (fields.name !== undefined) issues.push(...validateRequiredText('name', fields.name));
		if (type && fields.info !== undefined) issues.push(...validateClassifierInfo(type, fields.info));
		this.check('updateClassifier', issues);
		return this.call<Classifier>('updateClassifier', { projectId: id, classifierId }, { body: fields });
	}

	async deleteClassifier(projectId: string, classifierId: string | number): Promise<void> {
		const id = this.project('deleteClassifier', projectId);
		this.check('deleteClassifier', validateId('classifier', classifierId));
		await this.call('deleteClassifier', { projectId: id, classifierId });
	}

	/**
	 * Checks the classifier until its training_state is `ready` and its status `active` (the API's
	 * documented way to wait for a new classifier); throws when training ends in `error`.
	 */
	async waitForClassifier(projectId: string, classifierId: string | number, options: WaitOptions = {}): Promise<Classifier> {
		const pollMs = options.pollMs ?? 5000;
		const timeoutMs = options.timeoutMs ?? 3_600_000;
		for (let waited = 0; ; waited += pollMs) {
			const classifier = await this.getClassifier(projectId, classifierId);
			if (classifier.training_state === 'error') {
				throw new ValidationError([{ field: 'classifier', problem: `training failed: ${JSON.stringify(classifier.info ?? {})}` }], LUMINOSO_PLATFORM, 'waitForClassifier');
			}
			if (classifier.training_state === 'ready' && classifier.status === 'active') return classifier;
			if (classifier.training_state === 'ready' && waited > 0 && classifier.status !== 'active') {
				throw new ValidationError([{ field: 'classifier', problem: 'is ready but inactive: set its status to active to classify with it' }], LUMINOSO_PLATFORM, 'waitForClassifier');
			}
			if (waited + pollMs > timeoutMs) {
				throw new ValidationError([{ field: 'classifier', problem: `was still ${classifier.training_state}/${classifier.status} after ${Math.round(timeoutMs / 1000)} s` }], LUMINOSO_PLATFORM, 'waitForClassifier');
			}
			await this.http.sleep(pollMs);
		}
	}

	// --- classifier topics ---------------------------------------------------------------------

	async createClassifierTopic(projectId: string, classifierId: string | number, input: ClassifierTopicCreate): Promise<Topic> {
		const id = this.project('createClassifierTopic', projectId);
		this.check('createClassifierTopic', [...validateId('classifier', classifierId), ...validateClassifierTopicCreate(input)]);
		return this.call<Topic>('createClassifierTopic', { projectId: id, classifierId }, { body: input });
	}

	async updateClassifierTopic(projectId: string, topicId: string | number, input: ClassifierTopicUpdate): Promise<Topic> {
		const id = this.project('updateClassifierTopic', projectId);
		this.check('updateClassifierTopic', [...validateId('topic', topicId), ...validateClassifierTopicUpdate(input)]);
		return this.call<Topic>('updateClassifierTopic', { projectId: id, topicId }, { body: input });
	}

	async deleteClassifierTopic(projectId: string, topicId: string | number): Promise<void> {
		const id = this.project('deleteClassifierTopic', projectId);
		this.check('deleteClassifierTopic', validateId('topic', topicId));
		await this.call('deleteClassifierTopic', { projectId: id, topicId });
	}

	// --- classify ------------------------------------------------------------------------------

	/** Classifies one text with the project's active classifiers, without saving it. */
	async classify(projectId: string, input: ClassifyInput): Promise<Message> {
		const id = this.project('classify', projectId);
		const issues = validateRequiredText('text', input.text);
		if (input.source_id !== undefined && typeof input.source_id !== 'string') issues.push({ field: 'source_id', problem: 'must be text' });
		this.check('classify', issues);
		return this.call<Message>('classify', { projectId: id }, { body: input });
	}

	// --- project topics ------------------------------------------------------------------------

	async listTopics(projectId: string, query: TopicListQuery = {}, limit?: number): Promise<Topic[]> {
		const id = this.project('listTopics', projectId);
		this.check('listTopics', validateStatsQuery(query as Record<string, unknown>));
		return this.list<Topic>('listTopics', { projectId: id }, query, limit);
	}

	async createTopic(projectId: string, input: TopicCreate): Promise<Topic> {
		const id = this.project('createTopic', projectId);
		this.check('createTopic', validateTopicCreate(input));
		return this.call<Topic>('createTopic', { projectId: id }, { body: input });
	}

	async getTopic(projectId: string, topicId: string | number, query: StatsQuery & { stats?: boolean } = {}): Promise<Topic> {
		const id = this.project('getTopic', projectId);
		this.check('getTopic', [...validateId('topic', topicId), ...validateStatsQuery(query as Record<string, unknown>)]);
		return this.call<Topic>('getTopic', { projectId: id, topicId }, { query });
	}

	async listTopicMessages(projectId: string, topicId: string | number, query: TopicMessagesQuery = {}, limit?: number): Promise<Message[]> {
		return take(this.iterateTopicMessages(projectId, topicId, query), limit);
	}

	iterateTopicMessages(projectId: string, topicId: string | number, query: TopicMessagesQuery = {}): AsyncGenerator<Message> {
		const id = this.project('listTopicMessages', projectId);
		this.check('listTopicMessages', [...validateId('topic', topicId), ...validateTimes(query as Record<string, unknown>, ['earliest', 'latest']), ...validateIdFilter(query as Record<string, unknown>)]);
		return this.iterate<Message>('listTopicMessages', { projectId: id, topicId }, query);
	}

	async updateTopic(projectId: string, topicId: string | number, fields: TopicUpdate): Promise<Topic> {
		const id = this.project('updateTopic', projectId);
		const issues = validateId('topic', topicId);
		if (fields.status !== undefined && fields.status !== 'active' && fields.status !== 'inactive') issues.push({ field: 'status', problem: `must be active or inactive, got ${JSON.stringify(fields.status)}` });
		this.check('updateTopic', issues);
		return this.call<Topic>('updateTopic', { projectId: id, topicId }, { body: fields });
	}

	async deleteTopic(projectId: string, topicId: string | number): Promise<void> {
		const id = this.project('deleteTopic', projectId);
		this.check('deleteTopic', validateId('topic', topicId));
		await this.call('deleteTopic', { projectId: id, topicId });
	}

	async listTopicsHistory(projectId: string, query: TopicsHistoryQuery = {}, limit?: number): Promise<Topic[]> {
		const id = this.project('listTopicsHistory', projectId);
		this.check('listTopicsHistory', [
			...validateStatsQuery(query as Record<string, unknown>),
			...validateTimes(query as Record<string, unknown>, ['earliest_created', 'latest_created', 'earliest_ended', 'latest_ended']),
		]);
		return this.list<Topic>('listTopicsHistory', { projectId: id }, query, limit);
	}

	// --- messages ------------------------------------------------------------------------------

	/** Saves one message and returns it with its topics (one per topic predicted). */
	async addMessage(projectId: string, message: NewMessage, options: { replace?: boolean; filters?: MessageFilters } = {}): Promise<Message> {
		const id = this.project('addMessage', projectId);
		this.check('addMessage', [...validateMessage(message), ...this.filterIssues(options.filters)]);
		const query = options.replace ? { replace: true, ...options.filters } : undefined;
		const body = await this.call<Message | Message[]>('addMessages', { projectId: id }, { body: message, query });
		return Array.isArray(body) ? body[0] : body;
	}

	/**
	 * Validates every message first, then posts lists of up to `batchSize`. With `replace`, the first
	 * batch replaces the messages matching `filters`; later batches add to it, so the end state is
	 * the same as one replacing post of all of them.
	 */
	async addMessages(projectId: string, messages: NewMessage[], options: PostMessagesOptions = {}): Promise<Message[]> {
		const id = this.project('addMessages', projectId);
		const issues: ValidationIssue[] = [...this.filterIssues(options.filters)];
		messages.forEach((message, index) => issues.push(...validateMessage(message, index)));
		this.check('addMessages', issues);
		return this.postInBatches<NewMessage, Message>('addMessages', id, messages, options, (batchIndex) => (options.replace && batchIndex === 0 ? { replace: true, ...options.filters } : undefined));
	}

	/** Posts one already-validated list of messages. */
	async addMessageBatch(projectId: string, messages: NewMessage[]): Promise<Message[]> {
		const body = await this.call<Message[] | Message>('addMessages', { projectId: projectIdOf(projectId) }, { body: messages });
		return Array.isArray(body) ? body : [body];
	}

	private filterIssues(filters: MessageFilters | undefined): ValidationIssue[] {
		if (!filters) return [];
		return [...validateTimes(filters as Record<string, unknown>, ['earliest', 'latest']), ...validateIdFilter(filters as Record<string, unknown>)];
	}

	async listMessages(projectId: string, filters: MessageFilters = {}, limit?: number): Promise<Message[]> {
		return take(this.iterateMessages(projectId, filters), limit);
	}

	iterateMessages(projectId: string, filters: MessageFilters = {}): AsyncGenerator<Message> {
		const id = this.project('listMessages', projectId);
		this.check('listMessages', this.filterIssues(filters));
		return this.iterate<Message>('listMessages', { projectId: id }, filters);
	}

	async getMessage(projectId: string, messageId: string | number): Promise<Message> {
		const id = this.project('getMessage', projectId);
		this.check('getMessage', validateId('message', messageId));
		return this.call<Message>('getMessage', { projectId: id, messageId });
	}

	async deleteMessage(projectId: string, messageId: string | number): Promise<void> {
		const id = this.project('deleteMessage', projectId);
		this.check('deleteMessage', validateId('message', messageId));
		await this.call('deleteMessage', { projectId: id, messageId });
	}

	// --- statistics, usage, configuration ------------------------------------------------------

	async getStats(projectId: string, query: StatsQuery = {}): Promise<ProjectStats> {
		const id = this.project('getStats', projectId);
		this.check('getStats', validateStatsQuery(query as Record<string, unknown>));
		return this.call<ProjectStats>('getStats', { projectId: id }, { query });
	}

	async listUsage(projectId: string, query: UsageQuery = {}): Promise<UsageMonth[]> {
		const id = this.project('listUsage', projectId);
		this.check('listUsage', validateTimes(query as Record<string, unknown>, ['earliest', 'latest']));
		return this.call<UsageMonth[]>('listUsage', { projectId: id }, { query });
	}

	async getUsage(projectId: string, usageId: string | number): Promise<UsageDay> {
		const id = this.project('getUsage', projectId);
		this.check('getUsage', validateId('usage', usageId));
		return this.call<UsageDay>('getUsage', { projectId: id, usageId });
	}

	async getConfig(projectId: string): Promise<ProjectConfig> {
		return this.call<ProjectConfig>('getConfig', { projectId: this.project('getConfig', projectId) });
	}

	async getConfigValue(projectId: string, key: string): Promise<ConfigEntry> {
		const id = this.project('getConfigValue', projectId);
		this.check('getConfigValue', validateConfigKey(key));
		return this.call<ConfigEntry>('getConfigValue', { projectId: id, key });
	}

	async setConfigValue(projectId: string, key: string, value: unknown): Promise<ConfigEntry> {
		const id = this.project('setConfigValue', projectId);
		const issues = validateConfigKey(key);
		if (value === undefined || value === null || value === '') issues.push({ field: 'value', problem: 'is required (a JSON object, list or number)' });
		this.check('setConfigValue', issues);
		return this.call<ConfigEntry>('setConfigValue', { projectId: id, key }, { body: { value } });
	}

	async deleteConfigValue(projectId: string, key: string): Promise<void> {
		const id = this.project('deleteConfigValue', projectId);
		this.check('deleteConfigValue', validateConfigKey(key));
		await this.call('deleteConfigValue', { projectId: id, key });
	}

	// --- accounts ------------------------------------------------------------------------------

	async listAccounts(limit?: number): Promise<Account[]> {
		return this.list<Account>('listAccounts', {}, undefined, limit);
	}

	async createAccount(name: string): Promise<Account> {
		this.check('createAccount', validateRequiredText('name', name));
		return this.call<Account>('createAccount', {}, { body: { name } });
	}

	async getAccount(accountId: string): Promise<Account> {
		this.check('getAccount', validateId('account', accountId));
		return this.call<Account>('getAccount', { accountId });
	}

	async updateAccount(accountId: string, fields: { name?: string }): Promise<Account> {
		this.check('updateAccount', [...validateId('account', accountId), ...(fields.name !== undefined ? validateRequiredText('name', fields.name) : [])]);
		return this.call<Account>('updateAccount', { accountId }, { body: fields });
	}

	async deleteAccount(accountId: string): Promise<void> {
		this.check('deleteAccount', validateId('account', accountId));
		await this.call('deleteAccount', { accountId });
	}

	// --- users ---------------------------------------------------------------------------------

	async listUsers(limit?: number): Promise<User[]> {
		return this.list<User>('listUsers', {}, undefined, limit);
	}

	async createUser(input: UserCreate): Promise<User> {
		this.check('createUser', [...validateRequiredText('name', input.name), ...validateEmail('email', input.email)]);
		return this.call<User>('createUser', {}, { body: input });
	}

	async getUser(email: string): Promise<User> {
		this.check('getUser', validateEmail('email', email));
		return this.call<User>('getUser', { email });
	}

	async updateUser(email: string, fields: UserUpdate): Promise<User> {
		this.check('updateUser', [...validateEmail('email', email), ...(fields.email !== undefined ? validateEmail('new email', fields.email) : [])]);
		return this.call<User>('updateUser', { email }, { body: fields });
	}

	async deleteUser(email: string): Promise<void> {
		this.check('deleteUser', validateEmail('email', email));
		await this.call('deleteUser', { email });
	}

	/** Changes a password (your own); the API answers with a new token, as login does. */
	async changePassword(email: string, password: string, oldPassword: string): Promise<LoginResult> {
		this.check('changePassword', [...validateEmail('email', email), ...validateRequiredText('password', password), ...validateRequiredText('old_password', oldPassword)]);
		return this.call<LoginResult>('changePassword', { email }, { body: { password, old_password: oldPassword } });
	}

	/** Site admins: resets a user's password to a temporary one (and deletes the user's token). */
	async resetPassword(email: string): Promise<{ password: string }> {
		this.check('resetPassword', validateEmail('email', email));
		return this.call<{ password: string }>('resetPassword', { email });
	}

	// --- permissions ---------------------------------------------------------------------------

	async listPermissions(query: { user?: string; level?: PermissionLevel } = {}, limit?: number): Promise<Permission[]> {
		this.check('listPermissions', validatePermissionLevel(query.level, false));
		return this.list<Permission>('listPermissions', {}, query, limit);
	}

	async createPermission(input: PermissionCreate): Promise<Permission> {
		this.check('createPermission', [...validateEmail('user', input.user), ...validateRequiredText('account', input.account), ...validatePermissionLevel(input.level)]);
		return this.call<Permission>('createPermission', {}, { body: input });
	}

	async getPermission(permissionId: string | number): Promise<Permission> {
		this.check('getPermission', validateId('permission', permissionId));
		return this.call<Permission>('getPermission', { permissionId });
	}

	async deletePermission(permissionId: string | number): Promise<void> {
		this.check('deletePermission', validateId('permission', permissionId));
		await this.call('deletePermission', { permissionId });
	}
}
