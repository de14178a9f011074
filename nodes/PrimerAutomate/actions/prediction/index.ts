import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as getStatus from './getStatus.operation';
import * as request from './request.operation';

export const operations = { download, getStatus, request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['prediction'] } },
		options: [
			{ name: 'Download', value: 'download', description: "Download every prediction of a model for a dataset", action: 'Download predictions' },
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of a bulk prediction job', action: 'Get a prediction job status' },
			{ name: 'Request Bulk Predictions', value: 'request', description: 'Start predicting every document of a dataset', action: 'Request bulk predictions' },
		],
		default: 'request',
	},
	...download.description,
	...getStatus.description,
	...request.description,
];
