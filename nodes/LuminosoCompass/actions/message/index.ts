import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { create, createMany, delete: del, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Save one message per input item and get it classified', action: 'Create a message' },
			{ name: 'Create Many', value: 'createMany', description: 'Save the messages of all input items in batched requests, each classified', action: 'Create many messages' },
			{ name: 'Delete', value: 'delete', description: 'Delete a message', action: 'Delete a message' },
			{ name: 'Get', value: 'get', description: 'Get a message with its topics', action: 'Get a message' },
			{ name: 'Get Many', value: 'getAll', description: 'List a project\'s messages, newest first', action: 'Get many messages' },
		],
		default: 'createMany',
	},
	...create.description,
	...createMany.description,
	...del.description,
	...get.description,
	...getAll.description,
];
