import {
	expectBoolean,
	expectObject,
	expectString,
	expectStringArray,
	invalid,
	optional,
	rejectUnknownFields,
	required,
	type JsonObject,
} from '../core';

/** Request bodies of the source and dataset endpoints, validated per the doc's tables. */

export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export function checkName(kind: string, value: string): string {
	if (!NAME_PATTERN.test(value)) {
		throw invalid('', `invalid ${kind} ${JSON.stringify(value)}: only alphanumeric characters, hyphens and underscores are allowed`);
	}
	return value;
}

export interface SourceFields {
	language?: string;
	title?: string;
	description?: string;
	should_translate?: boolean;
	sensitive_properties?: string[];
}

export interface DatasetFields {
	title?: string;
	description?: string;
	source_ids?: string[];
	model_family?: string;
	has_sentiment?: boolean;
	copy_labels_from?: string;
}

const SOURCE_LANGUAGES = ['en', 'de'];
const MODEL_FAMILIES = ['english', 'german'];

function oneOf(allowed: readonly string[]) {
	return (value: unknown, path: string): string => {
		const text = expectString(value, path);
		if (!allowed.includes(text)) throw invalid(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
		return text;
	};
}

/** `{"<key>": {...}}`: the wrapper object every create/update body has. */
function unwrap(body: unknown, key: string, allowed: readonly string[]): JsonObject {
	const outer = expectObject(body, 'body');
	rejectUnknownFields(outer, [key], '');
	const inner = required(outer, key, '', expectObject);
	rejectUnknownFields(inner, allowed, key);
	return inner;
}

function pick<T extends object>(obj: T): T {
	return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function parseSourceBody(body: unknown, mode: 'create' | 'update'): SourceFields {
	const updatable = ['title', 'description', 'should_translate', 'sensitive_properties'];
	const s = unwrap(body, 'source', mode === 'create' ? ['language', ...updatable] : updatable);
	return pick({
		language: optional(s, 'language', 'source', oneOf(SOURCE_LANGUAGES)),
		title: optional(s, 'title', 'source', expectString),
		description: optional(s, 'description', 'source', expectString),
		should_translate: optional(s, 'should_translate', 'source', expectBoolean),
		sensitive_properties: optional(s, 'sensitive_properties', 'source', expectStringArray),
	});
}

export function parseDatasetBody(body: unknown, mode: 'create' | 'update'): DatasetFields {
	// The doc: every create field can be updated except has_sentiment, which is fixed per dataset
	// (the store rejects a change; sending the same value is accepted).
	const common = ['title', 'description', 'source_ids', 'model_family', 'has_sentiment'];
	const d = unwrap(body, 'dataset', mode === 'create' ? [...common, 'copy_labels_from'] : common);
	return pick({
		title: optional(d, 'title', 'dataset', expectString),
		description: optional(d, 'description', 'dataset', expectString),
		source_ids: optional(d, 'source_ids', 'dataset', expectStringArray),
		model_family: optional(d, 'model_family', 'dataset', oneOf(MODEL_FAMILIES)),
		has_sentiment: optional(d, 'has_sentiment', 'dataset', expectBoolean),
		copy_labels_from: optional(d, 'copy_labels_from', 'dataset', expectString),
	});
}

