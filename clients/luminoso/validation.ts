import type { ValidationIssue } from '../core';
import { checkTopicClause } from './topicSyntax';
import {
	CLASSIFIER_TYPES,
	CONFIG_KEYS,
	PERMISSION_LEVELS,
	type ClassifierInfo,
	type ClassifierType,
	type ClassifierTopicCreate,
	type ClassifierTopicUpdate,
	type NewDocument,
	type NewMessage,
	type TopicCreate,
} from './types';

/** Info keys each classifier type accepts (POST/PUT .../classifiers/). */
export const CLASSIFIER_INFO_KEYS: Record<ClassifierType, readonly string[]> = {
	voting: ['dataset', 'num_topics', 'threshold'],
	topic_based: ['dataset', 'num_topics', 'threshold', 'topics'],
	sentiment_combined: ['combined_threshold'],
	sentiment_split: ['negative_threshold', 'positive_threshold'],
	sentiment_wordlist: ['topics', 'wordlist'],
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'an array' : 'an object';
}

/** A Compass time: ISO-8601 text or seconds since the UNIX epoch (number or digits). */
export function isCompassTime(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
	if (typeof value !== 'string') return false;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return true;
	return ISO_TIME.test(text) && !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
}

type Issues = ValidationIssue[];

function text(issues: Issues, value: unknown, field: string, itemIndex?: number, required = true): void {
	if (value === undefined || value === null || value === '') {
		if (required) issues.push({ itemIndex, field, problem: 'is required' });
		return;
	}
	if (typeof value !== 'string') issues.push({ itemIndex, field, problem: `must be text, got ${describe(value)}` });
	else if (required && value.trim() === '') issues.push({ itemIndex, field, problem: 'must not be blank' });
}

function oneOf(issues: Issues, value: unknown, field: string, allowed: readonly string[], itemIndex?: number, required = false): void {
	if (value === undefined || value === '') {
		if (required) issues.push({ itemIndex, field, problem: `is required (one of ${allowed.join(', ')})` });
		return;
	}
	if (typeof value !== 'string' || !allowed.includes(value)) issues.push({ itemIndex, field, problem: `must be one of ${allowed.join(', ')}, got ${describe(value)}` });
}

function numberIn(issues: Issues, value: unknown, field: string, min: number, max: number, itemIndex?: number): void {
	if (value === undefined) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		issues.push({ itemIndex, field, problem: `must be a number from ${min} to ${max}, got ${describe(value)}` });
	}
}

function time(issues: Issues, value: unknown, field: string, itemIndex?: number): void {
	if (value === undefined || value === '') return;
	if (!isCompassTime(value)) issues.push({ itemIndex, field, problem: `must be an ISO-8601 time (e.g. 2014-08-17T12:45:01Z) or seconds since the epoch, got ${describe(value)}` });
}

function plainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateRequiredText(field: string, value: unknown, itemIndex?: number): Issues {
	const issues: Issues = [];
	text(issues, value, field, itemIndex);
	return issues;
}

export function validateId(field: string, value: unknown, itemIndex?: number): Issues {
	if ((typeof value === 'string' && value.trim() !== '' && !/[/?#\s]/.test(value.trim())) || (typeof value === 'number' && Number.isInteger(value) && value >= 0)) return [];
	return [{ itemIndex, field, problem: `must be an ID (no slashes or spaces), got ${describe(value)}` }];
}

export function validateEmail(field: string, value: unknown, itemIndex?: number): Issues {
	if (typeof value === 'string' && /^[^\s@/]+@[^\s@/]+$/.test(value.trim())) return [];
	return [{ itemIndex, field, problem: `must be an email address, got ${describe(value)}` }];
}

export function validateTimes(query: Record<string, unknown>, fields: readonly string[]): Issues {
	const issues: Issues = [];
	for (const field of fields) time(issues, query[field], field);
	return issues;
}

export function validateIdFilter(query: Record<string, unknown>): Issues {
	const issues: Issues = [];
	for (const field of ['older_than_id', 'newer_than_id']) {
		const value = query[field];
		if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) issues.push({ field, problem: `must be a whole message ID, got ${describe(value)}` });
	}
	return issues;
}

export function validateStatsQuery(query: Record<string, unknown>): Issues {
	const issues: Issues = [];
	if (query.interval !== undefined && (typeof query.interval !== 'number' || !(query.interval > 0))) issues.push({ field: 'interval', problem: `must be a positive number of seconds, got ${describe(query.interval)}` });
	if (query.num_buckets !== undefined && (typeof query.num_buckets !== 'number' || !Number.isInteger(query.num_buckets) || query.num_buckets < 1)) {
		issues.push({ field: 'num_buckets', problem: `must be a whole number of at least 1, got ${describe(query.num_buckets)}` });
	}
	time(issues, query.at_time, 'at_time');
	return issues;
}

export function validateProjectStatus(value: unknown, required = false): Issues {
	const issues: Issues = [];
	oneOf(issues, value, 'status', ['active', 'inactive'], undefined, required);
	return issues;
}

export function validateDocument(doc: NewDocument, itemIndex?: number): Issues {
	if (!plainObject(doc)) return [{ itemIndex, field: 'document', problem: 'must be an object with a "text" field' }];
	const issues: Issues = [];
	text(issues, doc.text, 'text', itemIndex);
	text(issues, doc.label, 'label', itemIndex, false);
	text(issues, doc.dataset, 'dataset', itemIndex, false);
	text(issues, doc.language, 'language', itemIndex, false);
	return issues;
}

export function validateMessage(message: NewMessage, itemIndex?: number): Issues {
	if (!plainObject(message)) return [{ itemIndex, field: 'message', problem: 'must be an object with "text" and "timestamp" fields' }];
	const issues: Issues = [];
	text(issues, message.text, 'text', itemIndex);
	if (message.timestamp === undefined || message.timestamp === null || message.timestamp === '') issues.push({ itemIndex, field: 'timestamp', problem: 'is required (ISO-8601 time or seconds since the epoch)' });
	else time(issues, message.timestamp, 'timestamp', itemIndex);
	text(issues, message.source_id, 'source_id', itemIndex, false);
	text(issues, message.language, 'language', itemIndex, false);
	if (message.info !== undefined && !plainObject(message.info)) issues.push({ itemIndex, field: 'info', problem: `must be a JSON object, got ${describe(message.info)}` });
	return issues;
}

/** Checks a classifier's info for its type: known keys only, ranges, and every topic clause. */
export function validateClassifierInfo(type: ClassifierType, info: unknown, itemIndex?: number): Issues {
	if (info === undefined) return [];
	if (!plainObject(info)) return [{ itemIndex, field: 'info', problem: `must be an object, got ${describe(info)}` }];
	const issues: Issues = [];
	const allowed = CLASSIFIER_INFO_KEYS[type];
	for (const key of Object.keys(info)) {
		if (!allowed.includes(key)) issues.push({ itemIndex, field: `info.${key}`, problem: `does not apply to ${type} classifiers (they take ${allowed.join(', ')})` });
	}
	const i = info as ClassifierInfo;
	if (i.num_topics !== undefined && i.num_topics !== 'ALL' && !(typeof i.num_topics === 'number' && Number.isInteger(i.num_topics) && i.num_topics >= 1)) {
		issues.push({ itemIndex, field: 'info.num_topics', problem: `must be a whole number of at least 1 or "ALL", got ${describe(i.num_topics)}` });
	}
	numberIn(issues, i.threshold, 'info.threshold', 0, 1, itemIndex);
	numberIn(issues, i.combined_threshold, 'info.combined_threshold', 0, 1, itemIndex);
	numberIn(issues, i.positive_threshold, 'info.positive_threshold', 0, 1, itemIndex);
	numberIn(issues, i.negative_threshold, 'info.negative_threshold', -1, 0, itemIndex);
	text(issues, i.dataset, 'info.dataset', itemIndex, false);
	if (type === 'topic_based' && i.topics !== undefined) {
		if (!Array.isArray(i.topics)) issues.push({ itemIndex, field: 'info.topics', problem: 'must be a list of {"title", "clause"} objects' });
		else {
			const titles = new Set<string>();
			i.topics.forEach((topic: unknown, t) => {
				const at = `info.topics[${t}]`;
				if (!plainObject(topic)) {
					issues.push({ itemIndex, field: at, problem: 'must be an object with "title" and "clause"' });
					return;
				}
				text(issues, topic.title, `${at}.title`, itemIndex);
				if (typeof topic.title === 'string') {
					if (titles.has(topic.title)) issues.push({ itemIndex, field: `${at}.title`, problem: `repeats the title "${topic.title}": titles must be unique` });
					titles.add(topic.title);
				}
				const problem = checkTopicClause(topic.clause);
				if (problem) issues.push({ itemIndex, field: `${at}.clause`, problem });
			});
		}
	}
	if (type === 'sentiment_wordlist') {
		if (i.topics !== undefined) {
			if (!plainObject(i.topics)) issues.push({ itemIndex, field: 'info.topics', problem: 'must be an object of topic name -> {"min", "max"} bands' });
			else {
				for (const [name, band] of Object.entries(i.topics)) {
					const at = `info.topics["${name}"]`;
					const b = band as { min?: unknown; max?: unknown };
					if (!plainObject(band) || typeof b.min !== 'number' || typeof b.max !== 'number') {
						issues.push({ itemIndex, field: at, problem: 'must be {"min": number, "max": number} within [-1, 1]' });
					} else if (b.min < -1 || b.max > 1 || b.min > b.max) {
						issues.push({ itemIndex, field: at, problem: `must be a band within [-1, 1] with min <= max, got [${b.min}, ${b.max}]` });
					}
				}
			}
		}
		if (i.wordlist !== undefined) {
			if (!plainObject(i.wordlist)) issues.push({ itemIndex, field: 'info.wordlist', problem: 'must be an object of word -> score in [-5, 5]' });
			else {
				for (const [word, score] of Object.entries(i.wordlist)) numberIn(issues, score, `info.wordlist["${word}"]`, -5, 5, itemIndex);
			}
		}
	}
	return issues;
}

export function validateClassifierCreate(input: { name?: unknown; type?: unknown; status?: unknown; info?: unknown }, itemIndex?: number): Issues {
	const issues: Issues = [];
	text(issues, input.name, 'name', itemIndex);
	oneOf(issues, input.type, 'type', CLASSIFIER_TYPES, itemIndex, true);
	oneOf(issues, input.status, 'status', ['active', 'inactive'], itemIndex, true);
	if ((CLASSIFIER_TYPES as readonly unknown[]).includes(input.type)) issues.push(...validateClassifierInfo(input.type as ClassifierType, input.info, itemIndex));
	return issues;
}

export function validateClassifierTopicCreate(input: ClassifierTopicCreate, itemIndex?: number): Issues {
	const issues: Issues = [];
	text(issues, input.name, 'name', itemIndex);
	const problem = checkTopicClause(input.info);
	if (problem) issues.push({ itemIndex, field: 'info', problem });
	oneOf(issues, input.status, 'status', ['active', 'inactive'], itemIndex);
	if (input.blocking !== undefined && typeof input.blocking !== 'boolean') issues.push({ itemIndex, field: 'blocking', problem: `must be true or false, got ${describe(input.blocking)}` });
	return issues;
}

export function validateClassifierTopicUpdate(input: ClassifierTopicUpdate, itemIndex?: number): Issues {
	const issues: Issues = [];
	if (input.title === undefined && input.info === undefined && input.status === undefined) issues.push({ itemIndex, field: 'title', problem: 'nothing to change: give a title, info (topic specification) or status' });
	text(issues, input.title, 'title', itemIndex, false);
	if (input.info !== undefined) {
		const problem = checkTopicClause(input.info);
		if (problem) issues.push({ itemIndex, field: 'info', problem });
	}
	oneOf(issues, input.status, 'status', ['active', 'inactive'], itemIndex);
	return issues;
}

export function validateTopicCreate(input: TopicCreate, itemIndex?: number): Issues {
	const issues: Issues = [];
	text(issues, input.title, 'title', itemIndex);
	oneOf(issues, input.status, 'status', ['active', 'inactive', 'pending'], itemIndex);
	const terms = plainObject(input.info) ? input.info.terms : undefined;
	if (!plainObject(terms) || Object.keys(terms).length === 0) issues.push({ itemIndex, field: 'info.terms', problem: 'is required: an object of word or phrase -> weight from 0 to 1' });
	else for (const [term, weight] of Object.entries(terms)) numberIn(issues, weight, `info.terms["${term}"]`, 0, 1, itemIndex);
	return issues;
}

export function validateConfigKey(key: unknown): Issues {
	if (typeof key === 'string' && (CONFIG_KEYS as readonly string[]).includes(key)) return [];
	return [{ field: 'key', problem: `must be one of ${CONFIG_KEYS.join(', ')}, got ${describe(key)}` }];
}

export function validatePermissionLevel(level: unknown, required = true): Issues {
	const issues: Issues = [];
	oneOf(issues, level, 'level', PERMISSION_LEVELS, undefined, required);
	return issues;
}
