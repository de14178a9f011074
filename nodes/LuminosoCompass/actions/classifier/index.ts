import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['classifier'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a voting, topic-based or sentiment classifier', action: 'Create a classifier' },
			{ name: 'Delete', value: 'delete', description: 'Delete a classifier', action: 'Delete a classifier' },
			{ name: 'Get', value: 'get', description: 'Get a classifier, with its training state', action: 'Get a classifier' },
			{ name: 'Get Many', value: 'getAll', description: 'List a project\'s classifiers', action: 'Get many classifiers' },
			{ name: 'Update', value: 'update', description: 'Change a classifier\'s name, status or settings', action: 'Update a classifier' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
