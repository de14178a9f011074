import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, out, str } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Invitation Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'The token of the invitation link' },
	{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true, description: 'At least 8 characters' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['acceptInvitation'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.acceptInvitation({ token: str(this, 'token', i), password: this.getNodeParameter('password', i) as string, ...compact(this.getNodeParameter('additionalFields', i, {}) as { email?: string; first_name?: string; last_name?: string }) }));
}
