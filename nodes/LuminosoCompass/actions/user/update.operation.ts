import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, UserUpdate } from '../../../../clients/luminoso';
import { asData, compact, text } from '../common';
import { emailField } from './fields';

const properties: INodeProperties[] = [
	emailField('The user to change (yourself, unless you are a site admin)'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Default Account ID', name: 'default_account', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name of the person' },
			{ displayName: 'New Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'A new email address (username)' },
			{ displayName: 'Site Admin', name: 'admin', type: 'boolean', default: false, description: 'Whether the user is a site admin (site admins only)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const fields = compact(this.getNodeParameter('updateFields', i, {}) as UserUpdate);
	return asData(await client.updateUser(text(this, 'email', i), fields));
}
