import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDocument from './getDocument.operation';
import * as getDocuments from './getDocuments.operation';
import * as pullFromSource from './pullFromSource.operation';
import * as update from './update.operation';
import * as uploadFile from './uploadFile.operation';

export const operations = { create, get, getAll, getDocument, getDocuments, pullFromSource, update, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a document group from input items, JSON, a file or an external source', action: 'Create a group' },
			{ name: 'Get', value: 'get', description: 'Get a document group', action: 'Get a group' },
			{ name: 'Get Document', value: 'getDocument', description: 'Get one document of a group', action: 'Get a document of a group' },
			{ name: 'Get Documents', value: 'getDocuments', description: 'List the documents of a group', action: 'Get documents of a group' },
			{ name: 'Get Many', value: 'getAll', description: 'List the document groups of a project', action: 'Get many groups' },
			{ name: 'Pull From Source', value: 'pullFromSource', description: 'Pull unlabeled data from an external source connected to Studio; answers a file ID and preview', action: 'Pull documents from an external source' },
			{ name: 'Update', value: 'update', description: 'Rename a group or add documents to it', action: 'Update a group' },
			{ name: 'Upload File', value: 'uploadFile', description: 'Upload a CSV, TXT, JSON, JSONL or XLSX file; answers its ID and a preview, to create a group from', action: 'Upload a file of documents' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getDocument.description,
	...getDocuments.description,
	...getAll.description,
	...pullFromSource.description,
	...update.description,
	...uploadFile.description,
];
