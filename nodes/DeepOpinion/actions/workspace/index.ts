import type { INodeProperties } from 'n8n-workflow';
import * as acceptInvitation from './acceptInvitation.operation';
import * as addUser from './addUser.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as get from './get.operation';
import * as getInvitations from './getInvitations.operation';
import * as inviteUsers from './inviteUsers.operation';
import * as setDefault from './setDefault.operation';
import * as update from './update.operation';
import * as updateRole from './updateRole.operation';

export const operations = { acceptInvitation, addUser, create, deactivate, get, getInvitations, inviteUsers, setDefault, update, updateRole };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{ name: 'Accept Invitation', value: 'acceptInvitation', description: 'Accept a workspace invitation, creating the account if needed', action: 'Accept an invitation' },
			{ name: 'Add User', value: 'addUser', description: 'Add an existing user to a workspace', action: 'Add a user to a workspace' },
			{ name: 'Create', value: 'create', description: 'Create a workspace', action: 'Create a workspace' },
			{ name: 'Deactivate', value: 'deactivate', description: 'Deactivate a workspace', action: 'Deactivate a workspace' },
			{ name: 'Get', value: 'get', description: 'Get a workspace', action: 'Get a workspace' },
			{ name: 'Get Invitations', value: 'getInvitations', description: 'List the pending invitations of a workspace', action: 'Get pending invitations of a workspace' },
			{ name: 'Invite Users', value: 'inviteUsers', description: 'Invite users by email, all with the same role', action: 'Invite users to a workspace' },
			{ name: 'Set Default', value: 'setDefault', description: 'Make a workspace the one Studio opens by default', action: 'Set the default workspace' },
			{ name: 'Update', value: 'update', description: 'Change the name and description of a workspace', action: 'Update a workspace' },
			{ name: 'Update Role', value: 'updateRole', description: "Change a member's role", action: 'Update a user role in a workspace' },
		],
		default: 'get',
	},
	...acceptInvitation.description,
	...addUser.description,
	...create.description,
	...deactivate.description,
	...get.description,
	...getInvitations.description,
	...inviteUsers.description,
	...setDefault.description,
	...update.description,
	...updateRole.description,
];
