import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as sync from './sync.operation';

export const operations = { get, sync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['comment'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a comment by ID', action: 'Get a comment' },
			{
				name: 'Sync',
				value: 'sync',
				description: 'Create or update comments from the input items, in batches of up to 1024',
				action: 'Create or update comments',
			},
		],
		default: 'sync',
	},
	...get.description,
	...sync.description,
];
