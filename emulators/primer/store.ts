import { createHmac, randomBytes } from 'node:crypto';
import { notFound, Prng, type Seed } from '../core';
import { defaultModels, type ModelRecord } from './models';
import type { ParsedDocument } from './upload';

/** In-memory Primer Automate state: users and tokens, datasets and documents, models, jobs. */

export interface PrimerUser {
	username: string;
	password: string;
	/** A 64-bit id, as text. */
	user_id: string;
	org_id: number;
	annotator_name: string;
}

export interface PrimerSettings {
	/** Lifetime of tokens issued by the login (ms). */
	tokenTtlMs: number;
	/** A bulk job is PENDING this long, then PROCESSING. */
	jobQueuedMs: number;
	/** A bulk job is PROCESSING this long plus `jobMsPerDocument` per document. */
	jobProcessingMs: number;
	jobMsPerDocument: number;
	/** A deployment takes this long before the model serves. */
	deployMs: number;
	/** Rows per chunk written to a predictions download. */
	downloadChunkRows: number;
	/** Pause between chunks of a download (ms), to make the stream observable. */
	downloadChunkDelayMs: number;
}

export const DEFAULT_SETTINGS: PrimerSettings = {
	tokenTtlMs: 3_600_000,
	jobQueuedMs: 200,
	jobProcessingMs: 800,
	jobMsPerDocument: 0,
	deployMs: 1_500,
	downloadChunkRows: 500,
	downloadChunkDelayMs: 0,
};

export interface StoredDocument extends ParsedDocument {
	id: string;
	labeledBy?: string;
	labeledAt?: string;
}

export interface DatasetInfo {
	is_archived: boolean;
	description: string | null;
	creation_date: string;
	modified_date: string;
	num_documents: number;
	org_id: number;
	display_name: string;
	id: string;
	document_type: string;
	user_id: string;
	models: Array<{ name: string; id: string }>;
}

export interface DatasetRecord {
	info: DatasetInfo;
	documents: StoredDocument[];
}

export interface JobRecord {
	id: number;
	datasetId: string;
	modelId: string;
	createdAt: number;
	documents: number;
	/** Failure reason, when the job is set to fail. */
	failure?: string;
}

export interface TokenRecord {
	username: string;
	expiresAt: number;
}

export interface AuthCounters {
	logins: number;
	failedLogins: number;
	expired: number;
	invalid: number;
}

/** One-shot faults beyond the generic ones: answer with `status` after the request was applied. */
export interface AfterCommitFault {
	method: string;
	path: string;
	remaining: number;
	status: number;
}

export const isoNow = () => new Date().toISOString().replace('Z', '+00:00');

export class PrimerStore {
	readonly datasets = new Map<string, DatasetRecord>();
	readonly models = new Map<string, ModelRecord>();
	readonly jobs = new Map<number, JobRecord>();
	readonly tokens = new Map<string, TokenRecord>();
	/** Every token issued since the last reset (the newest 1,000), for leak checks in tests. */
	readonly issued: string[] = [];
	readonly staticTokens: Set<string>;
	settings: PrimerSettings;
	auth: AuthCounters = { logins: 0, failedLogins: 0, expired: 0, invalid: 0 };
	failNextJobs: string[] = [];
	failNextDeployments: string[] = [];
	afterCommit: AfterCommitFault[] = [];
	/** Drop the connection of the next predictions download after this many rows (once). */
	dropDownloadAfterRows: number | undefined;
	private prng: Prng;
	private nextJobId = 16_443;
	private readonly signingKey = randomBytes(32);

	constructor(
		readonly users: PrimerUser[],
		staticTokens: readonly string[],
		private readonly seed: Seed,
		private readonly initialSettings: PrimerSettings,
	) {
		this.staticTokens = new Set(staticTokens);
		this.settings = { ...initialSettings };
		this.prng = new Prng(seed);
		this.clear();
	}

	clear(): void {
		this.datasets.clear();
		this.jobs.clear();
		this.tokens.clear();
		this.issued.length = 0;
		this.models.clear();
		for (const model of defaultModels()) this.models.set(model.id, model);
		this.settings = { ...this.initialSettings };
		this.auth = { logins: 0, failedLogins: 0, expired: 0, invalid: 0 };
		this.failNextJobs = [];
		this.failNextDeployments = [];
		this.afterCommit = [];
		this.dropDownloadAfterRows = undefined;
		this.prng = new Prng(this.seed);
		this.nextJobId = 16_443;
	}

	uuid(): string {
		const hex = this.prng.hex(32).split('');
		hex[12] = '4';
		hex[16] = '89ab'[parseInt(hex[16], 16) & 3];
		const h = hex.join('');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
	}

	// --- auth ------------------------------------------------------------------------------------

	/** Issues a signed JWT (HS256) whose `exp` matches the server-side expiry. */
	issueToken(user: PrimerUser): { token: string; expiresIn: number } {
		const now = Date.now();
		const expiresAt = now + this.settings.tokenTtlMs;
		const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user.username, user_id: user.user_id, iat: now / 1000, exp: expiresAt / 1000, jti: this.prng.hex(16) })}`;
		const token = `${body}.${createHmac('sha256', this.signingKey).update(body).digest('base64url')}`;
		this.tokens.set(token, { username: user.username, expiresAt });
		this.issued.push(token);
		if (this.issued.length > 1000) this.issued.shift();
		return { token, expiresIn: Math.round(this.settings.tokenTtlMs / 1000) };
	}

	revokeTokens(): number {
		const n = this.tokens.size;
		this.tokens.clear();
		return n;
	}

	user(username: string): PrimerUser | undefined {
		return this.users.find((u) => u.username === username);
	}

	// --- datasets --------------------------------------------------------------------------------

	getDataset(id: string): DatasetRecord {
		const dataset = this.datasets.get(id);
		if (!dataset) throw notFound(`Dataset ${id} does not exist`);
		return dataset;
	}

	getModel(id: string): ModelRecord {
		const model = this.models.get(id);
		if (!model) throw notFound(`Model ${id} does not exist`);
		return model;
	}

	createDataset(fields: Omit<DatasetInfo, 'id' | 'creation_date' | 'modified_date' | 'models'>): DatasetRecord {
		const now = isoNow();
		const record: DatasetRecord = { info: { ...fields, id: this.uuid(), creation_date: now, modified_date: now, models: [] }, documents: [] };
		this.datasets.set(record.info.id, record);
		return record;
	}

	linkModel(dataset: DatasetRecord, model: ModelRecord): void {
		if (!dataset.info.models.some((m) => m.id === model.id)) dataset.info.models.push({ name: model.name, id: model.id });
	}

	addDocuments(dataset: DatasetRecord, documents: ParsedDocument[], user: PrimerUser | undefined): number {
		const now = isoNow();
		for (const doc of documents) {
			const stored: StoredDocument = { ...doc, id: doc.id ?? String(dataset.documents.length + 1) };
			if (doc.labels?.length) {
				stored.labeledBy = user?.annotator_name ?? 'API user';
				stored.labeledAt = now;
			}
			dataset.documents.push(stored);
		}
		dataset.info.num_documents = dataset.documents.length;
		dataset.info.modified_date = now;
		return documents.length;
	}

	// --- jobs ------------------------------------------------------------------------------------

	createJob(dataset: DatasetRecord, model: ModelRecord): JobRecord {
		const job: JobRecord = { id: this.nextJobId++, datasetId: dataset.info.id, modelId: model.id, createdAt: Date.now(), documents: dataset.documents.length };
		const failure = this.failNextJobs.shift();
		if (failure !== undefined) job.failure = failure;
		this.jobs.set(job.id, job);
		return job;
	}

	getJob(id: number): JobRecord {
		const job = this.jobs.get(id);
		if (!job) throw notFound(`Prediction request ${id} does not exist`);
		return job;
	}

	jobStatus(job: JobRecord, now = Date.now()): { status: string; message?: string } {
		const { jobQueuedMs, jobProcessingMs, jobMsPerDocument } = this.settings;
		const elapsed = now - job.createdAt;
		if (elapsed < jobQueuedMs) return { status: 'PENDING' };
		if (elapsed < jobQueuedMs + jobProcessingMs + job.documents * jobMsPerDocument) return { status: 'PROCESSING' };
		return job.failure !== undefined ? { status: 'FAILED', message: job.failure } : { status: 'COMPLETED' };
	}

	/** Whether a completed job has produced predictions of `modelId` for `datasetId`. */
	hasPredictions(datasetId: string, modelId: string): boolean {
		for (const job of this.jobs.values()) if (job.datasetId === datasetId && job.modelId === modelId && this.jobStatus(job).status === 'COMPLETED') return true;
		return false;
	}

	// --- deployments -----------------------------------------------------------------------------

	/** Moves a deployment on when its time has come. */
	refreshDeployment(model: ModelRecord, now = Date.now()): ModelRecord['deployment'] {
		const d = model.deployment;
		if (d.state === 'deploying' && d.readyAt !== undefined && now >= d.readyAt) {
			if (d.failNext !== undefined) {
				d.state = 'failed';
				d.message = d.failNext;
				d.failNext = undefined;
			} else {
				d.state = 'deployed';
				d.version++;
			}
			d.readyAt = undefined;
		}
		return d;
	}

	deploy(model: ModelRecord): void {
		const d = this.refreshDeployment(model);
		if (d.state === 'deploying') return;
		// A deployed model keeps serving its current version while the new one deploys.
		if (d.state === 'deployed') {
			d.version++;
			return;
		}
		d.state = 'deploying';
		d.message = undefined;
		d.readyAt = Date.now() + this.settings.deployMs;
		const failure = this.failNextDeployments.shift();
		if (failure !== undefined) d.failNext = failure;
	}
}
