import type { INodeProperties } from 'n8n-workflow';
import * as classify from './classify.operation';

export const operations = { classify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['classification'] } },
		options: [{ name: 'Classify', value: 'classify', description: 'Classify a text with the project\'s classifiers, without saving it', action: 'Classify a text' }],
		default: 'classify',
	},
	...classify.description,
];
