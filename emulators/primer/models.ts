import { unitHash } from '../core';

/**
 * The emulator's stand-ins for trained Primer Automate models, deterministic for a given text:
 * - CLF_MULTILABEL: one entry per label, `{label, score, threshold, classification}`; a label
 *   scores >= 0.55 when one of its keywords occurs (whole word, case-insensitive), else < 0.33.
 * - NER: entities found by patterns, `{label, text, start, end, score}` (offsets in UTF-16 units).
 * - LIST: `[{text: [...]}]` with the entities' texts and the matching topic labels, the shape of
 *   the documented predictions download sample.
 */
export type ModelType = 'CLF_MULTILABEL' | 'NER' | 'LIST';

export interface LabelDef {
	label: string;
	keywords: string[];
	threshold: number;
}

export type DeploymentState = 'deployed' | 'not_deployed' | 'deploying' | 'failed';

export interface ModelRecord {
	id: string;
	name: string;
	model_type: ModelType;
	labels: LabelDef[];
	deployment: { state: DeploymentState; readyAt?: number; version: number; failNext?: string; message?: string };
}

export interface LabelScore {
	label: string;
	score: number;
	threshold: number;
	classification: boolean;
}

export interface EntityLabel {
	label: string;
	text: string;
	start: number;
	end: number;
	score: number;
}

export type Prediction = { model_type: ModelType; labels: Array<LabelScore | EntityLabel | { text: string[] }> };

export const NEWS_TOPICS_MODEL = 'e9176b92-ad5f-46b8-8a6a-1363709db18e';
export const ENTITIES_MODEL = '2746047b-7a9f-486a-9b10-8c4c531fa7be';
export const KEY_PHRASES_MODEL = '778f99eb-565d-4f96-88bd-4d820e5f63a6';
export const UNDEPLOYED_MODEL = 'e9ce751e-ad36-4c30-b44e-82ded4d84d7a';

export const TOPIC_LABELS: readonly LabelDef[] = [
	{ label: 'Sports', keywords: ['match', 'goal', 'olympic', 'olympics', 'swimming', 'team', 'championship', 'medal'], threshold: 0.5 },
	{ label: 'Politics', keywords: ['election', 'minister', 'parliament', 'vote', 'senate', 'government'], threshold: 0.5 },
	{ label: 'Health', keywords: ['covid', 'vaccine', 'hospital', 'virus', 'health', 'doctors'], threshold: 0.5 },
	{ label: 'Business', keywords: ['market', 'shares', 'profit', 'bank', 'company', 'earnings'], threshold: 0.5 },
];

export function defaultModels(): ModelRecord[] {
	const deployed = () => ({ state: 'deployed' as const, version: 1 });
	return [
		{ id: NEWS_TOPICS_MODEL, name: 'News topics', model_type: 'CLF_MULTILABEL', labels: TOPIC_LABELS.map((l) => ({ ...l, keywords: [...l.keywords] })), deployment: deployed() },
		{ id: ENTITIES_MODEL, name: 'Entity extractor', model_type: 'NER', labels: [], deployment: deployed() },
		{ id: KEY_PHRASES_MODEL, name: 'Key phrases', model_type: 'LIST', labels: TOPIC_LABELS.map((l) => ({ ...l, keywords: [...l.keywords] })), deployment: deployed() },
		{
			id: UNDEPLOYED_MODEL,
			name: 'CDC analysis',
			model_type: 'CLF_MULTILABEL',
			labels: [
				{ label: 'NT', keywords: ['outbreak', 'cases', 'infection'], threshold: 0.5 },
				{ label: 'OT', keywords: ['policy', 'guidance', 'funding'], threshold: 0.5 },
			],
			deployment: { state: 'not_deployed', version: 0 },
		},
	];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

const keywordPatterns = new Map<string, RegExp>();

function keywordHits(text: string, keywords: readonly string[]): number {
	const lower = text.toLowerCase();
	let hits = 0;
	for (const keyword of keywords) {
		let re = keywordPatterns.get(keyword);
		if (!re) {
			re = new RegExp(`(^|[^\\p{L}\\p{N}])${keyword.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'gu');
			if (keywordPatterns.size < 10_000) keywordPatterns.set(keyword, re);
		}
		hits += lower.match(re)?.length ?? 0;
	}
	return hits;
}

export function classify(text: string, labels: readonly LabelDef[]): LabelScore[] {
	return labels.map((def) => {
		const hits = keywordHits(text, def.keywords);
		const jitter = unitHash(`${def.label}\u0000${text}`);
		const score = hits > 0 ? 0.55 + Math.min(hits, 4) * 0.1 - jitter * 0.05 : 0.02 + jitter * 0.3;
		return { label: def.label, score: round(score), threshold: def.threshold, classification: score >= def.threshold };
	});
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const ORG_SUFFIX = /\s(Inc|Corp|Ltd|Bank|University|Agency|Group|Company)$/;
const PATTERNS: Array<{ label: string; re: RegExp }> = [
	{ label: 'MONEY', re: /\$\d[\d,]*(\.\d+)?/g },
	{ label: 'DATE', re: new RegExp(`\\b(\\d{4}-\\d{2}-\\d{2}|(?:${MONTHS}) \\d{1,2}(?:, \\d{4})?)\\b`, 'g') },
	{ label: 'PERSON', re: /\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b/g },
	{ label: 'ORG', re: /\b[A-Z]{2,6}\b/g },
];

export function extractEntities(text: string): EntityLabel[] {
	const found: EntityLabel[] = [];
	for (const { label, re } of PATTERNS) {
		for (const m of text.matchAll(re)) {
			const start = m.index ?? 0;
			const end = start + m[0].length;
			if (found.some((e) => start < e.end && end > e.start)) continue;
			let kind = label;
			if (label === 'PERSON' && (ORG_SUFFIX.test(m[0]) || new RegExp(`^(${MONTHS})\\b`).test(m[0]))) kind = ORG_SUFFIX.test(m[0]) ? 'ORG' : 'DATE';
			found.push({ label: kind, text: m[0], start, end, score: round(0.8 + unitHash(`${kind}\u0000${m[0]}`) * 0.19) });
		}
	}
	return found.sort((a, b) => a.start - b.start);
}

export function predict(model: ModelRecord, text: string): Prediction {
	switch (model.model_type) {
		case 'NER':
			return { model_type: 'NER', labels: extractEntities(text) };
		case 'LIST': {
			const phrases = [...new Set([...extractEntities(text).map((e) => e.text), ...classify(text, model.labels).filter((l) => l.classification).map((l) => l.label)])];
			return { model_type: 'LIST', labels: [{ text: phrases }] };
		}
		default:
			return { model_type: 'CLF_MULTILABEL', labels: classify(text, model.labels) };
	}
}
