import type { INodeProperties } from 'n8n-workflow';

export const emailField = (description = 'The user\'s email address (their username)'): INodeProperties => ({
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description,
});
