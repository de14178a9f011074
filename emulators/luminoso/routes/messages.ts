import { reply } from '../../core';
import { detail, DrfError, Errors, isObject, notFound, parseTime, queryBool, REQUIRED } from '../drf';
import type { CompassRouter } from '../http';
import type { ProjectRecord } from '../model';
import type { LuminosoStore } from '../store';
import { messageView } from '../views';
import { messageFilters, pageOf } from './topics';

interface ParsedMessage {
	text: string;
	timestamp: number;
	language: string;
	sourceId: string | null;
	info: Record<string, unknown>;
}

function parseMessage(project: ProjectRecord, item: unknown): { message?: ParsedMessage; errors?: Record<string, unknown> } {
	if (!isObject(item)) return { errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(item) ? 'list' : typeof item}.`] } };
	const errors = new Errors();
	if (typeof item.text !== 'string' || item.text.trim() === '') errors.add('text', item.text === undefined ? REQUIRED : typeof item.text === 'string' ? 'This field may not be blank.' : 'Not a valid string.');
	const timestamp = item.timestamp === undefined || item.timestamp === null ? undefined : parseTime(item.timestamp);
	if (item.timestamp === undefined || item.timestamp === null) errors.add('timestamp', REQUIRED);
	else if (timestamp === undefined) errors.add('timestamp', 'Time has wrong format. Use ISO 8601 or seconds since the epoch.');
	if (item.language !== undefined && item.language !== null && item.language !== project.language) {
		errors.add('language', `All messages of this project are in "${project.language}".`);
	}
	let sourceId: string | null = null;
	if (item.source_id !== undefined && item.source_id !== null) {
		if (typeof item.source_id !== 'string' && typeof item.source_id !== 'number') errors.add('source_id', 'Not a valid string.');
		else sourceId = String(item.source_id);
	}
	if (item.info !== undefined && item.info !== null && !isObject(item.info)) errors.add('info', 'Expected a JSON object.');
	if (!errors.empty) return { errors: errors.fields };
	return { message: { text: item.text as string, timestamp: timestamp!, language: project.language, sourceId, info: (item.info as Record<string, unknown>) ?? {} } };
}

/** Saved messages: post (one or many, with replace), list with time/id filters, get, delete. */
export function registerMessageRoutes(api: CompassRouter, store: LuminosoStore): void {
	const root = '/projects/:projectId/p/messages/';

	api.route('POST', root, async ({ user, ctx, body, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		if (project.status !== 'active') throw detail(400, 'This project is inactive: it does not process new messages.');
		const raw = await body();
		const list = Array.isArray(raw);
		const parsed = (list ? raw : [raw]).map((item) => parseMessage(project, item));
		if (parsed.some((p) => p.errors)) throw new DrfError(400, list ? parsed.map((p) => p.errors ?? {}) : parsed[0].errors);
		const filters = messageFilters(ctx);
		if (queryBool(ctx.query, 'replace')) {
			const replaced = new Set(store.filterMessages(project, filters));
			project.messages = project.messages.filter((m) => !replaced.has(m));
		}
		const created = parsed.map(({ message }) => messageView(store, base, project, store.addMessage(project, message!)));
		return reply(201, list ? created : created[0]);
	});

	// Newest first.
	api.route('GET', root, ({ user, ctx, base, page }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		const messages = store.filterMessages(project, messageFilters(ctx)).reverse();
		return pageOf(page(messages), (m) => messageView(store, base, project, m));
	});

	const messageOf = (project: ProjectRecord, id: string) => {
		const n = /^\d+$/.test(id) ? Number(id) : NaN;
		const message = project.messages.find((m) => m.id === n);
		if (!message) throw notFound();
		return message;
	};

	api.route('GET', `${root}:messageId/`, ({ user, ctx, base }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'read');
		return messageView(store, base, project, messageOf(project, ctx.params.messageId));
	});

	api.route('DELETE', `${root}:messageId/`, ({ user, ctx }) => {
		const project = store.projectFor(user, ctx.params.projectId, 'write');
		const message = messageOf(project, ctx.params.messageId);
		project.messages = project.messages.filter((m) => m !== message);
		return reply(204);
	});
}
