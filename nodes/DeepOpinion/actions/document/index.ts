import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';

export const operations = { create, get, getAll, update, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add one document to a project', action: 'Create a document' },
			{ name: 'Get', value: 'get', description: 'Get a document of a project', action: 'Get a document' },
			{ name: 'Get Many', value: 'getAll', description: 'List the documents of a project', action: 'Get many documents' },
			{ name: 'Update', value: 'update', description: "Change a document's text", action: 'Update a document' },
			{ name: 'Upload Many', value: 'upload', description: 'Add documents in the background: they are segmented and analysed (answers 202)', action: 'Upload many documents' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upload.description,
];
