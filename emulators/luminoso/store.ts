import { Prng, type Seed } from '../core';
import { classifyText, trainVoting } from './classify';
import { forbidden, notFound } from './drf';
import type { AccountRecord, ClassifierRecord, Level, MessageRecord, PermissionRecord, ProjectRecord, TokenRecord, TopicRecord, UserRecord } from './model';
import { concepts, containsPhrase, sentimentOf } from './text';

export const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;

export interface SeedUser {
	email: string;
	password: string;
	name?: string;
	admin?: boolean;
}

export interface StoreOptions {
	users: readonly SeedUser[];
	tokenTtlMs: number;
	trainingMs: number;
	seed: Seed;
	clock: () => number;
}

/** Defaults of every configuration key (GET .../config/ lists them under "default"). */
export const CONFIG_DEFAULTS: Readonly<Record<string, unknown>> = {
	assoc_axes: 150,
	assoc_min_tokens: 10_000,
	assoc_max_tokens: 10_000_000,
	assoc_min_messages: 100,
	partition_min_messages: 100,
	partition_max_messages: 10_000,
	number_of_clusters: 12,
	number_of_discardable_clusters: 3,
	partition_min_lifetime: 604_800,
	assoc_do_not_build_within: 3600,
	assoc_force_build_after: 86_400,
	partition_do_not_build_within: 3600,
	partition_force_build_after: 86_400,
	sentiment_threshold: 0.3,
	labels_for_clustering: [],
};

const LEVEL_RANK: Record<Level, number> = { read: 1, readwrite: 2, manage: 3 };

/** The whole state of one emulated deployment. */
export class LuminosoStore {
	users = new Map<string, UserRecord>();
	tokens = new Map<string, TokenRecord>();
	accounts = new Map<string, AccountRecord>();
	permissions = new Map<number, PermissionRecord>();
	projects = new Map<string, ProjectRecord>();
	logins = 0;
	/** Answers to matching requests wait this long after the request was handled (a slow or lost response). */
	responseDelay: { method?: string; path?: string; ms: number } | undefined;
	private prng: Prng;
	private nextId = 1;

	constructor(readonly options: StoreOptions) {
		this.prng = new Prng(options.seed);
		this.clear();
	}

	now(): number {
		return this.options.clock();
	}

	clear(): void {
		this.users.clear();
		this.tokens.clear();
		this.accounts.clear();
		this.permissions.clear();
		this.projects.clear();
		this.logins = 0;
		this.responseDelay = undefined;
		this.prng = new Prng(this.options.seed);
		this.nextId = 1;
		for (const user of this.options.users) this.addUser(user);
	}

	id(): number {
		return this.nextId++;
	}

	randomHex(digits: number): string {
		return this.prng.hex(digits);
	}

	randomId(prefix: string): string {
		let id: string;
		do id = `${prefix}${this.prng.hex(8)}`;
		while (this.projects.has(id) || this.accounts.has(id));
		return id;
	}

	addUser(user: SeedUser): UserRecord {
		const record: UserRecord = { email: user.email, name: user.name ?? user.email.split('@')[0], password: user.password, admin: user.admin ?? false, mustResetPassword: false, defaultAccount: null };
		this.users.set(user.email, record);
		return record;
	}

	// --- tokens --------------------------------------------------------------------------------

	tokenOf(email: string): TokenRecord | undefined {
		for (const token of this.tokens.values()) if (token.user === email) return token;
		return undefined;
	}

	isExpired(token: TokenRecord): boolean {
		return token.expires <= this.now();
	}

	/** The user's valid token, or a new one (each user has at most one). */
	issueToken(email: string): TokenRecord {
		const existing = this.tokenOf(email);
		if (existing && !this.isExpired(existing)) return existing;
		if (existing) this.tokens.delete(existing.token);
		const now = this.now();
		const token: TokenRecord = { token: this.prng.hex(40), user: email, created: now, expires: now + this.options.tokenTtlMs };
		this.tokens.set(token.token, token);
		return token;
	}

	dropTokens(email: string): void {
		for (const [key, token] of this.tokens) if (token.user === email) this.tokens.delete(key);
	}

	/** Expires tokens now, or after `afterRequests` more authenticated requests each. */
	expireTokens(options: { user?: string; afterRequests?: number } = {}): number {
		let count = 0;
		for (const token of this.tokens.values()) {
			if (options.user && token.user !== options.user) continue;
			if (options.afterRequests && options.afterRequests > 0) token.usesLeft = options.afterRequests;
			else token.expires = this.now();
			count++;
		}
		return count;
	}

	/** Counts one authenticated use of a token that has a use budget. */
	useToken(token: TokenRecord): void {
		if (token.usesLeft === undefined) return;
		token.usesLeft--;
		if (token.usesLeft <= 0) {
			token.expires = this.now();
			delete token.usesLeft;
		}
	}

	// --- access --------------------------------------------------------------------------------

	levelOn(user: UserRecord, accountId: string): Level | undefined {
		if (user.admin) return 'manage';
		let best: Level | undefined;
		for (const p of this.permissions.values()) {
			if (p.user === user.email && p.account === accountId && (!best || LEVEL_RANK[p.level] > LEVEL_RANK[best])) best = p.level;
		}
		return best;
	}

	has(user: UserRecord, accountId: string, need: 'read' | 'write' | 'manage'): boolean {
		const level = this.levelOn(user, accountId);
		if (!level) return false;
		return need === 'read' || (need === 'write' ? level !== 'read' : level === 'manage');
	}

	/** The account, or 404 when the user has no permission on it, 403 when too little. */
	accountFor(user: UserRecord, accountId: string, need: 'read' | 'write' | 'manage'): AccountRecord {
		const account = this.accounts.get(accountId);
		if (!account || !this.levelOn(user, accountId)) throw notFound();
		if (!this.has(user, accountId, need)) throw forbidden();
		return account;
	}

	/** The project, or 404 when the user cannot see it, 403 when it cannot change it. */
	projectFor(user: UserRecord, projectId: string, need: 'read' | 'write'): ProjectRecord {
		const project = this.projects.get(projectId);
		if (!project || !this.levelOn(user, project.account)) throw notFound();
		if (!this.has(user, project.account, need)) throw forbidden();
		return project;
	}

	/** Accounts the user manages (all for site admins). */
	managedAccounts(user: UserRecord): Set<string> {
		return new Set([...this.accounts.keys()].filter((id) => this.has(user, id, 'manage')));
	}

	// --- projects ------------------------------------------------------------------------------

	createProject(fields: { name: string; account: string; language: string; description: string; status: 'active' | 'inactive' }, creator: string): ProjectRecord {
		const project: ProjectRecord = {
			id: this.randomId('pr'),
			...fields,
			creator,
			created: this.now(),
			documents: [],
			classifiers: new Map(),
			topics: new Map(),
			messages: [],
			usage: new Map(),
			config: new Map(),
		};
		this.projects.set(project.id, project);
		return project;
	}

	deleteAccount(accountId: string): void {
		this.accounts.delete(accountId);
		for (const [id, p] of this.permissions) if (p.account === accountId) this.permissions.delete(id);
		for (const [id, p] of this.projects) if (p.account === accountId) this.projects.delete(id);
		for (const user of this.users.values()) if (user.defaultAccount === accountId) user.defaultAccount = null;
	}

	deleteUser(email: string): void {
		this.users.delete(email);
		this.dropTokens(email);
		for (const [id, p] of this.permissions) if (p.user === email) this.permissions.delete(id);
	}

	// --- classifiers ---------------------------------------------------------------------------

	/** Moves a classifier out of training once its time has come. */
	refresh(classifier: ClassifierRecord): ClassifierRecord {
		if (classifier.trainingState === 'in_training' && this.now() >= classifier.readyAt) {
			classifier.trainingState = classifier.error ? 'error' : 'ready';
			classifier.lastUpdate = classifier.readyAt;
		}
		return classifier;
	}

	isReady = (classifier: ClassifierRecord): boolean => {
		this.refresh(classifier);
		return classifier.trainingState === 'ready' && classifier.requestedStatus === 'active';
	};

	/** (Re)builds what a classifier needs, and starts its training time. */
	train(project: ProjectRecord, classifier: ClassifierRecord): void {
		const dataset = typeof classifier.info.dataset === 'string' ? classifier.info.dataset : undefined;
		const inDataset = project.documents.filter((d) => dataset === undefined || d.dataset === dataset);
		delete classifier.error;
		delete classifier.model;
		if (classifier.type === 'voting') {
			const model = trainVoting(inDataset);
			if (model.labels.length === 0) classifier.error = `No labeled documents${dataset ? ` in dataset "${dataset}"` : ''} to train on.`;
			else {
				classifier.model = model;
				this.setClassifierTopics(project, classifier, model.labels.map((title) => ({ title, info: {} })));
			}
		} else if (classifier.type === 'topic_based' && inDataset.length === 0) {
			classifier.error = `No documents${dataset ? ` in dataset "${dataset}"` : ''} to build the semantic space from.`;
		}
		const sentiment = classifier.type.startsWith('sentiment');
		classifier.trainingState = 'in_training';
		classifier.readyAt = this.now() + (sentiment ? 0 : this.options.trainingMs);
		classifier.lastUpdate = this.now();
		if (classifier.error) classifier.info = { ...classifier.info, error: classifier.error };
		else delete classifier.info.error;
	}

	/** Replaces a classifier's topics, keeping (by title) the ones that stay. */
	setClassifierTopics(project: ProjectRecord, classifier: ClassifierRecord, topics: Array<Partial<TopicRecord> & { title: string }>): void {
		const previous = new Map(classifier.topicIds.map((id) => project.topics.get(id)).filter((t): t is TopicRecord => Boolean(t && !t.deleted)).map((t) => [t.title, t]));
		const ids: number[] = [];
		for (const spec of topics) {
			const kept = previous.get(spec.title);
			if (kept) {
				previous.delete(spec.title);
				Object.assign(kept, spec);
				ids.push(kept.id);
			} else ids.push(this.addTopic(project, { status: 'active', blocking: false, info: {}, ...spec, classifierId: classifier.id }).id);
		}
		for (const gone of previous.values()) this.removeTopic(gone);
		classifier.topicIds = ids;
	}

	addTopic(project: ProjectRecord, spec: Partial<TopicRecord> & { title: string }): TopicRecord {
		const topic: TopicRecord = { id: this.id(), status: 'active', blocking: false, created: this.now(), ended: null, deleted: false, info: {}, ...spec };
		project.topics.set(topic.id, topic);
		return topic;
	}

	removeTopic(topic: TopicRecord): void {
		topic.deleted = true;
		topic.ended ??= this.now();
	}

	deleteClassifier(project: ProjectRecord, classifier: ClassifierRecord): void {
		for (const id of classifier.topicIds) {
			const topic = project.topics.get(id);
			if (topic) this.removeTopic(topic);
		}
		project.classifiers.delete(classifier.id);
	}

	// --- messages ------------------------------------------------------------------------------

	/** A message as classification sees it (not saved). */
	analyse(project: ProjectRecord, text: string): { tokens: string[]; sentiment: number; topics: MessageRecord['topics'] } {
		const tokens = concepts(text);
		return { tokens, sentiment: sentimentOf(tokens) ?? 0, topics: classifyText(project, tokens, this.isReady) };
	}

	addMessage(project: ProjectRecord, fields: { text: string; timestamp: number; language: string; sourceId: string | null; info: Record<string, unknown> }): MessageRecord {
		const message: MessageRecord = { id: this.id(), weight: 1, ...fields, ...this.analyse(project, fields.text) };
		project.messages.push(message);
		this.countUsage(project, 'api', 1);
		return message;
	}

	/** Usage days start (and end) at noon, UTC. */
	countUsage(project: ProjectRecord, source: string, count: number): void {
		const now = this.now();
		const noon = new Date(now);
		noon.setUTCHours(12, 0, 0, 0);
		const start = noon.getTime() <= now ? noon.getTime() : noon.getTime() - 24 * 3600 * 1000;
		const key = `${source}@${start}`;
		const record = project.usage.get(key) ?? { id: this.id(), source, start, count: 0 };
		record.count += count;
		project.usage.set(key, record);
	}

	/** Messages matching GET .../messages/ filters (ascending id). */
	filterMessages(project: ProjectRecord, f: { earliest?: number; latest?: number; olderThanId?: number; newerThanId?: number }): MessageRecord[] {
		return project.messages.filter(
			(m) =>
				(f.earliest === undefined || m.timestamp >= f.earliest) &&
				(f.latest === undefined || m.timestamp <= f.latest) &&
				(f.olderThanId === undefined || m.id < f.olderThanId) &&
				(f.newerThanId === undefined || m.id > f.newerThanId),
		);
	}

	/** How central a message is to a term topic (share of the topic's term weight it contains). */
	termCentrality(topic: TopicRecord, message: MessageRecord): number {
		const terms = topic.terms ?? [];
		const total = terms.reduce((s, t) => s + t.weight, 0);
		if (total <= 0) return 0;
		let found = 0;
		for (const term of terms) {
			if (containsPhrase(message.tokens, term.phrase)) found += term.weight;
		}
		return found / total;
	}

	/**
	 * Messages of a topic with their centrality: for classifier topics the score the classifier
	 * gave; for term topics the share of term weight present (>= 0.25 is central; below, an
	 * outlier reported with a negative centrality). Blocked messages only show in blocking topics.
	 */
	topicMessages(project: ProjectRecord, topic: TopicRecord, outliers: boolean): Array<{ message: MessageRecord; centrality: number }> {
		if (topic.status === 'inactive' || topic.deleted) return [];
		const out: Array<{ message: MessageRecord; centrality: number }> = [];
		for (const message of project.messages) {
			if (!topic.blocking && this.isBlocked(project, message)) continue;
			if (topic.classifierId !== undefined) {
				const hit = message.topics.find((t) => t.id === topic.id);
				if (hit) out.push({ message, centrality: hit.score });
				continue;
			}
			const c = this.termCentrality(topic, message);
			if (c >= 0.25) out.push({ message, centrality: Math.round(c * 10_000) / 10_000 });
			else if (outliers && c > 0) out.push({ message, centrality: Math.round((c - 0.25) * 10_000) / 10_000 });
		}
		return out;
	}

	/** Whether a message belongs to any blocking topic. */
	isBlocked(project: ProjectRecord, message: MessageRecord): boolean {
		for (const topic of project.topics.values()) {
			if (!topic.blocking || topic.deleted || topic.status === 'inactive') continue;
			if (topic.classifierId !== undefined ? message.topics.some((t) => t.id === topic.id) : this.termCentrality(topic, message) >= 0.25) return true;
		}
		return false;
	}

	configValue(project: ProjectRecord, key: string): unknown {
		return project.config.has(key) ? project.config.get(key) : CONFIG_DEFAULTS[key];
	}
}
