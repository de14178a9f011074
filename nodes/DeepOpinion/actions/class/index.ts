import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as uploadFile from './uploadFile.operation';

export const operations = { create, createMany, get, getAll, update, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['class'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a class to a project', action: 'Create a class' },
			{ name: 'Create Many', value: 'createMany', description: 'Add the classes of all input items in one request per project', action: 'Create many classes' },
			{ name: 'Get', value: 'get', description: 'Get a class of a project', action: 'Get a class' },
			{ name: 'Get Many', value: 'getAll', description: 'List the classes of a project', action: 'Get many classes' },
			{ name: 'Update', value: 'update', description: "Change a class's name, example or description", action: 'Update a class' },
			{ name: 'Upload File', value: 'uploadFile', description: 'Add the classes defined in a file (a name column, optional example and description columns)', action: 'Upload a file of classes' },
		],
		default: 'get',
	},
	...create.description,
	...createMany.description,
	...get.description,
	...getAll.description,
	...update.description,
	...uploadFile.description,
];
