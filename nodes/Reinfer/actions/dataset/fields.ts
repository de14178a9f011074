import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { DatasetCreate } from '../../../../clients/reinfer';
import { compact, splitList } from '../common';

const sourceIds: INodeProperties = {
	displayName: 'Source IDs',
	name: 'source_ids',
	type: 'string',
	default: '',
	placeholder: '22f0f76e82fd8867, 19fd58f018839443',
	description: 'Comma-separated IDs of the sources whose comments the dataset uses',
};

/** Optional dataset fields; create offers the fields fixed at creation too. */
export function datasetFields(forCreate: boolean): INodeProperties {
	const common: INodeProperties[] = [
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'A longer description of the dataset' },
		sourceIds,
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'One-line human-readable title' },
	];
	const createOnly: INodeProperties[] = [
		{
			displayName: 'Copy Labels From',
			name: 'copy_labels_from',
			type: 'string',
			default: '',
			description: 'ID of a dataset to copy labels from (only labels of comments in common sources are copied)',
		},
		{
			displayName: 'Has Sentiment',
			name: 'has_sentiment',
			type: 'boolean',
			default: true,
			description: 'Whether labels are applied with sentiment. Fixed once the dataset exists.',
		},
		{
			displayName: 'Model Family',
			name: 'model_family',
			type: 'options',
			options: [
				{ name: 'English', value: 'english' },
				{ name: 'German', value: 'german' },
			],
			default: 'english',
		},
	];
	return {
		displayName: forCreate ? 'Additional Fields' : 'Update Fields',
		name: 'datasetFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: forCreate ? [...createOnly.slice(0, 1), common[0], ...createOnly.slice(1), common[1], common[2]] : common,
	};
}

export function readDatasetFields(ctx: IExecuteFunctions, i: number): DatasetCreate {
	const raw = ctx.getNodeParameter('datasetFields', i, {}) as Record<string, unknown>;
	return compact({ ...raw, source_ids: splitList(raw.source_ids) }) as DatasetCreate;
}
