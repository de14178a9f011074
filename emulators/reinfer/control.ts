import { notFound } from '../core';
import type { ApiComment } from './comments';
import { cloneLabels, parseLabelDefs, parseThreshold, type LabelDef } from './labels';
import { checkName } from './resources';
import { commentToApi, type DatasetInfo, type ReinferStore, type SourceInfo, type TriggerRecord } from './store';
import { pendingCount } from './triggers';

/** A label as configured through the admin API or `setLabels` (probability defaults to 0.9, sentiment to 0). */
export interface LabelConfig {
	name: string[] | string;
	keywords?: string[];
	probability?: number;
	sentiment?: number;
}

export interface TriggerState {
	owner: string;
	dataset: string;
	name: string;
	threshold: number;
	committed_sequence_id: string;
	fetched_sequence_id: string;
	/** Comments a fetch could still deliver after the committed position. */
	pending: number;
}

export interface CreateTriggerInput {
	/** Defaults to the emulator's owner. */
	owner?: string;
	dataset: string;
	name: string;
	/** Threshold for the labels attached to fetched results (default 0: all). */
	threshold?: number;
}

export interface ReinferState {
	owner: string;
	last_sequence_id: string;
	sources: (SourceInfo & { comment_count: number })[];
	datasets: (DatasetInfo & { labels: LabelDef[]; entities_enabled: boolean })[];
	triggers: TriggerState[];
}

/** Programmatic inspection and control of the emulated platform; the admin routes use it too. */
export class ReinferControl {
	constructor(
		private readonly store: ReinferStore,
		/** The default owner (the account's username). */
		readonly owner: string,
	) {}

	sources(): SourceInfo[] {
		return this.store.listSources().map((s) => structuredClone(s.info));
	}

	source(owner: string, name: string): SourceInfo | undefined {
		const source = this.store.findSource(owner, name);
		return source && structuredClone(source.info);
	}

	datasets(): DatasetInfo[] {
		return this.store.listDatasets().map((d) => structuredClone(d.info));
	}

	dataset(owner: string, name: string): DatasetInfo | undefined {
		const dataset = this.store.findDataset(owner, name);
		return dataset && structuredClone(dataset.info);
	}

	commentCount(sourceId: string): number {
		return this.store.getSourceById(sourceId).comments.size;
	}

	/** Comments of a source in insertion order (O(n): for tests, not for a million comments). */
	listComments(sourceId: string, options: { offset?: number; limit?: number } = {}): ApiComment[] {
		const source = this.store.getSourceById(sourceId);
		const offset = options.offset ?? 0;
		const end = offset + (options.limit ?? Infinity);
		const out: ApiComment[] = [];
		let i = 0;
		for (const [id, comment] of source.comments) {
			if (i >= end) break;
			if (i++ >= offset) out.push(commentToApi(source, id, comment));
		}
		return out;
	}

	comment(sourceId: string, commentId: string): ApiComment | undefined {
		const source = this.store.sources.get(sourceId);
		const comment = source?.comments.get(commentId);
		return source && comment && commentToApi(source, commentId, comment);
	}

	labels(owner: string, dataset: string): LabelDef[] {
		return cloneLabels(this.store.getDataset(owner, dataset).labels);
	}

	setLabels(owner: string, dataset: string, labels: readonly LabelConfig[]): LabelDef[] {
		this.store.getDataset(owner, dataset).labels = parseLabelDefs(labels);
		return this.labels(owner, dataset);
	}

	setEntitiesEnabled(owner: string, dataset: string, enabled: boolean): void {
		this.store.getDataset(owner, dataset).entitiesEnabled = enabled;
	}

	createTrigger(input: CreateTriggerInput): TriggerState {
		const dataset = this.store.getDataset(input.owner ?? this.owner, input.dataset);
		const trigger = this.store.createTrigger(dataset, checkName('trigger name', input.name), parseThreshold(input.threshold));
		return this.describe(trigger);
	}

	deleteTrigger(owner: string, dataset: string, name: string): void {
		this.store.deleteTrigger(this.store.getDataset(owner, dataset), name);
	}

	triggers(): TriggerState[] {
		return [...this.store.triggers.values()].map((t) => this.describe(t));
	}

	triggerPosition(owner: string, dataset: string, name: string): TriggerState {
		return this.describe(this.store.getTrigger(this.store.getDataset(owner, dataset), name));
	}

	lastSequenceId(): number {
		return this.store.lastSeq;
	}

	state(): ReinferState {
		return {
			owner: this.owner,
			last_sequence_id: String(this.store.lastSeq),
			sources: this.store.listSources().map((s) => ({ ...structuredClone(s.info), comment_count: s.comments.size })),
			datasets: this.store.listDatasets().map((d) => ({
				...structuredClone(d.info),
				labels: cloneLabels(d.labels),
				entities_enabled: d.entitiesEnabled,
			})),
			triggers: this.triggers(),
		};
	}

	private describe(trigger: TriggerRecord): TriggerState {
		const dataset = this.store.datasets.get(trigger.datasetId);
		if (!dataset) throw notFound(`dataset of trigger ${trigger.name} is gone`);
		return {
			owner: dataset.info.owner,
			dataset: dataset.info.name,
			name: trigger.name,
			threshold: trigger.threshold,
			committed_sequence_id: String(trigger.committed),
			fetched_sequence_id: String(trigger.fetched),
			pending: pendingCount(this.store, dataset, trigger),
		};
	}
}
