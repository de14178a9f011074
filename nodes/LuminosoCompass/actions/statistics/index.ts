import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getUsage from './getUsage.operation';
import * as getUsageDay from './getUsageDay.operation';

export const operations = { get, getUsage, getUsageDay };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['statistics'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Message statistics of a project, in time buckets', action: 'Get project statistics' },
			{ name: 'Get Usage', value: 'getUsage', description: 'Messages used per month and day, by source', action: 'Get message usage' },
			{ name: 'Get Usage Day', value: 'getUsageDay', description: 'The usage of one source on one day', action: 'Get a usage day' },
		],
		default: 'get',
	},
	...get.description,
	...getUsage.description,
	...getUsageDay.description,
];
