import type { INodeProperties } from 'n8n-workflow';
import * as changePassword from './changePassword.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as resetPassword from './resetPassword.operation';
import * as update from './update.operation';

export const operations = { changePassword, create, delete: del, get, getAll, resetPassword, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Change Password', value: 'changePassword', description: 'Change your password (this also replaces your token)', action: 'Change a user password' },
			{ name: 'Create', value: 'create', description: 'Create a user (site admins)', action: 'Create a user' },
			{ name: 'Delete', value: 'delete', description: 'Delete a user (site admins)', action: 'Delete a user' },
			{ name: 'Get', value: 'get', description: 'Get a user', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'List the users you can see', action: 'Get many users' },
			{ name: 'Reset Password', value: 'resetPassword', description: 'Reset a user\'s password to a temporary one (site admins)', action: 'Reset a user password' },
			{ name: 'Update', value: 'update', description: 'Change a user\'s name, email or default account', action: 'Update a user' },
		],
		default: 'getAll',
	},
	...changePassword.description,
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...resetPassword.description,
	...update.description,
];
