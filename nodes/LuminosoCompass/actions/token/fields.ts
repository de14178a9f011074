import type { INodeProperties } from 'n8n-workflow';

export const revealField: INodeProperties = {
	displayName: 'Reveal Token Values',
	name: 'reveal',
	type: 'boolean',
	default: false,
	description: 'Whether to output tokens in full (they are secrets: by default only their first and last characters are shown)',
};

export const tokenField: INodeProperties = {
	displayName: 'Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	required: true,
	default: '',
	description: 'The token string',
};
