import type { INodeProperties } from 'n8n-workflow';

export const LEVEL_OPTIONS = [
	{ name: 'Manage', value: 'manage', description: 'View and change the account, and view, change and create its projects' },
	{ name: 'Read', value: 'read', description: 'View the account and its projects' },
	{ name: 'Read and Write', value: 'readwrite', description: 'View the account; view, change and create its projects' },
];

export const permissionIdField: INodeProperties = {
	displayName: 'Permission ID',
	name: 'permissionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '17',
	description: 'The number at the end of the permission\'s URL',
};
