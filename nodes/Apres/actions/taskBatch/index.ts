import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getOutput from './getOutput.operation';

export const operations = { create, get, getAll, getOutput };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['taskBatch'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a task batch from binary files, an Amazon S3 bucket or an Azure blob container',
				action: 'Create a task batch',
			},
			{ name: 'Get', value: 'get', description: 'Get a task batch', action: 'Get a task batch' },
			{ name: 'Get Many', value: 'getAll', description: 'Get the task batches of the recipe', action: 'Get many task batches' },
			{ name: 'Get Output', value: 'getOutput', description: 'Get the results of a task batch: rows, CSV URL and statistics', action: 'Get the output of a task batch' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...getOutput.description,
];
