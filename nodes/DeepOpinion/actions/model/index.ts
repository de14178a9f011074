import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllOfProject from './getAllOfProject.operation';
import * as getAllOfWorkspace from './getAllOfWorkspace.operation';
import * as getAnalyses from './getAnalyses.operation';
import * as getOfProject from './getOfProject.operation';
import * as train from './train.operation';
import * as update from './update.operation';
import * as updateOfProject from './updateOfProject.operation';
import * as upload from './upload.operation';

export const operations = { get, getAll, getAllOfProject, getAllOfWorkspace, getAnalyses, getOfProject, train, update, updateOfProject, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['model'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a model by its ID', action: 'Get a model' },
			{ name: 'Get Analyses', value: 'getAnalyses', description: 'List the analyses a model made', action: 'Get analyses of a model' },
			{ name: 'Get Many', value: 'getAll', description: 'List the models you can see', action: 'Get many models' },
			{ name: 'Get Many of Project', value: 'getAllOfProject', description: 'List the models of a project', action: 'Get many models of a project' },
			{ name: 'Get Many of Workspace', value: 'getAllOfWorkspace', description: 'List the models of a workspace (organization) by its name', action: 'Get many models of a workspace' },
			{ name: 'Get of Project', value: 'getOfProject', description: 'Get a model of a project with its metrics', action: 'Get a model of a project' },
			{ name: 'Train', value: 'train', description: 'Start training a model from labeling sessions (poll Get until it is READY)', action: 'Train a model' },
			{ name: 'Update', value: 'update', description: "Change a model's metadata", action: 'Update a model' },
			{ name: 'Update of Project', value: 'updateOfProject', description: "Change a project model's metadata", action: 'Update a model of a project' },
			{ name: 'Upload', value: 'upload', description: 'Upload a model file', action: 'Upload a model' },
		],
		default: 'get',
	},
	...get.description,
	...getAnalyses.description,
	...getAll.description,
	...getAllOfProject.description,
	...getAllOfWorkspace.description,
	...getOfProject.description,
	...train.description,
	...update.description,
	...updateOfProject.description,
	...upload.description,
];
