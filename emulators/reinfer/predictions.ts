import { invalid } from '../core';
import type { Message } from './comments';
import { extractEntities, type Entity } from './entities';
import { predictLabels, type LabelPrediction } from './labels';
import type { DatasetRecord } from './store';

export interface DocumentPrediction {
	labels: LabelPrediction[];
	/** Only when the dataset has entities enabled (the doc: "only returned if the dataset supports entities"). */
	entities?: Entity[];
}

export function predictDocument(dataset: DatasetRecord, messages: readonly Message[], threshold: number): DocumentPrediction {
	const labels = predictLabels(messages, dataset.labels, { threshold, hasSentiment: dataset.info.has_sentiment });
	return dataset.entitiesEnabled ? { labels, entities: extractEntities(messages) } : { labels };
}

/** The pinned model version from the URL: a non-negative integer, echoed back as a string. */
export function parseModelVersion(version: string): string {
	if (!/^\d{1,9}$/.test(version)) throw invalid('', `invalid model version ${JSON.stringify(version)}: must be a non-negative integer`);
	return String(Number(version));
}

export function modelInfo(dataset: DatasetRecord, version: string): { version: string; time: string } {
	return { version, time: dataset.info.created };
}
