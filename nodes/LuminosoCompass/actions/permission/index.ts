import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { create, delete: del, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['permission'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Give a user a permission on an account', action: 'Create a permission' },
			{ name: 'Delete', value: 'delete', description: 'Remove a permission', action: 'Delete a permission' },
			{ name: 'Get', value: 'get', description: 'Get a permission', action: 'Get a permission' },
			{ name: 'Get Many', value: 'getAll', description: 'List the permissions on accounts you manage', action: 'Get many permissions' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
];
