import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { StatsQuery, TopicListQuery } from '../../../../clients/luminoso';
import { bucketOptions, readBuckets } from '../common';

export const topicIdField: INodeProperties = {
	displayName: 'Topic ID',
	name: 'topicId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '42',
	description: 'The number at the end of the topic\'s URL',
};

export const TOPIC_STATUS_OPTIONS = [
	{ name: 'Active', value: 'active' },
	{ name: 'Inactive', value: 'inactive' },
	{ name: 'Pending', value: 'pending', description: 'Made by the system and not yet activated or deactivated' },
];

export const termsField: INodeProperties = {
	displayName: 'Terms',
	name: 'terms',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Term',
	default: {},
	description: 'Words or phrases that define the topic, each with a weight from 0 to 1',
	options: [
		{
			displayName: 'Term',
			name: 'term',
			values: [
				{ displayName: 'Word or Phrase', name: 'term', type: 'string', default: '' },
				{ displayName: 'Weight', name: 'weight', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 }, default: 1 },
			],
		},
	],
};

export function readTerms(ctx: IExecuteFunctions, i: number, path = 'terms.term'): Record<string, number> {
	const rows = (ctx.getNodeParameter(path, i, []) as Array<{ term: string; weight: number }>) ?? [];
	return Object.fromEntries(rows.filter((r) => String(r.term ?? '').trim()).map((r) => [String(r.term).trim(), r.weight]));
}

/** Whether to include statistics, and their time buckets. */
export function statsOptions(): INodeProperties[] {
	return [{ displayName: 'Include Statistics', name: 'stats', type: 'boolean', default: false, description: 'Whether to include volume and sentiment statistics in time buckets' }, ...bucketOptions()];
}

export function readStats(raw: IDataObject): StatsQuery & { stats?: boolean } {
	return raw.stats === true ? { stats: true, ...readBuckets(raw) } : {};
}

export function readListFilters(raw: IDataObject): TopicListQuery {
	const query: TopicListQuery = { ...readStats(raw) };
	if (raw.status) query.status = raw.status as TopicListQuery['status'];
	if (raw.blocking === 'blocking' || raw.blocking === 'nonBlocking') query.blocking = raw.blocking === 'blocking';
	return query;
}

export function listFilterOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Blocking',
			name: 'blocking',
			type: 'options',
			options: [
				{ name: 'All Topics', value: 'all' },
				{ name: 'Blocking Only', value: 'blocking' },
				{ name: 'Non-Blocking Only', value: 'nonBlocking' },
			],
			default: 'all',
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: TOPIC_STATUS_OPTIONS, default: 'active' },
		...statsOptions(),
	];
}
