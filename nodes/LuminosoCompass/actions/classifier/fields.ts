import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ClassifierInfo, ClassifierType } from '../../../../clients/luminoso';
import { locatorValue } from '../common';

export const TYPE_OPTIONS = [
	{ name: 'Sentiment (Combined Threshold)', value: 'sentiment_combined', description: 'Positive or negative beyond one threshold; no training documents needed' },
	{ name: 'Sentiment (Custom Wordlist)', value: 'sentiment_wordlist', description: 'Your own words and scores, into named sentiment bands' },
	{ name: 'Sentiment (Split Thresholds)', value: 'sentiment_split', description: 'Separate positive and negative thresholds' },
	{ name: 'Topic-Based', value: 'topic_based', description: 'Topics you define with AND / OR / NOT clauses; needs documents for its semantic space' },
	{ name: 'Voting', value: 'voting', description: 'Supervised: trained on the project\'s labeled documents' },
];

export const STATUS_OPTIONS = [
	{ name: 'Active', value: 'active', description: 'Classifies incoming messages once ready' },
	{ name: 'Inactive', value: 'inactive' },
];

/** num_topics as typed: a whole number, or ALL. Anything else is passed on for validation to name. */
export function parseNumTopics(value: unknown): number | 'ALL' {
	const text = String(value ?? '').trim();
	if (text.toUpperCase() === 'ALL') return 'ALL';
	return /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
}

export function classifierId(ctx: IExecuteFunctions, i: number): string {
	return locatorValue(ctx, 'classifier', i);
}

/** The type-specific info fields of the create form. */
export function infoFields(): INodeProperties[] {
	const show = (...types: ClassifierType[]) => ({ show: { type: types } });
	return [
		{
			displayName: 'Dataset',
			name: 'dataset',
			type: 'string',
			default: '',
			displayOptions: show('voting', 'topic_based'),
			description: 'Build on the documents of this dataset only (default: all labeled documents)',
		},
		{
			displayName: 'Max Topics per Message',
			name: 'numTopics',
			type: 'string',
			default: '1',
			displayOptions: show('voting', 'topic_based'),
			description: 'How many topics a message can get (the top ones above the threshold), or ALL',
		},
		{
			displayName: 'Threshold',
			name: 'threshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.4,
			displayOptions: show('voting', 'topic_based'),
			description: 'Minimum confidence (0 to 1) for a topic to be assigned; below it, UNCLASSIFIED',
		},
		{
			displayName: 'Topics',
			name: 'topics',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Topic',
			default: {},
			displayOptions: show('topic_based'),
			description: 'Topics can also be added later (Classifier Topic > Create)',
			options: [
				{
					displayName: 'Topic',
					name: 'topic',
					values: [
						{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'The topic\'s name' },
						{
							displayName: 'Clause',
							name: 'clause',
							type: 'string',
							default: '',
							placeholder: 'card AND (debit OR credit)',
							description: 'Words or phrases joined by AND, OR, NOT (upper case); parentheses whenever the operator changes; no punctuation',
						},
					],
				},
			],
		},
		{
			displayName: 'Combined Threshold',
			name: 'combinedThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.4,
			displayOptions: show('sentiment_combined'),
			description: 'Minimum sentiment strength (0 to 1) for positive or negative',
		},
		{
			displayName: 'Negative Threshold',
			name: 'negativeThreshold',
			type: 'number',
			typeOptions: { minValue: -1, maxValue: 0, numberPrecision: 2 },
			default: -0.4,
			displayOptions: show('sentiment_split'),
			description: 'Sentiment at or below this (0 to -1) is negative',
		},
		{
			displayName: 'Positive Threshold',
			name: 'positiveThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.4,
			displayOptions: show('sentiment_split'),
			description: 'Sentiment at or above this (0 to 1) is positive',
		},
		{
			displayName: 'Sentiment Bands',
			name: 'bands',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Band',
			default: {},
			displayOptions: show('sentiment_wordlist'),
			description: 'Named topics, each a band of sentiment within [-1, 1]; bands may overlap',
			options: [
				{
					displayName: 'Band',
					name: 'band',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Min', name: 'min', type: 'number', typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 2 }, default: -1 },
						{ displayName: 'Max', name: 'max', type: 'number', typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 2 }, default: 1 },
					],
				},
			],
		},
		{
			displayName: 'Wordlist',
			name: 'wordlist',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Word',
			default: {},
			displayOptions: show('sentiment_wordlist'),
			description: 'Words or phrases with a sentiment score from -5 to 5',
			options: [
				{
					displayName: 'Word',
					name: 'word',
					values: [
						{ displayName: 'Word or Phrase', name: 'word', type: 'string', default: '' },
						{ displayName: 'Score', name: 'score', type: 'number', typeOptions: { minValue: -5, maxValue: 5 }, default: 0 },
					],
				},
			],
		},
	];
}

/** The info object of the create form for the chosen type. */
export function readInfo(ctx: IExecuteFunctions, i: number, type: ClassifierType): ClassifierInfo {
	const info: ClassifierInfo = {};
	if (type === 'voting' || type === 'topic_based') {
		const dataset = String(ctx.getNodeParameter('dataset', i, '') ?? '').trim();
		if (dataset) info.dataset = dataset;
		info.num_topics = parseNumTopics(ctx.getNodeParameter('numTopics', i, '1'));
		info.threshold = ctx.getNodeParameter('threshold', i, 0.4) as number;
	}
	if (type === 'topic_based') {
		const topics = (ctx.getNodeParameter('topics.topic', i, []) as Array<{ title: string; clause: string }>) ?? [];
		if (topics.length) info.topics = topics.map((t) => ({ title: String(t.title ?? '').trim(), clause: String(t.clause ?? '') }));
	}
	if (type === 'sentiment_combined') info.combined_threshold = ctx.getNodeParameter('combinedThreshold', i, 0.4) as number;
	if (type === 'sentiment_split') {
		info.negative_threshold = ctx.getNodeParameter('negativeThreshold', i, -0.4) as number;
		info.positive_threshold = ctx.getNodeParameter('positiveThreshold', i, 0.4) as number;
	}
	if (type === 'sentiment_wordlist') {
		const bands = (ctx.getNodeParameter('bands.band', i, []) as Array<{ name: string; min: number; max: number }>) ?? [];
		const words = (ctx.getNodeParameter('wordlist.word', i, []) as Array<{ word: string; score: number }>) ?? [];
		if (bands.length) info.topics = Object.fromEntries(bands.map((b) => [String(b.name).trim(), { min: b.min, max: b.max }]));
		if (words.length) info.wordlist = Object.fromEntries(words.map((w) => [String(w.word).trim(), w.score]));
	}
	return info;
}

export function asInfo(value: unknown): IDataObject {
	return (value ?? {}) as IDataObject;
}
