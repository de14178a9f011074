import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'Get the tasks of a task batch', action: 'Get many tasks' }],
		default: 'getAll',
	},
	...getAll.description,
];
