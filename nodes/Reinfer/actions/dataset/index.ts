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
		displayOptions: { show: { resource: ['dataset'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a dataset', action: 'Create a dataset' },
			{ name: 'Delete', value: 'delete', description: 'Delete a dataset and all its labels', action: 'Delete a dataset' },
			{ name: 'Get', value: 'get', description: 'Get a dataset by owner/name', action: 'Get a dataset' },
			{ name: 'Get Many', value: 'getAll', description: 'List many accessible datasets, or those of one owner', action: 'Get many datasets' },
			{ name: 'Update', value: 'update', description: 'Update a dataset', action: 'Update a dataset' },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
