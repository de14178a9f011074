import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, str } from '../common';
import { withoutToken } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true, description: 'Must be unique' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'At least 8 characters' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Return Token', name: 'returnToken', type: 'boolean', default: false, description: 'Whether to include the auth_token in the output. It grants access to the account: keep it out of logs.' },
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['register'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const result = await client.register({ email: str(this, 'email', i), password: this.getNodeParameter('password', i) as string, ...compact({ first_name: str(this, 'firstName', i), last_name: str(this, 'lastName', i) }) });
	return withoutToken(this, i, result);
}
