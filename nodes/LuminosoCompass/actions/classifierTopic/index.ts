import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['classifierTopic'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a topic (a clause) to a topic-based classifier', action: 'Create a classifier topic' },
			{ name: 'Delete', value: 'delete', description: 'Delete a classifier topic', action: 'Delete a classifier topic' },
			{ name: 'Update', value: 'update', description: 'Change a classifier topic\'s title, clause or status', action: 'Update a classifier topic' },
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...update.description,
];
