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
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an account (site admins)', action: 'Create an account' },
			{ name: 'Delete', value: 'delete', description: 'Delete an account', action: 'Delete an account' },
			{ name: 'Get', value: 'get', description: 'Get an account', action: 'Get an account' },
			{ name: 'Get Many', value: 'getAll', description: 'List the accounts you have permission on', action: 'Get many accounts' },
			{ name: 'Update', value: 'update', description: 'Rename an account', action: 'Update an account' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
