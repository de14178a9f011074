import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ValidationError } from '../../../clients/core';
import { LUMINOSO_PLATFORM, projectIdOf, type MessageFilters, type StatsQuery } from '../../../clients/luminoso';

/** Picks a project from a searchable list, by ID, or by its URL. */
export function projectLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Project',
		name: 'project',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchProjects', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'pr1a2b3c4d' },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://compass.example.com/api/projects/pr1a2b3c4d/',
				extractValue: { type: 'regex', regex: '/projects/([^/?#]+)' },
				validation: [{ type: 'regex', properties: { regex: '.*/projects/[^/?#]+.*', errorMessage: 'A project URL contains /projects/<ID>/' } }],
			},
		],
		...overrides,
	};
}

/** Picks a classifier of the chosen project from a list, or by ID. */
export function classifierLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Classifier',
		name: 'classifier',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchClassifiers', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '12', validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A classifier ID is a number' } }] },
		],
		...overrides,
	};
}

/** Picks an account from a searchable list, or by ID. */
export function accountLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Account',
		name: 'account',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAccounts', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'a1b2c3d4' },
		],
		...overrides,
	};
}

/** A resource locator's (or plain parameter's) value, trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : String(value ?? '').trim();
}

export function projectId(ctx: IExecuteFunctions, itemIndex: number): string {
	return projectIdOf(locatorValue(ctx, 'project', itemIndex));
}

/** A required text parameter (trimmed), e.g. an ID or an email. */
export function text(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

/** A numeric ID parameter (topic, message, permission...), kept as text when not a whole number so validation names it. */
export function numericId(ctx: IExecuteFunctions, name: string, itemIndex: number): string | number {
	const value = text(ctx, name, itemIndex);
	return /^\d+$/.test(value) ? Number(value) : value;
}

export function asData<T>(value: T): IDataObject {
	return value as unknown as IDataObject;
}

/** Removes keys whose value is empty, so optional fields left blank are not sent. */
export function compact<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;
}

/** A JSON parameter (object, list or number), with a clear error naming the item and field. */
export function jsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, operation: string): unknown {
	const value = ctx.getNodeParameter(name, itemIndex, undefined) as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	let problem: string | undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new ValidationError([{ itemIndex, field: name, problem: `must be valid JSON (${problem})` }], LUMINOSO_PLATFORM, operation);
}

/** "Token abcd…wxyz": enough to tell tokens apart without revealing them. */
export function maskToken(token: unknown): string {
	const t = String(token ?? '');
	return t.length > 12 ? `${t.slice(0, 4)}…${t.slice(-4)}` : '…';
}

export function deleted(fields: IDataObject): IDataObject {
	return { deleted: true, ...fields };
}

const timeDescription = 'ISO-8601 time (e.g. 2024-05-01T12:00:00Z) or seconds since the epoch';

/** earliest / latest / older_than_id / newer_than_id, as the messages list and replace take them. */
export function messageFilterOptions(): INodeProperties[] {
	return [
		{ displayName: 'Earliest', name: 'earliest', type: 'string', default: '', description: `Only messages whose timestamp is this time or later: ${timeDescription}` },
		{ displayName: 'Latest', name: 'latest', type: 'string', default: '', description: `Only messages whose timestamp is this time or earlier: ${timeDescription}` },
		{ displayName: 'Newer Than ID', name: 'newer_than_id', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Only messages with a higher ID (added more recently)' },
		{ displayName: 'Older Than ID', name: 'older_than_id', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Only messages with a lower ID (added longer ago)' },
	];
}

export function readMessageFilters(raw: IDataObject): MessageFilters {
	const filters: MessageFilters = {};
	if (raw.earliest) filters.earliest = String(raw.earliest).trim();
	if (raw.latest) filters.latest = String(raw.latest).trim();
	if (typeof raw.newer_than_id === 'number' && raw.newer_than_id > 0) filters.newer_than_id = raw.newer_than_id;
	if (typeof raw.older_than_id === 'number' && raw.older_than_id > 0) filters.older_than_id = raw.older_than_id;
	return filters;
}

/** interval / num_buckets / at_time of time buckets. */
export function bucketOptions(): INodeProperties[] {
	return [
		{ displayName: 'At Time', name: 'at_time', type: 'string', default: '', description: `End of the period reported (default: now): ${timeDescription}` },
		{ displayName: 'Bucket Interval (Seconds)', name: 'interval', type: 'number', typeOptions: { minValue: 1 }, default: 300, description: 'Seconds in each bucket' },
		{ displayName: 'Number of Buckets', name: 'num_buckets', type: 'number', typeOptions: { minValue: 1 }, default: 120, description: 'How many buckets to report' },
	];
}

export function readBuckets(raw: IDataObject): StatsQuery {
	return compact({ interval: raw.interval as number | undefined, num_buckets: raw.num_buckets as number | undefined, at_time: raw.at_time ? String(raw.at_time).trim() : undefined }) as StatsQuery;
}
