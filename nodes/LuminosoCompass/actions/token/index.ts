import type { INodeProperties } from 'n8n-workflow';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as login from './login.operation';

export const operations = { delete: del, get, getAll, login };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a token (it stops working at once)', action: 'Delete a token' },
			{ name: 'Get', value: 'get', description: 'Get a token\'s user and expiration', action: 'Get a token' },
			{ name: 'Get Many', value: 'getAll', description: 'List your tokens (all tokens for site admins)', action: 'Get many tokens' },
			{ name: 'Log In', value: 'login', description: 'Log in with a username and password to get a token', action: 'Log in to get a token' },
		],
		default: 'getAll',
	},
	...del.description,
	...get.description,
	...getAll.description,
	...login.description,
];
