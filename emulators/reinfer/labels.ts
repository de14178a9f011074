import {
	expectArray,
	expectNumberInRange,
	expectObject,
	expectStringArray,
	fieldPath,
	invalid,
	optional,
	rejectUnknownFields,
	required,
	unitHash,
} from '../core';
import type { Message } from './comments';

/**
 * The emulator's stand-in for a trained model: a label applies to a document when any of its
 * keywords occurs (case-insensitively) in a message's subject or body text, with the configured
 * probability and sentiment. Every other label gets a small deterministic "baseline" probability
 * (below 0.2, derived from a hash of label and text), so threshold filtering is observable.
 */
export interface LabelDef {
	name: string[];
	keywords: string[];
	probability: number;
	sentiment: number;
}

export interface LabelPrediction {
	name: string[];
	probability: number;
	sentiment?: number;
}

export const BASELINE_MIN = 0.01;
export const BASELINE_MAX = 0.2;

export const DEFAULT_LABELS: readonly LabelDef[] = [
	{ name: ['Billing', 'Refund'], keywords: ['refund', 'money back', 'reimburse'], probability: 0.92, sentiment: -0.6 },
	{ name: ['Billing', 'Invoice'], keywords: ['invoice', 'bill', 'payment'], probability: 0.88, sentiment: -0.1 },
	{ name: ['Complaint'], keywords: ['complaint', 'wrong', 'unhappy', 'disappointed'], probability: 0.85, sentiment: -0.8 },
	{ name: ['Delivery', 'Delay'], keywords: ['late', 'delay', 'not arrived'], probability: 0.81, sentiment: -0.5 },
	{ name: ['Request', 'Information'], keywords: ['could you', 'please send', 'figures'], probability: 0.77, sentiment: 0.1 },
	{ name: ['Praise'], keywords: ['thank', 'impressed', 'great'], probability: 0.74, sentiment: 0.8 },
];

const LABEL_FIELDS = ['name', 'keywords', 'probability', 'sentiment'];

function parseLabelName(value: unknown, path: string): string[] {
	const name = typeof value === 'string' ? [value] : expectStringArray(value, path);
	if (name.length === 0 || name.some((part) => part.length === 0)) throw invalid(path, 'must be a non-empty list of non-empty strings');
	return name;
}

function parseKeywords(value: unknown, path: string): string[] {
	const keywords = expectStringArray(value, path);
	if (keywords.some((k) => k.length === 0)) throw invalid(path, 'keywords must be non-empty strings');
	return keywords.map((k) => k.toLowerCase());
}

export function parseLabelDefs(value: unknown, path = 'labels'): LabelDef[] {
	return expectArray(value, path).map((item, i) => {
		const p = fieldPath(path, i);
		const obj = expectObject(item, p);
		rejectUnknownFields(obj, LABEL_FIELDS, p);
		return {
			name: required(obj, 'name', p, parseLabelName),
			keywords: optional(obj, 'keywords', p, parseKeywords) ?? [],
			probability: optional(obj, 'probability', p, (v, q) => expectNumberInRange(v, q, 0, 1)) ?? 0.9,
			sentiment: optional(obj, 'sentiment', p, (v, q) => expectNumberInRange(v, q, -1, 1)) ?? 0,
		};
	});
}

export function cloneLabels(labels: readonly LabelDef[]): LabelDef[] {
	return labels.map((l) => ({ ...l, name: [...l.name], keywords: [...l.keywords] }));
}

function documentText(messages: readonly Message[]): string {
	const parts: string[] = [];
	for (const m of messages) {
		if (m.subject) parts.push(m.subject.text);
		parts.push(m.body.text);
	}
	return parts.join('\n');
}

export function parseThreshold(value: unknown, path = 'threshold'): number {
	return value === undefined ? 0 : expectNumberInRange(value, path, 0, 1);
}

export interface PredictOptions {
	threshold: number;
	hasSentiment: boolean;
}

/** Predictions for one document, most probable first, those below the threshold left out. */
export function predictLabels(messages: readonly Message[], labels: readonly LabelDef[], options: PredictOptions): LabelPrediction[] {
	const text = documentText(messages);
	const lower = text.toLowerCase();
	const scored = labels.map((label) => {
		const matched = label.keywords.some((k) => lower.includes(k));
		const probability = matched
			? label.probability
			: BASELINE_MIN + unitHash(`${label.name.join('\u001f')}\u0000${text}`) * (BASELINE_MAX - BASELINE_MIN);
		const prediction: LabelPrediction = { name: [...label.name], probability };
		if (options.hasSentiment) prediction.sentiment = matched ? label.sentiment : 0;
		return prediction;
	});
	return scored.filter((p) => p.probability >= options.threshold).sort((a, b) => b.probability - a.probability);
}

