import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { str } from '../common';
import { withoutToken } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true, description: 'The email of the account' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'The password of the account' },
	{ displayName: 'Return Token', name: 'returnToken', type: 'boolean', default: false, description: 'Whether to include the auth_token in the output. It grants access to the account: keep it out of logs.' },
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['login'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return withoutToken(this, i, await client.login(str(this, 'email', i), this.getNodeParameter('password', i) as string));
}
