import type { INodeProperties } from 'n8n-workflow';
import * as assign from './assign.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getReviews from './getReviews.operation';
import * as update from './update.operation';

export const operations = { assign, create, get, getAll, getReviews, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hitl'] } },
		options: [
			{ name: 'Assign', value: 'assign', description: 'Assign a HITL (and its open reviews) to a user', action: 'Assign a HITL to a user' },
			{ name: 'Create', value: 'create', description: 'Add a human-in-the-loop review step to a project', action: 'Create a HITL' },
			{ name: 'Get', value: 'get', description: 'Get a HITL of a project', action: 'Get a HITL' },
			{ name: 'Get Many', value: 'getAll', description: 'List the HITLs of a project', action: 'Get many HITL objects' },
			{ name: 'Get Reviews', value: 'getReviews', description: 'List the reviews of a HITL', action: 'Get reviews of a HITL' },
			{ name: 'Update', value: 'update', description: "Change a HITL's data", action: 'Update a HITL' },
		],
		default: 'get',
	},
	...assign.description,
	...create.description,
	...get.description,
	...getAll.description,
	...getReviews.description,
	...update.description,
];
