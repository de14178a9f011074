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
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a project in an account', action: 'Create a project' },
			{ name: 'Delete', value: 'delete', description: 'Delete a project and everything in it', action: 'Delete a project' },
			{ name: 'Get', value: 'get', description: 'Get a project', action: 'Get a project' },
			{ name: 'Get Many', value: 'getAll', description: 'List the projects you have access to', action: 'Get many projects' },
			{ name: 'Update', value: 'update', description: 'Change a project\'s name, description or status', action: 'Update a project' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
