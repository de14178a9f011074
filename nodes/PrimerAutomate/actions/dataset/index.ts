import type { INodeProperties } from 'n8n-workflow';
import * as append from './append.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export const operations = { append, create, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataset'] } },
		options: [
			{ name: 'Append Documents', value: 'append', description: 'Add documents from a file or the input items to a dataset', action: 'Append documents to a dataset' },
			{ name: 'Create Entry', value: 'create', description: 'Create a dataset entry (metadata only)', action: 'Create a dataset entry' },
			{ name: 'Get Many', value: 'getAll', description: 'List the datasets of your organization', action: 'Get many datasets' },
			{ name: 'Upload', value: 'upload', description: 'Create a dataset from a CSV, JSON or XLSX file, or from the input items', action: 'Upload a new dataset' },
		],
		default: 'getAll',
	},
	...append.description,
	...create.description,
	...getAll.description,
	...upload.description,
];
