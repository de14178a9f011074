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
		displayOptions: { show: { resource: ['source'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a source', action: 'Create a source' },
			{ name: 'Delete', value: 'delete', description: 'Delete a source and all its comments', action: 'Delete a source' },
			{ name: 'Get', value: 'get', description: 'Get a source by owner/name or by ID', action: 'Get a source' },
			{ name: 'Get Many', value: 'getAll', description: 'List many accessible sources, or those of one owner', action: 'Get many sources' },
			{ name: 'Update', value: 'update', description: 'Update a source', action: 'Update a source' },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
