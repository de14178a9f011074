import type { INodeProperties } from 'n8n-workflow';
import * as deleteProductKey from './deleteProductKey.operation';
import * as get from './get.operation';
import * as getPermissions from './getPermissions.operation';
import * as getProductKeys from './getProductKeys.operation';
import * as login from './login.operation';
import * as register from './register.operation';
import * as requestPasswordReset from './requestPasswordReset.operation';
import * as resetPassword from './resetPassword.operation';
import * as update from './update.operation';
import * as updatePermissions from './updatePermissions.operation';

export const operations = { deleteProductKey, get, getPermissions, getProductKeys, login, register, requestPasswordReset, resetPassword, update, updatePermissions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Delete Product Key', value: 'deleteProductKey', description: "Delete one of a user's product keys; answers the remaining keys", action: 'Delete a product key' },
			{ name: 'Get', value: 'get', description: 'Get a user (yourself unless you are an admin)', action: 'Get a user' },
			{ name: 'Get Permissions', value: 'getPermissions', description: "Get a user's permissions (superuser, beta user)", action: 'Get permissions of a user' },
			{ name: 'Get Product Keys', value: 'getProductKeys', description: "List a user's product keys", action: 'Get product keys of a user' },
			{ name: 'Log In', value: 'login', description: 'Log in with email and password (the credential does this by itself)', action: 'Log in a user' },
			{ name: 'Register', value: 'register', description: 'Create a new account', action: 'Register an account' },
			{ name: 'Request Password Reset', value: 'requestPasswordReset', description: 'Send a password reset link to an email address', action: 'Request a password reset email' },
			{ name: 'Reset Password', value: 'resetPassword', description: 'Set a new password with the token from the reset email', action: 'Reset a password' },
			{ name: 'Update', value: 'update', description: "Change a user's name, email or password", action: 'Update a user' },
			{ name: 'Update Permissions', value: 'updatePermissions', description: 'Grant or revoke superuser and beta-user permissions', action: 'Update permissions of a user' },
		],
		default: 'get',
	},
	...deleteProductKey.description,
	...get.description,
	...getPermissions.description,
	...getProductKeys.description,
	...login.description,
	...register.description,
	...requestPasswordReset.description,
	...resetPassword.description,
	...update.description,
	...updatePermissions.description,
];
