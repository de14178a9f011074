import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest, conflict, HttpError, notFound, Prng, seedToUint32, type Seed } from '../core';
import { classKeywords, hashRange, segment, tagSegment, type ProjectType, type TaggingModel, type TagOut } from './text';

/** In-memory DeepOpinion Studio state. Ids are per-kind counters from 1; uuids come from a seeded PRNG. */

export interface Timing {
	/** Analyses: FINISHED after max(analysisMinMs, documents x analysisMsPerDocument). */
	analysisMinMs: number;
	analysisMsPerDocument: number;
	/** Training: CREATED until queuedAfterMs, QUEUED until trainingAfterMs, TRAINING until readyAfterMs. */
	queuedAfterMs: number;
	trainingAfterMs: number;
	readyAfterMs: number;
	/** Group and labeling-session processing (PROCESSING/CREATED -> READY/STARTED). */
	processingMs: number;
}

export const DEFAULT_TIMING: Timing = {
	analysisMinMs: 1000,
	analysisMsPerDocument: 0.2,
	queuedAfterMs: 200,
	trainingAfterMs: 500,
	readyAfterMs: 2000,
	processingMs: 200,
};

export interface UserRec {
	id: number;
	email: string;
	password: string;
	first_name: string;
	last_name: string;
	is_superuser: boolean;
	is_betauser: boolean;
	registered_on: string;
	verified: boolean;
}

export interface KeyRec {
	id: number;
	user_id: number;
	created: string;
	name: string;
	token: string;
}

export interface PermissionRec {
	id: number;
	user_id: number;
	role: string;
}

export interface InvitationRec {
	id: number;
	role: string;
	email: string;
	invited_by_id: number;
	organization_id: number;
	created: string;
	token: string;
	accepted: boolean;
	cancelled: boolean;
}

export interface WorkspaceRec {
	id: number;
	name: string;
	description: string;
	created: string;
	is_beta: boolean;
	is_read_only: boolean;
	active: boolean;
	permissions: PermissionRec[];
	defaultFor: Set<number>;
}

export interface ClassRec {
	id: number;
	name: string;
	example: string;
	description: string;
}

export interface LabelRec {
	id: number;
	name: string;
}

export interface ProjectRec {
	id: number;
	name: string;
	type: ProjectType;
	status: string;
	created: string;
	external_id: number;
	organization_id: number;
	classes: ClassRec[];
	labels: LabelRec[];
}

export interface SegmentRec {
	id: number;
	text: string;
	span: [number, number];
	tags: Array<TagOut & { id: number }>;
}

export interface DocumentRec {
	id: number;
	project_id: number;
	text: string;
	segments: SegmentRec[];
	meta: Record<string, unknown>;
	group_ids: number[];
	analysis_id?: number;
	annotation_ids: number[];
	created: string;
	/** Extraction documents: page count (for HITL reviews and page marks). */
	pages?: number;
	name?: string;
}

export interface FileRec {
	id: string;
	name: string;
	format: string;
	rows: unknown[][];
	created: string;
}

export interface GroupRec {
	id: number;
	project_id: number;
	name: string;
	source: string;
	created: number;
	document_ids: number[];
}

export interface AnalysisRec {
	id: number;
	uuid: string;
	name: string;
	model_id: number;
	project_id: number | null;
	type: ProjectType;
	description: string;
	created: number;
	durationMs: number;
	failed: boolean;
	documents: Array<{ id: number; text: string; meta: Record<string, unknown>; segments: Array<{ id: number; text: string; span: [number, number]; tags: TagOut[] }> }>;
	classes: ClassRec[];
	labels: LabelRec[];
	notified: boolean;
}

export interface ModelRec {
	id: number;
	uuid: string;
	name: string;
	display_name: string;
	base: string;
	language: string;
	long_description: string;
	short_description: string;
	owner: string;
	organization: string;
	project_id: number | null;
	type: ProjectType;
	created: number;
	/** Training schedule (ms after creation); undefined = fixed status. */
	training?: { fail: boolean };
	status: string;
	score: number;
	public: boolean;
	starred: boolean;
	collection_id: number | null;
	classes: Array<{ name: string; keywords: string[] }>;
	labels: string[];
	annotation_ids: number[];
	metrics: Record<string, unknown>;
	notified: boolean;
	/** Extraction fields (labels of a document model) with their base confidence. */
	fields: string[];
}

export interface SessionRec {
	id: number;
	uuid: string;
	project_id: number;
	mode: 'ANNOTATION' | 'CORRECTION';
	name: string;
	type: ProjectType;
	created: number;
	document_group_id: number;
	document_ids: number[];
	classes: string[];
	labels: string[];
	model_id: number | null;
	/** Annotated marks: per document, segments and pages, and whole documents. */
	annotatedSegments: Map<number, Map<number, string>>;
	annotatedPages: Map<number, Map<number, string>>;
	annotatedDocuments: Map<number, string>;
	predicted_score: number;
	user_id: number;
}

export interface HitlRec {
	id: number;
	project_id: number;
	name: string;
	description: string;
	created_at: string;
	updated_at: string;
	assigned_user_id: number | null;
	model_id: number | null;
	is_live: boolean;
	webhook_url: string | null;
	labels: Record<string, unknown>;
}

export interface ReviewRec {
	review_id: number;
	task_id: number;
	document_id: number;
	document_name: string;
	page_num: number;
	status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED';
	created: string;
	updated: string;
	user_id: number | null;
	label: string;
	confidence_threshold: number;
	ls_annotation_id: number | null;
	hitl_id: number;
	project_id: number;
	value: string;
	confidence: number;
	reviewed_value: string | null;
}

export interface NotificationRec {
	id: number;
	user_id: number;
	title: string;
	text: string;
	created: string;
	type: 'INFO' | 'WARNING';
	read: string | null;
}

export interface TaskRec {
	id: number;
	project_id: number;
	type: string;
	created: number;
	status: string;
	document_count?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The pre-trained model every account sees (ABSA, hotels). */
export const PRETRAINED_CLASSES: Array<{ name: string; keywords: string[] }> = [
	{ name: 'Cleanliness', keywords: ['clean', 'dirty', 'dust', 'smelly', 'towels'] },
	{ name: 'Comfort', keywords: ['bed', 'room', 'comfortable', 'quiet', 'noisy', 'pillow'] },
	{ name: 'Food', keywords: ['breakfast', 'food', 'dinner', 'restaurant', 'coffee'] },
	{ name: 'Location', keywords: ['location', 'beach', 'center', 'near', 'station'] },
	{ name: 'Staff', keywords: ['staff', 'reception', 'friendly', 'service', 'rude', 'helpful'] },
];

const ABSA_LABELS = ['POS', 'NEG', 'NEU'];

export class DeepOpinionStore {
	users = new Map<number, UserRec>();
	keys = new Map<number, KeyRec>();
	workspaces = new Map<number, WorkspaceRec>();
	invitations = new Map<number, InvitationRec>();
	projects = new Map<number, ProjectRec>();
	documents = new Map<number, DocumentRec>();
	files = new Map<string, FileRec>();
	groups = new Map<number, GroupRec>();
	analyses = new Map<number, AnalysisRec>();
	models = new Map<number, ModelRec>();
	sessions = new Map<number, SessionRec>();
	hitls = new Map<number, HitlRec>();
	reviews = new Map<number, ReviewRec>();
	notifications = new Map<number, NotificationRec>();
	tasks = new Map<number, TaskRec>();
	passwordResets = new Map<string, number>();
	/** Tokens issued before this moment are refused (admin "expire tokens"). */
	tokensValidAfter = 0;
	/** External sources that pulls may use, by credential id. */
	externalCredentials = new Set<number>([1]);
	private counters = new Map<string, number>();
	private prng: Prng;
	private readonly secret: Buffer;

	constructor(
		private readonly seed: Seed,
		readonly timing: Timing,
		private readonly seedUsers: ReadonlyArray<{ email: string; password: string; first_name?: string; last_name?: string }>,
		readonly now: () => number = Date.now,
	) {
		this.prng = new Prng((seedToUint32(seed) ^ 0xde0b1) >>> 0);
		this.secret = Buffer.from(this.prng.hex(64), 'hex');
		this.clear();
	}

	clear(): void {
		for (const map of [this.users, this.keys, this.workspaces, this.invitations, this.projects, this.documents, this.files, this.groups, this.analyses, this.models, this.sessions, this.hitls, this.reviews, this.notifications, this.tasks, this.passwordResets]) map.clear();
		this.counters.clear();
		this.prng = new Prng((seedToUint32(this.seed) ^ 0xde0b1) >>> 0);
		this.prng.hex(64); // the token secret stays the same across resets
		this.tokensValidAfter = 0;
		this.externalCredentials = new Set([1]);
		const workspace = this.createWorkspace('Default workspace', 'Created with the account', 0);
		for (const u of this.seedUsers) {
			const user = this.createUser({ email: u.email, password: u.password, first_name: u.first_name ?? 'Dev', last_name: u.last_name ?? 'User' });
			workspace.permissions.push({ id: this.nextId('permission'), user_id: user.id, role: 'ADMIN' });
			workspace.defaultFor.add(user.id);
		}
		this.createPretrainedModel();
	}

	nextId(kind: string): number {
		const id = (this.counters.get(kind) ?? 0) + 1;
		this.counters.set(kind, id);
		return id;
	}

	uuid(): string {
		const h = this.prng.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}

	randomHex(n: number): string {
		return this.prng.hex(n);
	}

	nowIso(): string {
		return iso(this.now());
	}

	// --- auth ----------------------------------------------------------------------------------

	issueToken(userId: number, ttlMs: number): string {
		const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		const iat = this.now();
		const head = `${enc({ typ: 'JWT', alg: 'HS256' })}.${enc({ sub: userId, iat: Math.floor(iat / 1000), iat_ms: iat, exp: Math.floor((iat + ttlMs) / 1000), exp_ms: iat + ttlMs, iss: 'deepopinion.ai' })}`;
		return `${head}.${createHmac('sha256', this.secret).update(head).digest('base64url')}`;
	}

	/** The user id of a valid, unexpired token; throws 401 otherwise. */
	verifyToken(token: string): number {
		const parts = token.split('.');
		if (parts.length !== 3) throw new HttpError(401, 'Invalid token. Please log in again.');
		const expected = createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'Invalid token. Please log in again.');
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { sub: number; exp_ms: number; iat_ms: number };
		if (payload.exp_ms <= this.now() || payload.iat_ms < this.tokensValidAfter) throw new HttpError(401, 'Signature expired. Please log in again.');
		if (!this.users.has(payload.sub)) throw new HttpError(401, 'Invalid token. Please log in again.');
		return payload.sub;
	}

	// --- users ---------------------------------------------------------------------------------

	createUser(fields: { email: string; password: string; first_name?: string; last_name?: string }): UserRec {
		if ([...this.users.values()].some((u) => u.email.toLowerCase() === fields.email.toLowerCase())) throw conflict('User already exists. Please Log in.');
		const user: UserRec = {
			id: this.nextId('user'),
			email: fields.email,
			password: fields.password,
			first_name: fields.first_name ?? '',
			last_name: fields.last_name ?? '',
			is_superuser: false,
			is_betauser: false,
			registered_on: this.nowIso(),
			verified: true,
		};
		this.users.set(user.id, user);
		const key: KeyRec = { id: this.nextId('key'), user_id: user.id, created: this.nowIso(), name: 'Default key', token: this.prng.hex(32) };
		this.keys.set(key.id, key);
		return user;
	}

	getUser(id: number): UserRec {
		const user = this.users.get(id);
		if (!user) throw notFound(`User ${id} does not exist.`);
		return user;
	}

	findUserByEmail(email: string): UserRec | undefined {
		return [...this.users.values()].find((u) => u.email.toLowerCase() === String(email).toLowerCase());
	}

	notify(userId: number, title: string, text: string, type: 'INFO' | 'WARNING' = 'INFO'): void {
		const n: NotificationRec = { id: this.nextId('notification'), user_id: userId, title, text, created: this.nowIso(), type, read: null };
		this.notifications.set(n.id, n);
	}

	private notifyAll(title: string, text: string, type: 'INFO' | 'WARNING' = 'INFO'): void {
		for (const user of this.users.values()) this.notify(user.id, title, text, type);
	}

	// --- workspaces ----------------------------------------------------------------------------

	createWorkspace(name: string, description: string, ownerId: number): WorkspaceRec {
		const ws: WorkspaceRec = { id: this.nextId('workspace'), name, description, created: this.nowIso(), is_beta: false, is_read_only: false, active: true, permissions: [], defaultFor: new Set() };
		if (ownerId) ws.permissions.push({ id: this.nextId('permission'), user_id: ownerId, role: 'ADMIN' });
		this.workspaces.set(ws.id, ws);
		return ws;
	}

	getWorkspace(id: number): WorkspaceRec {
		const ws = this.workspaces.get(id);
		if (!ws) throw notFound(`Workspace ${id} does not exist.`);
		return ws;
	}

	// --- projects ------------------------------------------------------------------------------

	getProject(id: number): ProjectRec {
		const project = this.projects.get(id);
		if (!project) throw notFound(`Project ${id} does not exist.`);
		return project;
	}

	createProject(name: string, type: ProjectType, organizationId = 1): ProjectRec {
		const project: ProjectRec = {
			id: this.nextId('project'),
			name,
			type,
			status: 'CREATED',
			created: this.nowIso(),
			external_id: 400 + this.nextId('external'),
			organization_id: organizationId,
			classes: [],
			labels: [],
		};
		// ABSA projects come with the sentiment labels, which cannot be deleted.
		if (type === 'ABSA') project.labels = ABSA_LABELS.map((name) => ({ id: this.nextId('label'), name }));
		this.projects.set(project.id, project);
		return project;
	}

	addClass(project: ProjectRec, fields: { name: string; example?: string; description?: string }): ClassRec {
		if (project.type === 'LABEL') throw badRequest('You cannot add classes to a LABEL project');
		if (project.classes.some((c) => c.name.toLowerCase() === fields.name.toLowerCase())) throw conflict(`Class "${fields.name}" already exists in project ${project.id}`);
		const rec: ClassRec = { id: this.nextId('class'), name: fields.name, example: fields.example ?? '', description: fields.description ?? '' };
		project.classes.push(rec);
		return rec;
	}

	addLabel(project: ProjectRec, name: string): LabelRec {
		if (project.type === 'ABSA') throw badRequest('You cannot add labels to an ABSA project');
		if (project.type === 'CLASS') throw badRequest('You cannot add labels to a CLASS project');
		if (project.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) throw conflict(`Label "${name}" already exists in project ${project.id}`);
		const rec: LabelRec = { id: this.nextId('label'), name };
		project.labels.push(rec);
		return rec;
	}

	/** The tagging model of a project (its classes and labels) for labeling and corrections. */
	projectTagger(project: ProjectRec): TaggingModel {
		return {
			type: project.type,
			classes: project.classes.map((c) => ({ name: c.name, keywords: classKeywords(c) })),
			labels: project.labels.map((l) => l.name),
		};
	}

	// --- documents -----------------------------------------------------------------------------

	getDocument(projectId: number, id: number): DocumentRec {
		const doc = this.documents.get(id);
		if (!doc || doc.project_id !== projectId) throw notFound(`Document ${id} does not exist in project ${projectId}.`);
		return doc;
	}

	createDocument(projectId: number, text: string, options: { split?: boolean; meta?: Record<string, unknown>; tagger?: TaggingModel; segments?: Array<{ text: string; span?: [number, number]; tags?: TagOut[] }>; name?: string; pages?: number } = {}): DocumentRec {
		const segments = options.segments?.length
			? options.segments.map((s) => ({ text: s.text, span: s.span ?? locate(text, s.text), tags: s.tags ?? [] }))
			: segment(text, options.split ?? true).map((s) => ({ ...s, tags: options.tagger ? tagSegment(options.tagger, s.text) : [] }));
		const doc: DocumentRec = {
			id: this.nextId('document'),
			project_id: projectId,
			text,
			segments: segments.map((s) => ({ id: this.nextId('segment'), text: s.text, span: s.span, tags: s.tags.map((t) => ({ ...t, id: this.nextId('tag') })) })),
			meta: options.meta ?? {},
			group_ids: [],
			annotation_ids: [],
			created: this.nowIso(),
			name: options.name,
			pages: options.pages,
		};
		this.documents.set(doc.id, doc);
		return doc;
	}

	/** New text: new segments (sentence split), tags dropped. */
	resegment(doc: DocumentRec, text: string): void {
		doc.text = text;
		doc.segments = segment(text, true).map((s) => ({ id: this.nextId('segment'), text: s.text, span: s.span, tags: [] }));
	}

	projectDocuments(projectId: number): DocumentRec[] {
		return [...this.documents.values()].filter((d) => d.project_id === projectId);
	}

	// --- files ---------------------------------------------------------------------------------

	storeFile(name: string, format: string, rows: unknown[][]): FileRec {
		const rec: FileRec = { id: this.uuid(), name, format, rows, created: this.nowIso() };
		this.files.set(rec.id, rec);
		return rec;
	}

	getFile(id: unknown): FileRec {
		const rec = typeof id === 'string' ? this.files.get(id) : undefined;
		if (!rec) throw notFound(`File ${String(id)} does not exist. Upload it first.`);
		return rec;
	}

	/**
	 * The documents of an uploaded file: the text of `column` (0-based) or `column_name`, one per row.
	 * With header_first (default) the first row is the header and is skipped.
	 */
	fileTexts(file: FileRec, options: { column?: number; column_name?: string; header_first?: boolean }): Array<{ text: string; meta: Record<string, unknown> }> {
		const headerFirst = options.header_first ?? true;
		const header = (file.rows[0] ?? []).map((h) => String(h ?? ''));
		let index: number;
		if (options.column_name !== undefined) {
			index = header.indexOf(options.column_name);
			if (index < 0 || !headerFirst) throw badRequest(`column_name: the file has no column "${options.column_name}" (columns: ${header.join(', ')})`);
		} else if (options.column !== undefined) {
			index = options.column;
			const width = Math.max(...file.rows.map((r) => r.length));
			if (!Number.isInteger(index) || index < 0 || index >= width) throw badRequest(`column: the file has columns 0..${width - 1}, got ${options.column}`);
		} else {
			throw badRequest('column: column or column_name is required with file_id');
		}
		const rows = headerFirst ? file.rows.slice(1) : file.rows;
		return rows
			.map((row) => ({ text: row[index] === null || row[index] === undefined ? '' : String(row[index]), meta: Object.fromEntries(header.map((h, i) => [h || `column_${i}`, row[i] ?? null]).filter(([, v], i) => i !== index && v !== null)) }))
			.filter((d) => d.text.trim() !== '');
	}

	// --- external sources ----------------------------------------------------------------------

	/** Deterministic "external" records for a connected source (credential_id + source). */
	externalTexts(credentialId: number, source: string, parameters: Record<string, unknown> = {}): string[] {
		if (!this.externalCredentials.has(credentialId)) throw notFound(`Credential ${credentialId} is not connected to Studio.`);
		const limit = Math.max(1, Math.min(Number(parameters.limit ?? 5) || 5, 1000));
		const phrases = ['The staff was friendly and helpful.', 'The room was dirty.', 'Breakfast was great!', 'The location near the beach is perfect.', 'Reception was slow and rude.'];
		return Array.from({ length: limit }, (_, i) => `${source} #${i + 1}: ${phrases[(i + credentialId) % phrases.length]}`);
	}

	// --- groups --------------------------------------------------------------------------------

	getGroup(projectId: number, id: number): GroupRec {
		const group = this.groups.get(id);
		if (!group || group.project_id !== projectId) throw notFound(`Group ${id} does not exist in project ${projectId}.`);
		return group;
	}

	createGroup(projectId: number, name: string, source: string, documentIds: number[]): GroupRec {
		const group: GroupRec = { id: this.nextId('group'), project_id: projectId, name, source, created: this.now(), document_ids: [] };
		this.groups.set(group.id, group);
		this.addToGroup(group, documentIds);
		return group;
	}

	addToGroup(group: GroupRec, documentIds: number[]): void {
		for (const id of documentIds) {
			const doc = this.getDocument(group.project_id, id);
			if (!group.document_ids.includes(id)) group.document_ids.push(id);
			if (!doc.group_ids.includes(group.id)) doc.group_ids.push(group.id);
		}
	}

	groupStatus(group: GroupRec): string {
		return this.now() - group.created < this.timing.processingMs ? 'PROCESSING' : 'READY';
	}

	// --- models --------------------------------------------------------------------------------

	private createPretrainedModel(): void {
		const model = this.newModel({ name: 'hotels-pretrained', display_name: 'Hotels Pre-Trained', type: 'ABSA', project_id: null, owner: 'DeepOpinion', organization: 'deepopinion' });
		model.classes = PRETRAINED_CLASSES.map((c) => ({ ...c }));
		model.labels = [...ABSA_LABELS];
		model.status = 'READY';
		model.public = true;
		model.score = 0.87;
		model.created = this.now() - 86_400_000;
		model.metrics = { f1: 0.87, precision: 0.88, recall: 0.86 };
		model.notified = true;
		model.short_description = 'Aspect-based sentiment for hotel reviews';
	}

	newModel(fields: Partial<ModelRec> & { name: string; display_name: string; type: ProjectType; project_id: number | null }): ModelRec {
		const model: ModelRec = {
			id: this.nextId('model'),
			uuid: this.uuid(),
			base: '',
			language: 'en',
			long_description: '',
			short_description: '',
			owner: 'Dev User',
			organization: 'default-workspace',
			created: this.now(),
			status: 'CREATED',
			score: 0,
			public: false,
			starred: false,
			collection_id: null,
			classes: [],
			labels: [],
			annotation_ids: [],
			metrics: {},
			notified: false,
			fields: ['First name', 'Last name', 'Invoice number', 'Total'],
			...fields,
		};
		this.models.set(model.id, model);
		return model;
	}

	getModel(id: number): ModelRec {
		const model = this.models.get(id);
		if (!model) throw notFound(`Model ${id} does not exist.`);
		this.advanceModel(model);
		return model;
	}

	/** Training progress by elapsed time: CREATED -> QUEUED -> TRAINING -> READY (or FAILED). */
	advanceModel(model: ModelRec): void {
		if (!model.training) return;
		const t = this.now() - model.created;
		const { queuedAfterMs, trainingAfterMs, readyAfterMs } = this.timing;
		if (t < queuedAfterMs) model.status = 'CREATED';
		else if (t < trainingAfterMs) model.status = 'QUEUED';
		else if (t < readyAfterMs) model.status = 'TRAINING';
		else {
			model.status = model.training.fail ? 'FAILED' : 'READY';
			model.training = undefined;
			if (model.status === 'READY') {
				const f1 = Math.round(hashRange(`f1:${model.id}:${model.name}`, 0.7, 0.95) * 1000) / 1000;
				model.score = f1;
				model.metrics = {
					f1,
					precision: Math.round(Math.min(0.99, f1 + 0.02) * 1000) / 1000,
					recall: Math.round(Math.max(0.5, f1 - 0.02) * 1000) / 1000,
					accuracy: Math.round(Math.min(0.99, f1 + 0.04) * 1000) / 1000,
					train_size: this.trainingDocuments(model),
				};
			}
		}
		if (!model.notified && (model.status === 'READY' || model.status === 'FAILED')) {
			model.notified = true;
			if (model.status === 'READY') this.notifyAll('Model is ready', `Your model '${model.display_name}' is ready to be used`);
			else this.notifyAll('Model training failed', `Your model '${model.display_name}' could not be trained`, 'WARNING');
		}
	}

	modelProgress(model: ModelRec): number {
		if (model.status === 'READY' || model.status === 'FAILED' || model.status === 'ACTIVE' || model.status === 'PUBLISHED') return 100;
		if (model.status !== 'TRAINING') return 0;
		const t = this.now() - model.created;
		const { trainingAfterMs, readyAfterMs } = this.timing;
		return Math.round(((t - trainingAfterMs) / Math.max(1, readyAfterMs - trainingAfterMs)) * 10000) / 100;
	}

	private trainingDocuments(model: ModelRec): number {
		return model.annotation_ids.reduce((sum, id) => sum + (this.sessions.get(id)?.document_ids.length ?? 0), 0);
	}

	tagger(model: ModelRec): TaggingModel {
		return { type: model.type, classes: model.classes, labels: model.labels };
	}

	// --- analyses ------------------------------------------------------------------------------

	createAnalysis(model: ModelRec, name: string, texts: Array<{ text: string; id?: unknown; meta?: Record<string, unknown> }>, split: boolean, projectId: number | null): AnalysisRec {
		const tagger = this.tagger(model);
		const analysis: AnalysisRec = {
			id: this.nextId('analysis'),
			uuid: this.uuid(),
			name,
			model_id: model.id,
			project_id: projectId,
			type: model.type,
			description: '',
			created: this.now(),
			durationMs: Math.max(this.timing.analysisMinMs, Math.round(texts.length * this.timing.analysisMsPerDocument)),
			failed: false,
			documents: texts.map((t) => ({
				id: this.nextId('document'),
				text: t.text,
				meta: { ...(t.meta ?? {}), ...(t.id !== undefined && t.id !== null && t.id !== '' ? { id: t.id } : {}) },
				segments: segment(t.text, split).map((s) => ({ id: this.nextId('segment'), ...s, tags: tagSegment(tagger, s.text) })),
			})),
			classes: model.classes.map((c, i) => ({ id: i + 1, name: c.name, example: '', description: '' })),
			labels: model.labels.map((l, i) => ({ id: i + 1, name: l })),
			notified: false,
		};
		this.analyses.set(analysis.id, analysis);
		return analysis;
	}

	getAnalysis(id: number): AnalysisRec {
		const analysis = this.analyses.get(id);
		if (!analysis) throw notFound(`Analysis ${id} does not exist.`);
		return analysis;
	}

	/** CREATED (first 10%), STARTED with progress, then FINISHED with `finished` set. */
	analysisState(analysis: AnalysisRec): { status: string; progress: number; finished: string | null } {
		const elapsed = this.now() - analysis.created;
		const fraction = Math.min(1, elapsed / analysis.durationMs);
		let state: { status: string; progress: number; finished: string | null };
		if (fraction >= 1) state = { status: analysis.failed ? 'FAILED' : 'FINISHED', progress: 100, finished: iso(analysis.created + analysis.durationMs) };
		else state = { status: fraction < 0.1 ? 'CREATED' : 'STARTED', progress: Math.round(fraction * 1000) / 10, finished: null };
		if (fraction >= 1 && !analysis.notified) {
			analysis.notified = true;
			this.notifyAll(analysis.failed ? 'Analysis failed' : 'Analysis is ready', `Your analysis '${analysis.name}' ${analysis.failed ? 'failed' : 'has finished'}`, analysis.failed ? 'WARNING' : 'INFO');
		}
		return state;
	}

	// --- sessions ------------------------------------------------------------------------------

	getSession(projectId: number, id: number, mode: 'ANNOTATION' | 'CORRECTION'): SessionRec {
		const session = this.sessions.get(id);
		if (!session || session.project_id !== projectId || session.mode !== mode) throw notFound(`${mode === 'ANNOTATION' ? 'Labeling' : 'Correction'} session ${id} does not exist in project ${projectId}.`);
		return session;
	}

	createSession(project: ProjectRec, mode: 'ANNOTATION' | 'CORRECTION', name: string, documentIds: number[], userId: number, options: { classes?: string[]; labels?: string[]; model_id?: number | null } = {}): SessionRec {
		const group = this.createGroup(project.id, `${name} documents`, mode === 'ANNOTATION' ? 'ANNOTATION' : 'CORRECTION', documentIds);
		const session: SessionRec = {
			id: this.nextId('session'),
			uuid: this.uuid(),
			project_id: project.id,
			mode,
			name,
			type: project.type,
			created: this.now(),
			document_group_id: group.id,
			document_ids: [...documentIds],
			classes: options.classes ?? project.classes.map((c) => c.name),
			labels: options.labels ?? project.labels.map((l) => l.name),
			model_id: options.model_id ?? null,
			annotatedSegments: new Map(),
			annotatedPages: new Map(),
			annotatedDocuments: new Map(),
			predicted_score: 0,
			user_id: userId,
		};
		for (const id of documentIds) this.getDocument(project.id, id).annotation_ids.push(session.id);
		this.sessions.set(session.id, session);
		return session;
	}

	/** Share of segments marked annotated, in percent. */
	sessionProgress(session: SessionRec): number {
		let total = 0;
		let done = 0;
		for (const id of session.document_ids) {
			const doc = this.documents.get(id);
			if (!doc) continue;
			total += doc.segments.length;
			if (session.annotatedDocuments.has(id)) done += doc.segments.length;
			else done += session.annotatedSegments.get(id)?.size ?? 0;
		}
		return total ? Math.round((done / total) * 1000) / 10 : 0;
	}

	sessionStatus(session: SessionRec): string {
		if (this.now() - session.created < this.timing.processingMs) return session.mode === 'CORRECTION' ? 'PREDICTING' : 'CREATED';
		const progress = this.sessionProgress(session);
		return progress >= 100 ? 'FINISHED' : progress > 0 ? 'ANNOTATING' : 'STARTED';
	}

	// --- HITL ----------------------------------------------------------------------------------

	getHitl(projectId: number, id: number): HitlRec {
		const hitl = this.hitls.get(id);
		if (!hitl || hitl.project_id !== projectId) throw notFound(`HITL ${id} does not exist in project ${projectId}.`);
		return hitl;
	}

	// --- tasks ---------------------------------------------------------------------------------

	createTask(projectId: number, type: string, documentCount?: number): TaskRec {
		const task: TaskRec = { id: this.nextId('task'), project_id: projectId, type, created: this.now(), status: 'FINISHED', document_count: documentCount };
		this.tasks.set(task.id, task);
		return task;
	}

	/** Builds a project document store view for model training: the documents of labeling sessions. */
	trainModel(project: ProjectRec, fields: { display_name?: string; name?: string; language?: string; base_id?: number }, annotationIds: number[]): ModelRec {
		const sessions = annotationIds.map((id) => this.getSession(project.id, id, 'ANNOTATION'));
		const documents = new Set(sessions.flatMap((s) => s.document_ids));
		const name = fields.name ?? fields.display_name ?? `model-${project.id}-${this.nextId('trainingName')}`;
		if ([...this.models.values()].some((m) => m.name === name && m.project_id !== null)) throw conflict(`A model named "${name}" already exists in this workspace`);
		const base = fields.base_id ? this.getModel(fields.base_id) : undefined;
		const model = this.newModel({
			name,
			display_name: fields.display_name ?? name,
			language: fields.language ?? 'en',
			type: project.type,
			project_id: project.id,
			base: base?.display_name ?? '',
			annotation_ids: annotationIds,
		});
		model.classes = project.classes.map((c) => ({ name: c.name, keywords: classKeywords(c) }));
		model.labels = project.labels.map((l) => l.name);
		// Training fails (deterministically) when the sessions hold no documents.
		model.training = { fail: documents.size === 0 };
		return model;
	}
}

/** Where `part` occurs in `text` (or [0, length] when it does not). */
function locate(text: string, part: string): [number, number] {
	const at = text.indexOf(part);
	return at >= 0 ? [at, at + part.length] : [0, part.length];
}
