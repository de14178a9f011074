import { reply } from '../../core';
import { ClauseError, parseClause } from '../clauses';
import { detail, DrfError, Errors, isObject, notFound, parseBool, parseNumber, REQUIRED } from '../drf';
import type { CompassRouter } from '../http';
import { CLASSIFIER_TYPES, type ClassifierRecord, type ClassifierType, type ProjectRecord, type TopicRecord } from '../model';
import type { LuminosoStore } from '../store';
import { compileLexicon } from '../text';
import { classifierView, topicView } from '../views';

const INFO_KEYS: Record<ClassifierType, readonly string[]> = {
	voting: ['dataset', 'num_topics', 'threshold'],
	topic_based: ['dataset', 'num_topics', 'threshold', 'topics'],
	sentiment_combined: ['combined_threshold'],
	sentiment_split: ['negative_threshold', 'positive_threshold'],
	sentiment_wordlist: ['topics', 'wordlist'],
};

const DEFAULT_BANDS = { negative: { min: -1, max: -0.2 }, neutral: { min: -0.2, max: 0.2 }, positive: { min: 0.2, max: 1 } };

/** A topic specification as sent: plain text (one pair of enclosing double quotes is tolerated). */
export function clauseText(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

export function checkClause(value: unknown): { clause?: ReturnType<typeof parseClause>; text?: string; error?: string } {
	const text = clauseText(value);
	if (text === undefined) return { error: 'A topic specification (text) is required.' };
	try {
		return { clause: parseClause(text), text };
	} catch (error) {
		if (error instanceof ClauseError) return { error: error.message };
		throw error;
	}
}

function range(errors: Errors, info: Record<string, unknown>, key: string, min: number, max: number, out: Record<string, unknown>): void {
	if (info[key] === undefined) return;
	const n = parseNumber(info[key]);
	if (n === undefined || n < min || n > max) errors.add(key, `Ensure this value is a number between ${min} and ${max}.`);
	else out[key] = n;
}

/** Checks `info` for a classifier type; returns the normalised info (defaults filled in on create). */
function parseInfo(type: ClassifierType, raw: unknown, creating: boolean): { info?: Record<string, unknown>; errors?: unknown } {
	if (raw !== undefined && !isObject(raw)) return { errors: { non_field_errors: ['Expected a dictionary of items.'] } };
	const input = raw ?? {};
	const errors = new Errors();
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(input)) if (!INFO_KEYS[type].includes(key)) errors.add(key, `Not used by ${type} classifiers (they take ${INFO_KEYS[type].join(', ')}).`);
	if (type === 'voting' || type === 'topic_based') {
		if (input.dataset !== undefined) {
			if (typeof input.dataset !== 'string') errors.add('dataset', 'Not a valid string.');
			else out.dataset = input.dataset;
		}
		if (input.num_topics !== undefined) {
			const n = input.num_topics === 'ALL' ? 'ALL' : parseNumber(input.num_topics);
			if (n === undefined || (n !== 'ALL' && (!Number.isInteger(n) || n < 1))) errors.add('num_topics', 'A positive integer or "ALL" is required.');
			else out.num_topics = n;
		} else if (creating) out.num_topics = 1;
		range(errors, input, 'threshold', 0, 1, out);
		if (creating && out.threshold === undefined) out.threshold = 0.4;
	}
	if (type === 'topic_based' && input.topics !== undefined) {
		if (!Array.isArray(input.topics)) errors.add('topics', 'Expected a list of {"title", "clause"} items.');
		else {
			const itemErrors = input.topics.map((item) => {
				const e = new Errors();
				if (!isObject(item)) e.add('non_field_errors', 'Expected a dictionary with "title" and "clause".');
				else {
					if (typeof item.title !== 'string' || item.title.trim() === '') e.add('title', REQUIRED);
					const { error } = checkClause(item.clause);
					if (error) e.add('clause', error);
				}
				return e.fields;
			});
			if (itemErrors.some((e) => Object.keys(e).length)) errors.nest('topics', itemErrors);
			else out.topics = (input.topics as Array<{ title: string; clause: string }>).map((t) => ({ title: t.title, clause: clauseText(t.clause) }));
		}
	}
	if (type === 'sentiment_combined') {
		range(errors, input, 'combined_threshold', 0, 1, out);
		if (creating) out.combined_threshold ??= 0.4;
	}
	if (type === 'sentiment_split') {
		range(errors, input, 'negative_threshold', -1, 0, out);
		range(errors, input, 'positive_threshold', 0, 1, out);
		if (creating) {
			out.negative_threshold ??= -0.4;
			out.positive_threshold ??= 0.4;
		}
	}
	if (type === 'sentiment_wordlist') {
		if (input.topics !== undefined) {
			const bands = isObject(input.topics) ? Object.entries(input.topics) : undefined;
			const bad = bands === undefined || bands.some(([, b]) => !isObject(b) || typeof b.min !== 'number' || typeof b.max !== 'number' || b.min < -1 || b.max > 1 || b.min > b.max);
			if (bad) errors.add('topics', 'Expected topic name -> {"min", "max"} bands within [-1, 1].');
			else out.topics = input.topics;
		} else if (creating) out.topics = DEFAULT_BANDS;
		if (input.wordlist !== undefined) {
			const entries = isObject(input.wordlist) ? Object.entries(input.wordlist) : undefined;
			if (entries === undefined || entries.some(([, s]) => typeof s !== 'number' || s < -5 || s > 5)) errors.add('wordlist', 'Expected word -> score within [-5, 5].');
			else out.wordlist = input.wordlist;
		}
	}
	return errors.empty ? { info: out } : { errors: errors.fields };
}

function uniqueName(project: ProjectRecord, name: string, except?: ClassifierRecord): boolean {
	return ![...project.classifiers.values()].some((c) => c !== except && c.name === name);
}

/** The topics a classifier's info defines (not voting: its topics come from the training labels). */
function applyInfoTopics(store: LuminosoStore, project: ProjectRecord, classifier: ClassifierRecord): void {
	const info = classifier.info;
	if (classifier.type === 'topic_based' && Array.isArray(info.topics)) {
		store.setClassifierTopics(
			project,
			classifier,
			(info.topics as Array<{ title: string; clause: string }>).map((t) => ({ title: t.title, info: t.clause, clause: parseClause(t.clause) })),
		);
	} else if (classifier.type === 'sentiment_combined' || classifier.type === 'sentiment_split') {
		if (classifier.topicIds.length === 0) store.setClassifierTopics(project, classifier, [{ title: 'positive' }, { title: 'negative' }]);
	} else if (classifier.type === 'sentiment_wordlist') {
		const bands = info.topics as Record<string, { min: number; max: number }>;
		store.setClassifierTopics(project, classifier, Object.entries(bands).map(([title, band]) => ({ title, band: { min: band.min, max: band.max }, info: { min: band.min, max: band.max } })));
		classifier.lexicon = info.wordlist ? compileLexicon(info.wordlist as Record<string, number>) : undefined;
	}
}

/** Keeps a topic-based classifier's info.topics in step with its topics. */
export function syncInfoTopics(project: ProjectRecord, classifier: ClassifierRecord): void {
	if (classifier.type !== 'topic_based') return;
	classifier.info.topics = classifier.topicIds
		.map((id) => project.topics.get(id))
		.filter((t): t is TopicRecord => Boolean(t && !t.deleted))
		.map((t) => ({ title: t.title, clause: t.info }));
}

/** Classifiers, their topics, and classification without saving. */
export function registerClassifierRoutes(api: CompassRouter, store: LuminosoStore): void {
	const base = '/projects/:projectId/p/classifiers/';
	const classifierOf = (project: ProjectRecord, id: string) => {
		const classifier = /^\d+$/.test(id) ? project.classifiers.get(Number(id)) : undefined;
		if (!classifier) throw notFound();
		return classifier;
	};

	api.route('GET', base, ({ user, ctx, base: root, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const name = ctx.query.get('name');
		return page([...project.classifiers.values()].filter((c) => !name || c.name === name).map((c) => classifierView(store, root, project, c)));
	});

	api.route('POST', base, async ({ user, ctx, body, base: root }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		if (typeof input.name !== 'string' || input.name.trim() === '') errors.add('name', input.name === undefined ? REQUIRED : 'This field may not be blank.');
		else if (!uniqueName(project, input.name)) errors.add('name', 'classifier with this name already exists.');
		if (input.type === undefined) errors.add('type', REQUIRED);
		else if (!CLASSIFIER_TYPES.includes(input.type as ClassifierType)) errors.add('type', `"${String(input.type)}" is not a valid choice.`);
		if (input.status === undefined) errors.add('status', REQUIRED);
		else if (input.status !== 'active' && input.status !== 'inactive') errors.add('status', `"${String(input.status)}" is not a valid choice.`);
		const parsed = CLASSIFIER_TYPES.includes(input.type as ClassifierType) ? parseInfo(input.type as ClassifierType, input.info, true) : { info: {} };
		if (parsed.errors) errors.nest('info', parsed.errors);
		errors.throwIfAny();
		const now = store.now();
		const classifier: ClassifierRecord = {
			id: store.id(),
			name: input.name as string,
			type: input.type as ClassifierType,
			requestedStatus: input.status as 'active' | 'inactive',
			trainingState: 'in_training',
			readyAt: now,
			info: parsed.info!,
			topicIds: [],
			created: now,
			lastUpdate: now,
		};
		project.classifiers.set(classifier.id, classifier);
		applyInfoTopics(store, project, classifier);
		store.train(project, classifier);
		return reply(201, classifierView(store, root, project, classifier));
	});

	api.route('GET', `${base}:classifierId/`, ({ user, ctx, base: root }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		return classifierView(store, root, project, classifierOf(project, ctx.params.classifierId));
	});

	api.route('PUT', `${base}:classifierId/`, async ({ user, ctx, body, base: root }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const classifier = classifierOf(project, ctx.params.classifierId);
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		if (input.name !== undefined) {
			if (typeof input.name !== 'string' || input.name.trim() === '') errors.add('name', 'This field may not be blank.');
			else if (!uniqueName(project, input.name, classifier)) errors.add('name', 'classifier with this name already exists.');
		}
		if (input.status !== undefined && input.status !== 'active' && input.status !== 'inactive') errors.add('status', `"${String(input.status)}" is not a valid choice.`);
		const parsed = input.info === undefined ? { info: undefined } : parseInfo(classifier.type, input.info, false);
		if (parsed.errors) errors.nest('info', parsed.errors);
		errors.throwIfAny();
		if (typeof input.name === 'string') classifier.name = input.name;
		if (input.status !== undefined) classifier.requestedStatus = input.status as 'active' | 'inactive';
		if (parsed.info) {
			const retrain = 'dataset' in parsed.info && parsed.info.dataset !== classifier.info.dataset;
			classifier.info = { ...classifier.info, ...parsed.info };
			if (parsed.info.topics !== undefined || parsed.info.wordlist !== undefined) applyInfoTopics(store, project, classifier);
			if (retrain) store.train(project, classifier);
		}
		classifier.lastUpdate = store.now();
		return classifierView(store, root, project, classifier);
	});

	api.route('DELETE', `${base}:classifierId/`, ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		store.deleteClassifier(project, classifierOf(project, ctx.params.classifierId));
		return reply(204);
	});

	// Topics of a topic-based classifier: `name` and `info` (the topic specification).
	api.route('POST', `${base}:classifierId/topics/`, async ({ user, ctx, body, base: root }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const classifier = classifierOf(project, ctx.params.classifierId);
		if (classifier.type !== 'topic_based') throw detail(400, 'Topics can only be added to topic-based classifiers; the topics of other classifiers come from their training.');
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		const name = input.name ?? input.title;
		const siblings = classifier.topicIds.map((id) => project.topics.get(id)).filter((t) => t && !t.deleted);
		if (typeof name !== 'string' || name.trim() === '') errors.add('name', name === undefined ? REQUIRED : 'This field may not be blank.');
		else if (siblings.some((t) => t!.title === name)) errors.add('name', 'topic with this name already exists in this classifier.');
		const { clause, text, error } = input.info === undefined ? { error: REQUIRED } : checkClause(input.info);
		if (error) errors.add('info', error);
		if (input.status !== undefined && input.status !== 'active' && input.status !== 'inactive') errors.add('status', `"${String(input.status)}" is not a valid choice.`);
		const blocking = input.blocking === undefined ? false : parseBool(input.blocking);
		if (blocking === undefined) errors.add('blocking', 'Must be a valid boolean.');
		errors.throwIfAny();
		const topic = store.addTopic(project, { title: name as string, info: text, clause, status: (input.status as 'active' | 'inactive') ?? 'active', blocking: blocking!, classifierId: classifier.id });
		classifier.topicIds.push(topic.id);
		syncInfoTopics(project, classifier);
		classifier.lastUpdate = store.now();
		return reply(201, topicView(store, root, project, topic));
	});

	api.route('POST', '/projects/:projectId/p/classify/', async ({ user, ctx, body }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const raw = await body();
		if (!isObject(raw)) throw new DrfError(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(raw) ? 'list' : typeof raw}.`] });
		const errors = new Errors();
		if (typeof raw.text !== 'string' || raw.text.trim() === '') errors.add('text', raw.text === undefined ? REQUIRED : 'This field may not be blank.');
		if (raw.source_id !== undefined && raw.source_id !== null && typeof raw.source_id !== 'string' && typeof raw.source_id !== 'number') errors.add('source_id', 'Not a valid string.');
		errors.throwIfAny();
		const { sentiment, topics } = store.analyse(project, raw.text as string);
		return { text: raw.text, language: project.language, source_id: raw.source_id === undefined || raw.source_id === null ? null : String(raw.source_id), sentiment, topics };
	});

}
