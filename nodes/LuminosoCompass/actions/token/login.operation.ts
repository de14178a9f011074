import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, maskToken, text } from '../common';
import { revealField } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'Username', name: 'username', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The email address to log in as' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, required: true, default: '' },
	{ ...revealField, displayName: 'Reveal Token', description: 'Whether to output the token in full (it is a secret: by default only its first and last characters are shown)' },
];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['login'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const result = await client.login(text(this, 'username', i), this.getNodeParameter('password', i) as string);
	const reveal = this.getNodeParameter('reveal', i, false) as boolean;
	return asData({ ...result, token: reveal ? result.token : maskToken(result.token) });
}
