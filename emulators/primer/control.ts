import { HttpError } from '../core';
import type { DeploymentState, LabelDef, ModelRecord, ModelType } from './models';
import type { AfterCommitFault, AuthCounters, DatasetInfo, PrimerSettings, PrimerStore, StoredDocument } from './store';

export interface ModelInput {
	id: string;
	name: string;
	model_type?: ModelType;
	labels?: Array<{ label: string; keywords?: string[]; threshold?: number }>;
	/** Default `deployed`. */
	deployment?: DeploymentState;
}

export interface PrimerState {
	auth: AuthCounters & { activeTokens: number };
	settings: PrimerSettings;
	datasets: DatasetInfo[];
	models: Array<{ id: string; name: string; model_type: ModelType; deployment: DeploymentState; version: number }>;
	jobs: Array<{ request_predictions_id: number; dataset_id: string; model_id: string; status: string }>;
}

/** Programmatic inspection and control of the emulated platform; the admin routes use it too. */
export class PrimerControl {
	constructor(private readonly store: PrimerStore) {}

	get settings(): PrimerSettings {
		return { ...this.store.settings };
	}

	configure(settings: Partial<PrimerSettings>): PrimerSettings {
		for (const [key, value] of Object.entries(settings)) {
			if (!(key in this.store.settings)) throw new HttpError(400, `unknown setting "${key}" (known: ${Object.keys(this.store.settings).join(', ')})`);
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new HttpError(400, `setting "${key}" must be a number >= 0`);
		}
		Object.assign(this.store.settings, settings);
		return this.settings;
	}

	get auth(): AuthCounters {
		return { ...this.store.auth };
	}

	/** Every token the login issued (newest 1,000). */
	issuedTokens(): string[] {
		return [...this.store.issued];
	}

	/** Invalidates every token issued so far: the next request with one gets a 401. */
	revokeTokens(): number {
		return this.store.revokeTokens();
	}

	datasets(): DatasetInfo[] {
		return [...this.store.datasets.values()].map((d) => structuredClone(d.info));
	}

	dataset(id: string): DatasetInfo | undefined {
		const dataset = this.store.datasets.get(id);
		return dataset && structuredClone(dataset.info);
	}

	documents(datasetId: string, options: { offset?: number; limit?: number } = {}): StoredDocument[] {
		const docs = this.store.getDataset(datasetId).documents;
		const offset = options.offset ?? 0;
		return structuredClone(docs.slice(offset, offset + (options.limit ?? docs.length)));
	}

	documentCount(datasetId: string): number {
		return this.store.getDataset(datasetId).documents.length;
	}

	model(id: string): ModelRecord | undefined {
		const model = this.store.models.get(id);
		if (model) this.store.refreshDeployment(model);
		return model && structuredClone(model);
	}

	putModel(input: ModelInput): ModelRecord {
		if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(input.id)) throw new HttpError(400, 'model id must be a lowercase UUID');
		const labels: LabelDef[] = (input.labels ?? []).map((l) => ({ label: l.label, keywords: (l.keywords ?? [l.label]).map((k) => k.toLowerCase()), threshold: l.threshold ?? 0.5 }));
		const state = input.deployment ?? 'deployed';
		const model: ModelRecord = { id: input.id, name: input.name, model_type: input.model_type ?? 'CLF_MULTILABEL', labels, deployment: { state, version: state === 'deployed' ? 1 : 0 } };
		this.store.models.set(model.id, model);
		return structuredClone(model);
	}

	/** The next `count` bulk prediction jobs end FAILED (with `message`). */
	failNextJobs(count = 1, message = 'Prediction job failed: the model server ran out of memory'): void {
		for (let i = 0; i < count; i++) this.store.failNextJobs.push(message);
	}

	/** Makes a job end FAILED (or succeed again with `undefined`). */
	setJobFailure(id: number, message: string | undefined): void {
		this.store.getJob(id).failure = message;
	}

	/** The next `count` deployments end in a failed state. */
	failNextDeployments(count = 1, message = 'Deployment failed: no GPU capacity'): void {
		for (let i = 0; i < count; i++) this.store.failNextDeployments.push(message);
	}

	/** The next `count` matching requests are applied, then answered with `status` (default 502). */
	failAfterCommit(fault: { method: string; path: string; count?: number; status?: number }): AfterCommitFault {
		const rule: AfterCommitFault = { method: fault.method.toUpperCase(), path: fault.path, remaining: fault.count ?? 1, status: fault.status ?? 502 };
		this.store.afterCommit.push(rule);
		return { ...rule };
	}

	/** The next predictions download is cut (connection destroyed) after `rows` rows. */
	dropNextDownloadAfter(rows: number): void {
		this.store.dropDownloadAfterRows = rows;
	}

	jobs(): PrimerState['jobs'] {
		return [...this.store.jobs.values()].map((j) => ({ request_predictions_id: j.id, dataset_id: j.datasetId, model_id: j.modelId, status: this.store.jobStatus(j).status }));
	}

	state(): PrimerState {
		return {
			auth: { ...this.store.auth, activeTokens: this.store.tokens.size },
			settings: this.settings,
			datasets: this.datasets(),
			models: [...this.store.models.values()].map((m) => {
				const d = this.store.refreshDeployment(m);
				return { id: m.id, name: m.name, model_type: m.model_type, deployment: d.state, version: d.version };
			}),
			jobs: this.jobs(),
		};
	}
}
