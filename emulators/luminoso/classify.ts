import { clauseScore } from './clauses';
import type { ClassifierRecord, DocumentRecord, MessageTopic, ProjectRecord, TopicRecord, VotingModel } from './model';
import { DEFAULT_LEXICON, round, sentimentOf, STOP_WORDS, concepts } from './text';

/**
 * Deterministic classification, by classifier type:
 * - voting: every (non stop-) word of the text votes for the labels of the training documents it
 *   occurs in, in proportion to how often it occurs in each label's documents; a label's score is
 *   its share of the votes (0..1);
 * - topic_based: each topic's clause is evaluated (see clauses.ts for the score);
 * - sentiment_combined / _split: the text's sentiment (lexicon mean, -1..1) against the thresholds,
 *   as topics "positive" and "negative" scored by its strength;
 * - sentiment_wordlist: the sentiment with the classifier's own wordlist, into every band holding it.
 * Scores below the threshold are dropped; when nothing is left the result is UNCLASSIFIED (score 0).
 */

export const UNCLASSIFIED = 'UNCLASSIFIED';

export function trainVoting(documents: readonly DocumentRecord[]): VotingModel {
	const labels: string[] = [];
	const labelIndex = new Map<string, number>();
	const labelDocs: number[] = [];
	const docFreq = new Map<string, Map<number, number>>();
	for (const doc of documents) {
		if (!doc.label) continue;
		let index = labelIndex.get(doc.label);
		if (index === undefined) {
			index = labels.length;
			labels.push(doc.label);
			labelIndex.set(doc.label, index);
			labelDocs.push(0);
		}
		labelDocs[index]++;
		for (const token of new Set(concepts(doc.text))) {
			if (STOP_WORDS.has(token)) continue;
			let perLabel = docFreq.get(token);
			if (!perLabel) docFreq.set(token, (perLabel = new Map()));
			perLabel.set(index, (perLabel.get(index) ?? 0) + 1);
		}
	}
	return { labels, labelDocs, docFreq };
}

function votingScores(model: VotingModel, tokens: readonly string[]): number[] {
	const scores = model.labels.map(() => 0);
	let voters = 0;
	for (const token of new Set(tokens)) {
		const perLabel = model.docFreq.get(token);
		if (!perLabel || STOP_WORDS.has(token)) continue;
		let total = 0;
		for (const [label, count] of perLabel) total += count / model.labelDocs[label];
		for (const [label, count] of perLabel) scores[label] += count / model.labelDocs[label] / total;
		voters++;
	}
	return voters ? scores.map((s) => round(s / voters)) : scores;
}

function numTopics(info: Record<string, unknown>): number {
	const n = info.num_topics;
	return n === 'ALL' ? Infinity : typeof n === 'number' && n >= 1 ? n : 1;
}

function numberOr(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The topics one ready, active classifier assigns to a text. */
export function classifyWith(classifier: ClassifierRecord, topics: ReadonlyMap<number, TopicRecord>, tokens: readonly string[]): MessageTopic[] {
	const source = classifier.name;
	const topicOf = (index: number) => topics.get(classifier.topicIds[index]);
	let candidates: Array<{ topic: TopicRecord | undefined; score: number }> = [];
	let limit = Infinity;
	let threshold = 0;

	switch (classifier.type) {
		case 'voting': {
			const scores = classifier.model ? votingScores(classifier.model, tokens) : [];
			candidates = scores.map((score, i) => ({ topic: topicOf(i), score }));
			threshold = numberOr(classifier.info.threshold, 0.4);
			limit = numTopics(classifier.info);
			break;
		}
		case 'topic_based': {
			candidates = classifier.topicIds.map((id) => topics.get(id)).map((topic) => ({ topic, score: topic?.clause && topic.status !== 'inactive' ? clauseScore(topic.clause, tokens) : 0 }));
			threshold = numberOr(classifier.info.threshold, 0.4);
			limit = numTopics(classifier.info);
			break;
		}
		case 'sentiment_combined':
		case 'sentiment_split': {
			const s = sentimentOf(tokens) ?? 0;
			const [positive, negative] = [topicOf(0), topicOf(1)];
			const combined = numberOr(classifier.info.combined_threshold, 0.4);
			const pos = classifier.type === 'sentiment_combined' ? combined : numberOr(classifier.info.positive_threshold, 0.4);
			const neg = classifier.type === 'sentiment_combined' ? -combined : numberOr(classifier.info.negative_threshold, -0.4);
			if (s > 0 && s >= pos) candidates = [{ topic: positive, score: round(s) }];
			else if (s < 0 && s <= neg) candidates = [{ topic: negative, score: round(-s) }];
			break;
		}
		case 'sentiment_wordlist': {
			const s = sentimentOf(tokens, classifier.lexicon ?? DEFAULT_LEXICON);
			if (s !== undefined) {
				candidates = classifier.topicIds
					.map((id) => topics.get(id))
					.filter((t): t is TopicRecord => Boolean(t?.band && s >= t.band.min && s <= t.band.max))
					.map((topic) => {
						const { min, max } = topic.band!;
						const half = (max - min) / 2;
						return { topic, score: round(half > 0 ? 1 - (Math.abs(s - (min + max) / 2) / half) * 0.5 : 1) };
					});
			}
			break;
		}
	}
	const kept = candidates
		.filter((c) => c.topic && !c.topic.deleted && c.score > 0 && c.score >= threshold)
		.sort((a, b) => b.score - a.score || a.topic!.id - b.topic!.id)
		.slice(0, limit);
	if (kept.length === 0) return [{ id: null, source, name: UNCLASSIFIED, score: 0 }];
	return kept.map(({ topic, score }) => ({ id: topic!.id, source, name: topic!.title, score }));
}

/** Topics of every ready, active classifier of the project, in classifier order. */
export function classifyText(project: ProjectRecord, tokens: readonly string[], isReady: (c: ClassifierRecord) => boolean): MessageTopic[] {
	const out: MessageTopic[] = [];
	for (const classifier of project.classifiers.values()) {
		if (isReady(classifier)) out.push(...classifyWith(classifier, project.topics, tokens));
	}
	return out;
}
