import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Is Beta User', name: 'is_betauser', type: 'boolean', default: false, description: 'Whether the user is a beta user' },
			{ displayName: 'Is Superuser', name: 'is_superuser', type: 'boolean', default: false, description: 'Whether the user is a superuser' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['updatePermissions'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateUserPermissions(await userId(this, i, client), this.getNodeParameter('updateFields', i, {}) as { is_betauser?: boolean; is_superuser?: boolean }));
}
