import type { INodeProperties } from 'n8n-workflow';
import * as predict from './predict.operation';
import * as predictComments from './predictComments.operation';

export const operations = { predict, predictComments };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['prediction'] } },
		options: [
			{
				name: 'Predict',
				value: 'predict',
				description: 'Label documents built from the input items with a pinned model version',
				action: 'Predict labels for documents',
			},
			{
				name: 'Predict Comments',
				value: 'predictComments',
				description: 'Label stored comments by UID with a pinned model version',
				action: 'Predict labels for stored comments',
			},
		],
		default: 'predict',
	},
	...predict.description,
	...predictComments.description,
];
