import {
	expectArray,
	expectObject,
	expectString,
	expectStringArray,
	fieldPath,
	invalid,
	optional,
	rejectUnknownFields,
	required,
	typeName,
} from '../core';
import { formatUtcMicros, parseIsoTimestamp } from './timestamps';

/** Comment and document input, validated as the doc's Comment / Document / Message / Content tables say. */
export interface Content {
	text: string;
	translated_from?: string;
}

export interface Message {
	from?: string;
	to?: string[];
	cc?: string[];
	bcc?: string[];
	sent_at?: string;
	language?: string;
	subject?: Content;
	body: Content;
}

export type UserProperties = Record<string, string | number>;

export interface CommentInput {
	id: string;
	/** Normalised to UTC, `2011-12-11T01:02:03.000000+00:00`. */
	timestamp: string;
	user_properties: UserProperties;
	messages: Message[];
}

export interface DocumentInput {
	timestamp: string;
	user_properties: UserProperties;
	messages: Message[];
}

/** The comment as the API returns it. */
export interface ApiComment {
	uid: string;
	id: string;
	source_id: string;
	timestamp: string;
	user_properties: UserProperties;
	messages: Message[];
	last_modified: string;
	context: string;
}

export const MAX_SYNC_COMMENTS = 1024;
export const HEX_ID = /^[0-9a-f]{1,256}$/;

const COMMENT_FIELDS = ['id', 'timestamp', 'messages', 'user_properties'];
const DOCUMENT_FIELDS = ['timestamp', 'messages', 'user_properties'];
const MESSAGE_FIELDS = ['body', 'subject', 'from', 'to', 'cc', 'bcc', 'sent_at', 'language'];
const CONTENT_FIELDS = ['text', 'translated_from'];
const USER_PROPERTY_KEY = /^(string|number):(.+)$/s;

export function parseTimestamp(value: unknown, path: string): string {
	const text = expectString(value, path);
	const instant = parseIsoTimestamp(text);
	if (!instant) throw invalid(path, `must be an ISO-8601 timestamp (e.g. 2011-12-11T01:02:03.000000+00:00), got ${JSON.stringify(text)}`);
	return formatUtcMicros(instant);
}

function parseIsoString(value: unknown, path: string): string {
	parseTimestamp(value, path);
	return value as string; // sent_at is validated but kept as given, as in the doc's responses
}

function parseContent(value: unknown, path: string, language: string | undefined): Content {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, CONTENT_FIELDS, path);
	const content: Content = { text: required(obj, 'text', path, expectString) };
	const translatedFrom = optional(obj, 'translated_from', path, expectString);
	if (translatedFrom !== undefined) {
		if (language === undefined) throw invalid(fieldPath(path, 'translated_from'), 'requires the message to have a language');
		content.translated_from = translatedFrom;
	}
	return content;
}

function parseMessage(value: unknown, path: string): Message {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, MESSAGE_FIELDS, path);
	const language = optional(obj, 'language', path, expectString);
	const message: Message = {
		from: optional(obj, 'from', path, expectString),
		to: optional(obj, 'to', path, expectStringArray),
		cc: optional(obj, 'cc', path, expectStringArray),
		bcc: optional(obj, 'bcc', path, expectStringArray),
		sent_at: optional(obj, 'sent_at', path, parseIsoString),
		language,
		subject: optional(obj, 'subject', path, (v, p) => parseContent(v, p, language)),
		body: required(obj, 'body', path, (v, p) => parseContent(v, p, language)),
	};
	return dropUndefined(message);
}

export function parseMessages(value: unknown, path: string): Message[] {
	const items = expectArray(value, path);
	if (items.length === 0) throw invalid(path, 'must contain at least one message');
	return items.map((item, i) => parseMessage(item, fieldPath(path, i)));
}

/** Keys sorted, so that equal properties always serialise the same way. */
export function parseUserProperties(value: unknown, path: string): UserProperties {
	const obj = expectObject(value, path);
	const out: UserProperties = {};
	for (const key of Object.keys(obj).sort()) {
		const p = fieldPath(path, key);
		const m = USER_PROPERTY_KEY.exec(key);
		if (!m) throw invalid(p, 'key must have the form "string:<name>" or "number:<name>"');
		const v = obj[key];
		if (m[1] === 'string' && typeof v !== 'string') throw invalid(p, `value must be a string, got ${typeName(v)}`);
		if (m[1] === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) throw invalid(p, `value must be a number, got ${typeName(v)}`);
		out[key] = v as string | number;
	}
	return out;
}

function parseCommentId(value: unknown, path: string): string {
	const id = expectString(value, path);
	if (!HEX_ID.test(id)) throw invalid(path, `must be a lowercase hexadecimal string matching ^[0-9a-f]{1,256}$, got ${JSON.stringify(id)}`);
	return id;
}

export function parseComment(value: unknown, path: string): CommentInput {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, COMMENT_FIELDS, path);
	return {
		id: required(obj, 'id', path, parseCommentId),
		timestamp: required(obj, 'timestamp', path, parseTimestamp),
		user_properties: optional(obj, 'user_properties', path, parseUserProperties) ?? {},
		messages: required(obj, 'messages', path, parseMessages),
	};
}

/** A predict document: like a comment without an id; the timestamp defaults to now. */
export function parseDocument(value: unknown, path: string, now: () => string): DocumentInput {
	const obj = expectObject(value, path);
	rejectUnknownFields(obj, DOCUMENT_FIELDS, path);
	return {
		timestamp: optional(obj, 'timestamp', path, parseTimestamp) ?? now(),
		user_properties: optional(obj, 'user_properties', path, parseUserProperties) ?? {},
		messages: required(obj, 'messages', path, parseMessages),
	};
}

/** `{"comments": [...]}` with at most 1024 comments. */
export function parseSyncBody(body: unknown): CommentInput[] {
	const obj = expectObject(body, 'body');
	rejectUnknownFields(obj, ['comments'], '');
	const comments = required(obj, 'comments', '', expectArray);
	if (comments.length > MAX_SYNC_COMMENTS) {
		throw invalid('comments', `at most ${MAX_SYNC_COMMENTS} comments per request, got ${comments.length}`);
	}
	return comments.map((c, i) => parseComment(c, fieldPath('comments', i)));
}

/**
 * The stored form of a comment's content (everything but its id): a canonical JSON string.
 * Equal strings mean identical content, which is how a sync tells "unchanged" from "updated";
 * keeping the string rather than objects also keeps a million comments compact in memory.
 */
export function canonicalContent(comment: CommentInput): string {
	return JSON.stringify({ timestamp: comment.timestamp, user_properties: comment.user_properties, messages: comment.messages });
}

export function readContent(content: string): Pick<CommentInput, 'timestamp' | 'user_properties' | 'messages'> {
	return JSON.parse(content) as Pick<CommentInput, 'timestamp' | 'user_properties' | 'messages'>;
}

function dropUndefined<T extends object>(obj: T): T {
	for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
	return obj;
}
