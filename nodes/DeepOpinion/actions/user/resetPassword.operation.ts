import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, str } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Reset Password Token', name: 'resetToken', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'The one-time token from the reset email' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'At least 8 characters' },
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['resetPassword'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.resetPassword(str(this, 'resetToken', i), this.getNodeParameter('password', i) as string));
}
