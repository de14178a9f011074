import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as getAll from './getAll.operation';

export const operations = { create, createMany, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add one document per input item', action: 'Create a document' },
			{ name: 'Create Many', value: 'createMany', description: 'Add the documents of all input items in batched requests', action: 'Create many documents' },
			{ name: 'Get Many', value: 'getAll', description: 'List a project\'s documents', action: 'Get many documents' },
		],
		default: 'createMany',
	},
	...create.description,
	...createMany.description,
	...getAll.description,
];
