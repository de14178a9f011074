import type { INodeProperties } from 'n8n-workflow';
import * as extract from './extract.operation';

export const operations = { extract };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['extraction'] } },
		options: [
			{ name: 'Extract', value: 'extract', description: 'Extract fields from a PDF, JPEG, PNG, TIFF or WebP document with a trained model', action: 'Extract information from a document' },
		],
		default: 'extract',
	},
	...extract.description,
];
