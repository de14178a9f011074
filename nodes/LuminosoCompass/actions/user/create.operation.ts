import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, UserCreate } from '../../../../clients/luminoso';
import { asData, compact, text } from '../common';
import { emailField } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Full name of the person' },
	emailField('Email address (the username)'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Default Account ID', name: 'default_account', type: 'string', default: '', description: 'ID of the user\'s default account' },
			{ displayName: 'Site Admin', name: 'admin', type: 'boolean', default: false, description: 'Whether the user is a site admin (allowed to do everything)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const extra = compact(this.getNodeParameter('additionalFields', i, {}) as Partial<UserCreate>);
	return asData(await client.createUser({ ...extra, name: text(this, 'name', i), email: text(this, 'email', i) }));
}
