import { fnv1a32 } from '../core';

/**
 * Segmentation and deterministic tagging: the same text and model always give the same segments
 * and tags, so tests can assert exact results.
 */

export type ProjectType = 'ABSA' | 'CLASS' | 'LABEL' | 'CLASSLABEL';
export const PROJECT_TYPES: readonly ProjectType[] = ['ABSA', 'CLASS', 'LABEL', 'CLASSLABEL'];

export interface SegmentOut {
	text: string;
	span: [number, number];
}

export interface TagOut {
	class?: string;
	label?: string;
}

/** What a model knows: its task type, class names with keywords, label names. */
export interface TaggingModel {
	type: ProjectType;
	classes: Array<{ name: string; keywords: string[] }>;
	labels: string[];
}

/**
 * With `split`, sentences (ending in . ! ? or a line break) become segments; otherwise the whole
 * text is one segment. Spans are [start, end) in UTF-16 code units, trimmed of whitespace.
 */
export function segment(text: string, split: boolean): SegmentOut[] {
	const trimmedSpan = (start: number, end: number): SegmentOut | undefined => {
		while (start < end && /\s/.test(text[start])) start++;
		while (end > start && /\s/.test(text[end - 1])) end--;
		return end > start ? { text: text.slice(start, end), span: [start, end] } : undefined;
	};
	if (!split) {
		const whole = trimmedSpan(0, text.length);
		return whole ? [whole] : [{ text, span: [0, text.length] }];
	}
	const out: SegmentOut[] = [];
	const boundary = /[.!?]+(?=\s|$)|\n+/g;
	let start = 0;
	for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
		const end = m.index + m[0].length;
		const seg = trimmedSpan(start, m[0].startsWith('\n') ? m.index : end);
		if (seg) out.push(seg);
		start = end;
	}
	const rest = trimmedSpan(start, text.length);
	if (rest) out.push(rest);
	return out.length ? out : [{ text, span: [0, text.length] }];
}

const POSITIVE = ['good', 'great', 'excellent', 'amazing', 'friendly', 'clean', 'comfortable', 'nice', 'love', 'loved', 'perfect', 'helpful', 'quiet', 'fast', 'best', 'wonderful'];
const NEGATIVE = ['bad', 'terrible', 'awful', 'dirty', 'rude', 'noisy', 'slow', 'broken', 'worst', 'poor', 'cold', 'late', 'never', 'disappointing', 'horrible', 'smelly'];

function words(text: string): string[] {
	return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function hasWord(tokens: Set<string>, phrase: string): boolean {
	const parts = words(phrase);
	return parts.length > 0 && parts.every((p) => tokens.has(p));
}

/** POS, NEG or NEU by a small lexicon. */
export function sentiment(text: string): 'POS' | 'NEG' | 'NEU' {
	const tokens = words(text);
	let score = 0;
	for (const t of tokens) {
		if (POSITIVE.includes(t)) score++;
		if (NEGATIVE.includes(t)) score--;
	}
	if (tokens.includes('not') || tokens.includes("n't")) score = -score;
	return score > 0 ? 'POS' : score < 0 ? 'NEG' : 'NEU';
}

const SENTIMENT_NAMES: Record<string, 'POS' | 'NEG' | 'NEU'> = {
	pos: 'POS',
	positive: 'POS',
	neg: 'NEG',
	negative: 'NEG',
	neu: 'NEU',
	neutral: 'NEU',
};

function chooseLabel(model: TaggingModel, text: string, tokens: Set<string>): string | undefined {
	if (model.labels.length === 0) return undefined;
	const named = model.labels.find((l) => hasWord(tokens, l) && !SENTIMENT_NAMES[l.toLowerCase()]);
	if (named) return named;
	const mood = sentiment(text);
	const bySentiment = model.labels.find((l) => SENTIMENT_NAMES[l.toLowerCase()] === mood);
	if (bySentiment) return bySentiment;
	return model.labels[fnv1a32(`label:${text}`) % model.labels.length];
}

function chooseClasses(model: TaggingModel, text: string, tokens: Set<string>): string[] {
	if (model.classes.length === 0) return [];
	const matched = model.classes.filter((c) => [c.name, ...c.keywords].some((k) => hasWord(tokens, k))).map((c) => c.name);
	// Every segment gets at least one class: a deterministic pick when no keyword matches.
	return matched.length ? matched : [model.classes[fnv1a32(`class:${text}`) % model.classes.length].name];
}

/**
 * Tags of one segment. ABSA: one {class, label} per matching aspect class, the label being the
 * segment's sentiment; CLASS: {class} per matching class; LABEL: one {label}; CLASSLABEL: one
 * {class, label} per matching class.
 */
export function tagSegment(model: TaggingModel, text: string): TagOut[] {
	const tokens = new Set(words(text));
	const label = chooseLabel(model, text, tokens);
	switch (model.type) {
		case 'LABEL':
			return label ? [{ label }] : [];
		case 'CLASS':
			return chooseClasses(model, text, tokens).map((c) => ({ class: c }));
		case 'ABSA':
		case 'CLASSLABEL':
			return chooseClasses(model, text, tokens).map((c) => (label ? { class: c, label } : { class: c }));
	}
}

/** Keywords of a class: its name, and the longer words of its example and description. */
export function classKeywords(definition: { name: string; example?: string; description?: string }): string[] {
	const extra = words(`${definition.example ?? ''} ${definition.description ?? ''}`).filter((w) => w.length > 4);
	return [...new Set(extra)];
}

/** A deterministic number in [min, max) from a key. */
export function hashRange(key: string, min: number, max: number): number {
	return min + ((fnv1a32(key) % 10_000) / 10_000) * (max - min);
}
