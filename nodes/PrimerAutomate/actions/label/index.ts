import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';

export const operations = { download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [{ name: 'Download', value: 'download', description: 'Get every labelled document of a model, one item each', action: 'Download labels' }],
		default: 'download',
	},
	...download.description,
];
