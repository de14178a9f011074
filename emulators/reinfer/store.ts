import { badRequest, conflict, fieldPath, invalid, notFound, Prng, seedToUint32, type Seed } from '../core';
import { canonicalContent, readContent, type ApiComment, type CommentInput } from './comments';
import { cloneLabels, DEFAULT_LABELS, type LabelDef } from './labels';
import type { DatasetFields, SourceFields } from './resources';
import { serverTime } from './timestamps';

/** In-memory re:infer state: Maps keyed by id, plus owner/name indexes. */

export interface SourceInfo {
	id: string;
	owner: string;
	name: string;
	language: string;
	title: string;
	description: string;
	should_translate: boolean;
	sensitive_properties: string[];
	created_at: string;
	updated_at: string;
	last_modified: string;
}

export interface DatasetInfo {
	id: string;
	owner: string;
	name: string;
	title: string;
	description: string;
	created: string;
	last_modified: string;
	model_family: string;
	source_ids: string[];
	has_sentiment: boolean;
}

export interface StoredComment {
	/** Canonical JSON of everything but the id (see `canonicalContent`). */
	content: string;
	/** Position of the comment's latest version in the global sync sequence. */
	seq: number;
	lastModified: string;
}

/**
 * A source's comments, and its append-only sync log: entry i says comment `logIds[i]` was
 * created or changed at global sequence number `logSeqs[i]` (increasing). A log entry is live
 * while the comment's `seq` still equals it; later versions append new entries.
 */
export interface SourceRecord {
	info: SourceInfo;
	comments: Map<string, StoredComment>;
	logSeqs: number[];
	logIds: string[];
}

export interface DatasetRecord {
	info: DatasetInfo;
	labels: LabelDef[];
	entitiesEnabled: boolean;
}

export interface TriggerRecord {
	name: string;
	datasetId: string;
	/** Label threshold applied to the labels added to fetched results. */
	threshold: number;
	/** Sequence number the consumer has advanced to: fetch starts after it. */
	committed: number;
	/** Highest sequence number any fetch has returned; advance may not go beyond it. */
	fetched: number;
	created_at: string;
}

export interface SyncCounts {
	new: number;
	unchanged: number;
	updated: number;
}

const key = (owner: string, name: string) => `${owner}/${name}`;

export class ReinferStore {
	readonly sources = new Map<string, SourceRecord>();
	readonly datasets = new Map<string, DatasetRecord>();
	/** Keyed by `<datasetId>/<triggerName>`. */
	readonly triggers = new Map<string, TriggerRecord>();
	private readonly sourceIdByName = new Map<string, string>();
	private readonly datasetIdByName = new Map<string, string>();
	private ids: Prng;
	/** Last global sync sequence number handed out. */
	lastSeq = 0;

	constructor(private readonly seed: Seed) {
		this.ids = ReinferStore.idPrng(seed);
	}

	private static idPrng(seed: Seed): Prng {
		return new Prng((seedToUint32(seed) ^ 0x5eed1d5) >>> 0);
	}

	clear(): void {
		this.sources.clear();
		this.datasets.clear();
		this.triggers.clear();
		this.sourceIdByName.clear();
		this.datasetIdByName.clear();
		this.ids = ReinferStore.idPrng(this.seed);
		this.lastSeq = 0;
	}

	/** 16 lowercase hex characters, unique across sources and datasets. */
	private newId(): string {
		let id: string;
		do id = this.ids.hex(16);
		while (this.sources.has(id) || this.datasets.has(id));
		return id;
	}

	// --- sources -------------------------------------------------------------------------

	listSources(owner?: string): SourceRecord[] {
		const all = [...this.sources.values()];
		return owner === undefined ? all : all.filter((s) => s.info.owner === owner);
	}

	findSource(owner: string, name: string): SourceRecord | undefined {
		const id = this.sourceIdByName.get(key(owner, name));
		return id === undefined ? undefined : this.sources.get(id);
	}

	getSource(owner: string, name: string): SourceRecord {
		const source = this.findSource(owner, name);
		if (!source) throw notFound(`no source named ${key(owner, name)}`);
		return source;
	}

	getSourceById(id: string): SourceRecord {
		const source = this.sources.get(id);
		if (!source) throw notFound(`no source with id ${id}`);
		return source;
	}

	createSource(owner: string, name: string, fields: SourceFields): SourceRecord {
		if (this.sourceIdByName.has(key(owner, name))) throw conflict(`source ${key(owner, name)} already exists`);
		const now = serverTime();
		const info: SourceInfo = {
			id: this.newId(),
			owner,
			name,
			language: fields.language ?? 'en',
			title: fields.title ?? '',
			description: fields.description ?? '',
			should_translate: fields.should_translate ?? false,
			sensitive_properties: fields.sensitive_properties ?? [],
			created_at: now,
			updated_at: now,
			last_modified: now,
		};
		const record: SourceRecord = { info, comments: new Map(), logSeqs: [], logIds: [] };
		this.sources.set(info.id, record);
		this.sourceIdByName.set(key(owner, name), info.id);
		return record;
	}

	updateSource(owner: string, name: string, fields: SourceFields): SourceRecord {
		const source = this.getSource(owner, name);
		const now = serverTime();
		Object.assign(source.info, fields, { updated_at: now, last_modified: now });
		return source;
	}

	/** Also removes the source from every dataset that used it. */
	deleteSource(id: string): void {
		const source = this.getSourceById(id);
		this.sources.delete(id);
		this.sourceIdByName.delete(key(source.info.owner, source.info.name));
		for (const dataset of this.datasets.values()) {
			dataset.info.source_ids = dataset.info.source_ids.filter((s) => s !== id);
		}
	}

	// --- comments ------------------------------------------------------------------------

	/** Upserts a batch; a comment whose canonical content is identical counts as unchanged. */
	sync(source: SourceRecord, comments: readonly CommentInput[]): SyncCounts {
		const counts: SyncCounts = { new: 0, unchanged: 0, updated: 0 };
		const now = serverTime();
		for (const comment of comments) {
			const content = canonicalContent(comment);
			const existing = source.comments.get(comment.id);
			if (existing?.content === content) {
				counts.unchanged++;
				continue;
			}
			counts[existing ? 'updated' : 'new']++;
			const seq = ++this.lastSeq;
			source.comments.set(comment.id, { content, seq, lastModified: now });
			source.logSeqs.push(seq);
			source.logIds.push(comment.id);
		}
		if (counts.new + counts.updated > 0) source.info.last_modified = now;
		return counts;
	}

	getComment(source: SourceRecord, commentId: string): StoredComment {
		const comment = source.comments.get(commentId);
		if (!comment) throw notFound(`no comment ${commentId} in source ${key(source.info.owner, source.info.name)}`);
		return comment;
	}

	/** Resolves `<source_id>.<comment_id>` uids; an unknown or malformed uid is a 400 naming it. */
	resolveUid(uid: string, path: string): { source: SourceRecord; id: string; comment: StoredComment } {
		const dot = uid.indexOf('.');
		if (dot <= 0 || dot === uid.length - 1) throw invalid(path, `${JSON.stringify(uid)} is not of the form <source_id>.<comment_id>`);
		const source = this.sources.get(uid.slice(0, dot));
		const id = uid.slice(dot + 1);
		const comment = source?.comments.get(id);
		if (!source || !comment) throw invalid(path, `comment ${JSON.stringify(uid)} not found`);
		return { source, id, comment };
	}

	// --- datasets ------------------------------------------------------------------------

	listDatasets(owner?: string): DatasetRecord[] {
		const all = [...this.datasets.values()];
		return owner === undefined ? all : all.filter((d) => d.info.owner === owner);
	}

	findDataset(owner: string, name: string): DatasetRecord | undefined {
		const id = this.datasetIdByName.get(key(owner, name));
		return id === undefined ? undefined : this.datasets.get(id);
	}

	getDataset(owner: string, name: string): DatasetRecord {
		const dataset = this.findDataset(owner, name);
		if (!dataset) throw notFound(`no dataset named ${key(owner, name)}`);
		return dataset;
	}

	private checkSourceIds(ids: readonly string[]): string[] {
		ids.forEach((id, i) => {
			if (!this.sources.has(id)) throw invalid(fieldPath('dataset.source_ids', i), `no source with id ${JSON.stringify(id)}`);
		});
		return [...new Set(ids)];
	}

	createDataset(owner: string, name: string, fields: DatasetFields): DatasetRecord {
		if (this.datasetIdByName.has(key(owner, name))) throw conflict(`dataset ${key(owner, name)} already exists`);
		let labels = cloneLabels(DEFAULT_LABELS);
		if (fields.copy_labels_from !== undefined) {
			const from = this.datasets.get(fields.copy_labels_from);
			if (!from) throw invalid('dataset.copy_labels_from', `no dataset with id ${JSON.stringify(fields.copy_labels_from)}`);
			labels = cloneLabels(from.labels);
		}
		const now = serverTime();
		const info: DatasetInfo = {
			id: this.newId(),
			owner,
			name,
			title: fields.title ?? '',
			description: fields.description ?? '',
			created: now,
			last_modified: now,
			model_family: fields.model_family ?? 'english',
			source_ids: this.checkSourceIds(fields.source_ids ?? []),
			has_sentiment: fields.has_sentiment ?? true,
		};
		const record: DatasetRecord = { info, labels, entitiesEnabled: true };
		this.datasets.set(info.id, record);
		this.datasetIdByName.set(key(owner, name), info.id);
		return record;
	}

	updateDataset(owner: string, name: string, fields: DatasetFields): DatasetRecord {
		const dataset = this.getDataset(owner, name);
		const { has_sentiment, source_ids, ...rest } = fields;
		if (has_sentiment !== undefined && has_sentiment !== dataset.info.has_sentiment) {
			throw badRequest('dataset.has_sentiment: cannot be changed after the dataset is created');
		}
		if (source_ids !== undefined) dataset.info.source_ids = this.checkSourceIds(source_ids);
		Object.assign(dataset.info, rest, { last_modified: serverTime() });
		return dataset;
	}

	/** Also deletes the dataset's triggers. */
	deleteDataset(owner: string, name: string): void {
		const dataset = this.getDataset(owner, name);
		this.datasets.delete(dataset.info.id);
		this.datasetIdByName.delete(key(owner, name));
		for (const [k, trigger] of this.triggers) if (trigger.datasetId === dataset.info.id) this.triggers.delete(k);
	}

	// --- triggers ------------------------------------------------------------------------

	createTrigger(dataset: DatasetRecord, name: string, threshold: number): TriggerRecord {
		const k = `${dataset.info.id}/${name}`;
		if (this.triggers.has(k)) throw conflict(`trigger ${name} already exists on dataset ${key(dataset.info.owner, dataset.info.name)}`);
		const trigger: TriggerRecord = { name, datasetId: dataset.info.id, threshold, committed: 0, fetched: 0, created_at: serverTime() };
		this.triggers.set(k, trigger);
		return trigger;
	}

	getTrigger(dataset: DatasetRecord, name: string): TriggerRecord {
		const trigger = this.triggers.get(`${dataset.info.id}/${name}`);
		if (!trigger) throw notFound(`no trigger ${name} on dataset ${key(dataset.info.owner, dataset.info.name)}`);
		return trigger;
	}

	deleteTrigger(dataset: DatasetRecord, name: string): void {
		this.getTrigger(dataset, name);
		this.triggers.delete(`${dataset.info.id}/${name}`);
	}
}

/** The comment as the API returns it. */
export function commentToApi(source: SourceRecord, id: string, stored: StoredComment): ApiComment {
	const { timestamp, user_properties, messages } = readContent(stored.content);
	const sourceId = source.info.id;
	return { uid: `${sourceId}.${id}`, id, source_id: sourceId, timestamp, user_properties, messages, last_modified: stored.lastModified, context: '0' };
}
