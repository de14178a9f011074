import type { INodeProperties } from 'n8n-workflow';
import * as clone from './clone.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAnalyses from './getAnalyses.operation';
import * as getTask from './getTask.operation';
import * as transfer from './transfer.operation';
import * as update from './update.operation';

export const operations = { clone, create, get, getAll, getAnalyses, getTask, transfer, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{ name: 'Clone', value: 'clone', description: 'Copy a project and all its data, into the same or another workspace', action: 'Clone a project' },
			{ name: 'Create', value: 'create', description: 'Create a project', action: 'Create a project' },
			{ name: 'Get', value: 'get', description: 'Get a project', action: 'Get a project' },
			{ name: 'Get Analyses', value: 'getAnalyses', description: "List a project's analyses", action: 'Get analyses of a project' },
			{ name: 'Get Many', value: 'getAll', description: 'List the projects you can access', action: 'Get many projects' },
			{ name: 'Get Task', value: 'getTask', description: 'Get a background task of a project (e.g. a document upload)', action: 'Get a task of a project' },
			{ name: 'Transfer', value: 'transfer', description: 'Move a project and all its data to another workspace', action: 'Transfer a project' },
			{ name: 'Update', value: 'update', description: "Change a project's name or type", action: 'Update a project' },
		],
		default: 'get',
	},
	...clone.description,
	...create.description,
	...get.description,
	...getAnalyses.description,
	...getAll.description,
	...getTask.description,
	...transfer.description,
	...update.description,
];
