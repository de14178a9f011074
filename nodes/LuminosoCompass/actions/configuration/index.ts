import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reset from './reset.operation';
import * as set from './set.operation';

export const operations = { get, getAll, reset, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['configuration'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one configuration value', action: 'Get a configuration value' },
			{ name: 'Get Many', value: 'getAll', description: 'Get the defaults and the values set on the project', action: 'Get the project configuration' },
			{ name: 'Reset', value: 'reset', description: 'Unset a key, restoring its default', action: 'Reset a configuration value' },
			{ name: 'Set', value: 'set', description: 'Set a configuration value', action: 'Set a configuration value' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...reset.description,
	...set.description,
];
