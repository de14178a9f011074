import type { INodeProperties } from 'n8n-workflow';
import * as analyze from './analyze.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDocuments from './getDocuments.operation';
import * as update from './update.operation';
import * as uploadFile from './uploadFile.operation';

export const operations = { analyze, create, get, getAll, getDocuments, update, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analysis'] } },
		options: [
			{ name: 'Analyze Ad-Hoc', value: 'analyze', description: 'Analyse documents right away and return their segments and tags (nothing is stored)', action: 'Analyze documents ad hoc' },
			{ name: 'Create', value: 'create', description: 'Analyse documents from input items, JSON, a binary file or an uploaded file with a model', action: 'Create a batch analysis' },
			{ name: 'Get', value: 'get', description: 'Get an analysis with its status and progress', action: 'Get an analysis' },
			{ name: 'Get Documents', value: 'getDocuments', description: 'List the analysed documents with their segments and tags', action: 'Get documents of an analysis' },
			{ name: 'Get Many', value: 'getAll', description: 'List analyses, optionally of one model', action: 'Get many analyses' },
			{ name: 'Update', value: 'update', description: "Change an analysis's name", action: 'Update an analysis' },
			{ name: 'Upload File', value: 'uploadFile', description: 'Upload a CSV, TXT, JSON, JSONL or XLSX file; answers its ID and a preview', action: 'Upload a file for a batch analysis' },
		],
		default: 'get',
	},
	...analyze.description,
	...create.description,
	...get.description,
	...getDocuments.description,
	...getAll.description,
	...update.description,
	...uploadFile.description,
];
