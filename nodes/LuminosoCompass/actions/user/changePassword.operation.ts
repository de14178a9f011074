import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, maskToken, text } from '../common';
import { emailField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Changing the password also replaces the user\'s API token. If this is the user of the node\'s credential, update the credential\'s password too.',
		name: 'passwordNotice',
		type: 'notice',
		default: '',
	},
	emailField('Your own email address'),
	{ displayName: 'Current Password', name: 'oldPassword', type: 'string', typeOptions: { password: true }, required: true, default: '' },
	{ displayName: 'New Password', name: 'newPassword', type: 'string', typeOptions: { password: true }, required: true, default: '' },
	{
		displayName: 'Include New Token',
		name: 'includeToken',
		type: 'boolean',
		default: false,
		description: 'Whether to output the new token in full (it is a secret: by default only its first and last characters are shown)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['changePassword'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const result = await client.changePassword(text(this, 'email', i), this.getNodeParameter('newPassword', i) as string, this.getNodeParameter('oldPassword', i) as string);
	const includeToken = this.getNodeParameter('includeToken', i, false) as boolean;
	return asData({ ...result, token: includeToken ? result.token : maskToken(result.token) });
}
