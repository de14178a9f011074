import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as update from './update.operation';
import * as updateByName from './updateByName.operation';

export const operations = { create, update, updateByName };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a label to a project (not to ABSA projects)', action: 'Create a label' },
			{ name: 'Update', value: 'update', description: 'Rename a label by its ID', action: 'Update a label' },
			{ name: 'Update by Name', value: 'updateByName', description: 'Rename a label found by its current name', action: 'Update a label by name' },
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...updateByName.description,
];
