import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as loadBatch from './loadBatch.operation';

export const operations = { get, loadBatch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recipe'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get the recipe of the API key, with its processing templates', action: 'Get the recipe' },
			{
				name: 'Load Processed Batch',
				value: 'loadBatch',
				description: 'Load processed results (a CSV built from the input items, or a CSV file) as training data or as the Golden Set',
				action: 'Load a processed batch',
			},
		],
		default: 'get',
	},
	...get.description,
	...loadBatch.description,
];
