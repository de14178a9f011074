import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, UserFields } from '../../../../clients/deepopinion';
import { compact, out, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Must be unique' },
			{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', description: 'At least 8 characters' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateUser(await userId(this, i, client), compact(this.getNodeParameter('updateFields', i, {}) as UserFields)));
}
