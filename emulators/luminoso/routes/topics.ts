import { reply, type RequestContext } from '../../core';
import { Errors, isObject, notFound, parseBool, parseNumber, queryBool, queryNumber, queryTime, REQUIRED, fieldError } from '../drf';
import type { CompassRouter } from '../http';
import type { MessageRecord, ProjectRecord, TopicRecord } from '../model';
import type { LuminosoStore } from '../store';
import { concepts } from '../text';
import { messageView, topicView, type BucketQuery } from '../views';
import { checkClause, syncInfoTopics } from './classifiers';

const STATUSES = ['active', 'inactive', 'pending'];

/** `stats=true` with interval / num_buckets / at_time, as for GET .../stats/. */
export function bucketQuery(store: LuminosoStore, ctx: RequestContext): BucketQuery {
	const interval = queryNumber(ctx.query, 'interval') ?? 300;
	const numBuckets = queryNumber(ctx.query, 'num_buckets', true) ?? 120;
	if (interval <= 0) throw fieldError('interval', 'Ensure this value is greater than 0.');
	if (numBuckets < 1 || numBuckets > 10_000) throw fieldError('num_buckets', 'Ensure this value is between 1 and 10000.');
	return { interval, numBuckets, atTime: queryTime(ctx.query, 'at_time') ?? store.now() };
}

/** The message filters of GET .../messages/ (earliest, latest, older_than_id, newer_than_id). */
export function messageFilters(ctx: RequestContext) {
	return {
		earliest: queryTime(ctx.query, 'earliest'),
		latest: queryTime(ctx.query, 'latest'),
		olderThanId: queryNumber(ctx.query, 'older_than_id', true),
		newerThanId: queryNumber(ctx.query, 'newer_than_id', true),
	};
}

function parseTerms(errors: Errors, info: unknown): Array<{ phrase: string[]; weight: number }> | undefined {
	let value = info;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			errors.add('info', 'Expected JSON: {"terms": {"word or phrase": weight}}.');
			return undefined;
		}
	}
	const terms = isObject(value) ? value.terms : undefined;
	if (!isObject(terms) || Object.keys(terms).length === 0) {
		errors.add('info', 'Expected {"terms": {"word or phrase": weight from 0 to 1}}.');
		return undefined;
	}
	const out: Array<{ phrase: string[]; weight: number }> = [];
	for (const [term, weight] of Object.entries(terms)) {
		const w = parseNumber(weight);
		if (w === undefined || w < 0 || w > 1) {
			errors.add('info', `The weight of "${term}" must be a number between 0 and 1.`);
			return undefined;
		}
		out.push({ phrase: concepts(term), weight: w });
	}
	return out;
}

/** Project topics (incl. the topics of classifiers), their messages, and the topics history. */
export function registerTopicRoutes(api: CompassRouter, store: LuminosoStore): void {
	const topicOf = (project: ProjectRecord, id: string): TopicRecord => {
		const topic = /^\d+$/.test(id) ? project.topics.get(Number(id)) : undefined;
		if (!topic || topic.deleted) throw notFound();
		return topic;
	};
	const listFilter = (ctx: RequestContext) => {
		const status = ctx.query.get('status');
		if (status && !STATUSES.includes(status)) throw fieldError('status', `Select a valid choice. ${status} is not one of the available choices.`);
		const blocking = queryBool(ctx.query, 'blocking');
		return (t: TopicRecord) => (!status || t.status === status) && (blocking === undefined || t.blocking === blocking);
	};
	const stats = (ctx: RequestContext) => (queryBool(ctx.query, 'stats') ? bucketQuery(store, ctx) : undefined);

	api.route('GET', '/projects/:projectId/p/topics/', ({ user, ctx, base, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const keep = listFilter(ctx);
		const q = stats(ctx);
		const topics = [...project.topics.values()].filter((t) => !t.deleted && keep(t));
		return pageOf(page(topics), (t) => topicView(store, base, project, t, q));
	});

	api.route('POST', '/projects/:projectId/p/topics/', async ({ user, ctx, body, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		if (typeof input.title !== 'string' || input.title.trim() === '') errors.add('title', input.title === undefined ? REQUIRED : 'This field may not be blank.');
		const terms = input.info === undefined ? (errors.add('info', REQUIRED), undefined) : parseTerms(errors, input.info);
		const status = input.status ?? 'active';
		if (typeof status !== 'string' || !STATUSES.includes(status)) errors.add('status', `"${String(status)}" is not a valid choice.`);
		const blocking = input.blocking === undefined ? false : parseBool(input.blocking);
		if (blocking === undefined) errors.add('blocking', 'Must be a valid boolean.');
		errors.throwIfAny();
		const info = typeof input.info === 'string' ? JSON.parse(input.info) : input.info;
		const topic = store.addTopic(project, { title: input.title as string, info, terms, status: status as TopicRecord['status'], blocking: blocking! });
		return reply(201, topicView(store, base, project, topic));
	});

	api.route('GET', '/projects/:projectId/p/topics/:topicId/', ({ user, ctx, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		return topicView(store, base, project, topicOf(project, ctx.params.topicId), stats(ctx));
	});

	api.route('GET', '/projects/:projectId/p/topics/:topicId/messages/', ({ user, ctx, base, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const topic = topicOf(project, ctx.params.topicId);
		const outliers = queryBool(ctx.query, 'outliers') ?? false;
		const f = messageFilters(ctx);
		const inRange = new Set<MessageRecord>(store.filterMessages(project, f));
		const members = store.topicMessages(project, topic, outliers).filter((x) => inRange.has(x.message)).reverse();
		return pageOf(page(members), ({ message, centrality }) => ({ ...messageView(store, base, project, message), centrality }));
	});

	// Project topics and the topics of topic-based classifiers share this route (info differs).
	api.route('PUT', '/projects/:projectId/p/topics/:topicId/', async ({ user, ctx, body, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const topic = topicOf(project, ctx.params.topicId);
		const classifier = topic.classifierId === undefined ? undefined : project.classifiers.get(topic.classifierId);
		const raw = await body();
		const input = isObject(raw) ? raw : {};
		const errors = new Errors();
		if (input.title !== undefined && (typeof input.title !== 'string' || input.title.trim() === '')) errors.add('title', 'This field may not be blank.');
		if (input.status !== undefined && input.status !== 'active' && input.status !== 'inactive') errors.add('status', `"${String(input.status)}" is not a valid choice.`);
		const blocking = input.blocking === undefined ? undefined : parseBool(input.blocking);
		if (input.blocking !== undefined && blocking === undefined) errors.add('blocking', 'Must be a valid boolean.');
		let clause: ReturnType<typeof checkClause> | undefined;
		let terms: TopicRecord['terms'];
		if (input.info !== undefined) {
			if (classifier?.type === 'topic_based') {
				clause = checkClause(input.info);
				if (clause.error) errors.add('info', clause.error);
			} else if (classifier) errors.add('info', `The topics of ${classifier.type} classifiers have no specification to change.`);
			else terms = parseTerms(errors, input.info);
		}
		errors.throwIfAny();
		if (typeof input.title === 'string') topic.title = input.title;
		if (input.status !== undefined && input.status !== topic.status) {
			topic.status = input.status as TopicRecord['status'];
			topic.ended = topic.status === 'inactive' ? store.now() : null;
		}
		if (blocking !== undefined) topic.blocking = blocking;
		if (clause) {
			topic.clause = clause.clause;
			topic.info = clause.text;
		}
		if (terms) {
			topic.terms = terms;
			topic.info = typeof input.info === 'string' ? JSON.parse(input.info) : input.info;
		}
		if (classifier) {
			syncInfoTopics(project, classifier);
			classifier.lastUpdate = store.now();
		}
		return topicView(store, base, project, topic);
	});

	api.route('DELETE', '/projects/:projectId/p/topics/:topicId/', ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const topic = topicOf(project, ctx.params.topicId);
		store.removeTopic(topic);
		const classifier = topic.classifierId === undefined ? undefined : project.classifiers.get(topic.classifierId);
		if (classifier) {
			classifier.topicIds = classifier.topicIds.filter((id) => id !== topic.id);
			syncInfoTopics(project, classifier);
		}
		return reply(204);
	});

	// Every topic ever made, deleted ones too, newest first.
	api.route('GET', '/projects/:projectId/p/topics_history/', ({ user, ctx, base, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const keep = listFilter(ctx);
		const q = stats(ctx);
		const [ec, lc, ee, le] = ['earliest_created', 'latest_created', 'earliest_ended', 'latest_ended'].map((name) => queryTime(ctx.query, name));
		const topics = [...project.topics.values()]
			.filter((t) => keep(t) && (ec === undefined || t.created >= ec) && (lc === undefined || t.created <= lc))
			.filter((t) => (ee === undefined || (t.ended !== null && t.ended >= ee)) && (le === undefined || (t.ended !== null && t.ended <= le)))
			.sort((a, b) => b.created - a.created || b.id - a.id);
		return pageOf(page(topics), (t) => topicView(store, base, project, t, q));
	});
}

/** Builds the API objects of one page only (so large lists stay cheap). */
export function pageOf<T, R>(page: { count: number; next: string | null; previous: string | null; results: T[] }, view: (item: T) => R) {
	return { ...page, results: page.results.map(view) };
}
