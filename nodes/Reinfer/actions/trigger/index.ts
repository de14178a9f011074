import type { INodeProperties } from 'n8n-workflow';
import * as advance from './advance.operation';
import * as fetch from './fetch.operation';

export const operations = { advance, fetch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trigger'] } },
		options: [
			{ name: 'Advance', value: 'advance', description: 'Commit a trigger\'s position after handling fetched comments', action: 'Advance a trigger' },
			{ name: 'Fetch', value: 'fetch', description: 'Fetch the next comments of a trigger without moving its position', action: 'Fetch comments from a trigger' },
		],
		default: 'fetch',
	},
	...fetch.description,
	...advance.description,
];
