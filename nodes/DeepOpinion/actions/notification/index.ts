import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notification'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a notification', action: 'Get a notification' },
			{ name: 'Get Many', value: 'getAll', description: "List a user's notifications", action: 'Get many notifications' },
			{ name: 'Update', value: 'update', description: 'Mark a notification read or unread, or change it', action: 'Update a notification' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...update.description,
];
