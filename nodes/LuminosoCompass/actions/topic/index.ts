import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getHistory from './getHistory.operation';
import * as getMessages from './getMessages.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, get, getAll, getHistory, getMessages, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['topic'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a topic defined by weighted terms', action: 'Create a topic' },
			{ name: 'Delete', value: 'delete', description: 'Delete a topic', action: 'Delete a topic' },
			{ name: 'Get', value: 'get', description: 'Get a topic, optionally with statistics', action: 'Get a topic' },
			{ name: 'Get History', value: 'getHistory', description: 'List topics from the project\'s history, whatever their status', action: 'Get the topics history' },
			{ name: 'Get Many', value: 'getAll', description: 'List a project\'s topics (including classifier topics)', action: 'Get many topics' },
			{ name: 'Get Messages', value: 'getMessages', description: 'List the messages in a topic, with their centrality', action: 'Get the messages in a topic' },
			{ name: 'Update', value: 'update', description: 'Change a topic\'s title, status, blocking or terms', action: 'Update a topic' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getHistory.description,
	...getMessages.description,
	...update.description,
];
