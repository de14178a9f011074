import type { ValidationIssue } from '../core';
import type { Document, Message, NewComment, UserProperties } from './types';

/** Limits documented by re:infer. */
export const MAX_SYNC_BATCH = 1024;
export const MAX_PREDICT_BATCH = 4096;
export const MAX_FETCH_SIZE = 1024;

const COMMENT_ID = /^[0-9a-f]{1,256}$/;
const SOURCE_ID = /^[0-9a-f]+$/;
const NAME = /^[A-Za-z0-9_-]+$/;
// ISO-8601 date-time; the zone is optional (re:infer assumes UTC).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoTimestamp(value: unknown): boolean {
	return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

/** Hex-encodes an arbitrary id (UTF-8 bytes) so it satisfies re:infer's comment id rule. */
export function toHexId(id: string): string {
	let hex = '';
	for (const byte of new TextEncoder().encode(id)) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

export function isHexId(id: unknown): id is string {
	return typeof id === 'string' && COMMENT_ID.test(id);
}

/** Property that keeps a comment's original id when it was hex-encoded. */
export const ORIGINAL_ID_PROPERTY = 'string:original_id';

/**
 * Returns the comment with a valid id: hex ids pass unchanged; others are hex-encoded and the
 * original id is kept in `user_properties["string:original_id"]`, as the re:infer docs suggest.
 */
export function withHexId(comment: NewComment): NewComment {
	if (isHexId(comment.id) || typeof comment.id !== 'string' || comment.id === '') return comment;
	return {
		...comment,
		id: toHexId(comment.id),
		user_properties: { ...(comment.user_properties ?? {}), [ORIGINAL_ID_PROPERTY]: comment.id },
	};
}

function checkUserProperties(props: unknown, issues: ValidationIssue[], itemIndex: number | undefined): void {
	if (props === undefined) return;
	if (!props || typeof props !== 'object' || Array.isArray(props)) {
		issues.push({ itemIndex, field: 'user_properties', problem: 'must be an object of "string:name" / "number:name" keys' });
		return;
	}
	for (const [key, value] of Object.entries(props as UserProperties)) {
		const field = `user_properties["${key}"]`;
		if (key.startsWith('string:') && key.length > 7) {
			if (typeof value !== 'string') issues.push({ itemIndex, field, problem: `must be a string (key type "string:"), got ${describe(value)}` });
		} else if (key.startsWith('number:') && key.length > 7) {
			if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ itemIndex, field, problem: `must be a number (key type "number:"), got ${describe(value)}` });
		} else {
			issues.push({ itemIndex, field, problem: 'has an invalid key: keys are "string:<name>" or "number:<name>"' });
		}
	}
}

function checkMessages(messages: unknown, issues: ValidationIssue[], itemIndex: number | undefined): void {
	if (!Array.isArray(messages) || messages.length === 0) {
		issues.push({ itemIndex, field: 'messages', problem: 'must be a non-empty array of messages' });
		return;
	}
	(messages as Message[]).forEach((message, m) => {
		const at = `messages[${m}]`;
		if (!message || typeof message !== 'object') {
			issues.push({ itemIndex, field: at, problem: 'must be an object' });
			return;
		}
		if (!message.body || typeof message.body.text !== 'string' || message.body.text.trim() === '') {
			issues.push({ itemIndex, field: `${at}.body.text`, problem: 'is required and must be non-empty text' });
		}
		for (const part of ['body', 'subject'] as const) {
			const content = message[part];
			if (content?.translated_from !== undefined && !message.language) {
				issues.push({ itemIndex, field: `${at}.${part}.translated_from`, problem: 'requires "language" to be set on the message' });
			}
		}
		if (message.subject !== undefined && (typeof message.subject !== 'object' || typeof message.subject.text !== 'string')) {
			issues.push({ itemIndex, field: `${at}.subject.text`, problem: 'must be text' });
		}
		if (message.sent_at !== undefined && !isIsoTimestamp(message.sent_at)) {
			issues.push({ itemIndex, field: `${at}.sent_at`, problem: `must be an ISO-8601 timestamp, got ${describe(message.sent_at)}` });
		}
		for (const list of ['to', 'cc', 'bcc'] as const) {
			const value = message[list];
			if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
				issues.push({ itemIndex, field: `${at}.${list}`, problem: 'must be an array of strings' });
			}
		}
	});
}

export function validateComment(comment: NewComment, itemIndex?: number): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (!comment || typeof comment !== 'object') return [{ itemIndex, field: 'comment', problem: 'must be an object' }];
	if (!isHexId(comment.id)) {
		issues.push({
			itemIndex,
			field: 'id',
			problem: `must be 1-256 lowercase hexadecimal characters ([0-9a-f]), got ${describe(comment.id)}; enable "Hex-Encode IDs" to convert it and keep the original in user_properties`,
		});
	}
	if (!isIsoTimestamp(comment.timestamp)) issues.push({ itemIndex, field: 'timestamp', problem: `must be an ISO-8601 timestamp, got ${describe(comment.timestamp)}` });
	checkMessages(comment.messages, issues, itemIndex);
	checkUserProperties(comment.user_properties, issues, itemIndex);
	return issues;
}

export function validateDocument(doc: Document, itemIndex?: number): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (!doc || typeof doc !== 'object') return [{ itemIndex, field: 'document', problem: 'must be an object' }];
	if (doc.timestamp !== undefined && !isIsoTimestamp(doc.timestamp)) issues.push({ itemIndex, field: 'timestamp', problem: `must be an ISO-8601 timestamp, got ${describe(doc.timestamp)}` });
	checkMessages(doc.messages, issues, itemIndex);
	checkUserProperties(doc.user_properties, issues, itemIndex);
	return issues;
}

export function validateThreshold(threshold: unknown): ValidationIssue[] {
	if (threshold === undefined) return [];
	if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
		return [{ field: 'threshold', problem: `must be a number between 0 and 1, got ${describe(threshold)}` }];
	}
	return [];
}

export function validateFetchSize(size: unknown): ValidationIssue[] {
	if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_FETCH_SIZE) {
		return [{ field: 'size', problem: `must be an integer from 1 to ${MAX_FETCH_SIZE}, got ${describe(size)}` }];
	}
	return [];
}

export function validateName(field: string, value: unknown): ValidationIssue[] {
	if (typeof value !== 'string' || !NAME.test(value)) {
		return [{ field, problem: `must contain only letters, digits, hyphens and underscores, got ${describe(value)}` }];
	}
	return [];
}

export function validateSourceId(field: string, value: unknown): ValidationIssue[] {
	if (typeof value !== 'string' || !SOURCE_ID.test(value)) return [{ field, problem: `must be a hexadecimal source id, got ${describe(value)}` }];
	return [];
}

export function validateUid(uid: unknown, itemIndex?: number): ValidationIssue[] {
	if (typeof uid !== 'string') return [{ itemIndex, field: 'uid', problem: `must be "<source_id>.<comment_id>", got ${describe(uid)}` }];
	const dot = uid.indexOf('.');
	if (dot <= 0 || !SOURCE_ID.test(uid.slice(0, dot)) || !COMMENT_ID.test(uid.slice(dot + 1))) {
		return [{ itemIndex, field: 'uid', problem: `must be "<source_id>.<comment_id>" in hexadecimal, got ${describe(uid)}` }];
	}
	return [];
}

export function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'an array' : 'an object';
}
