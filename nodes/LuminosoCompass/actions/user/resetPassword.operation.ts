import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { text } from '../common';
import { emailField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Outputs the user\'s temporary password: the user must change it at the next login. Their API token is deleted.',
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
	emailField('The user whose password to reset (site admins only)'),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['resetPassword'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const email = text(this, 'email', i);
	const { password } = await client.resetPassword(email);
	return { user: email, temporaryPassword: password };
}
