import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, ProjectUpdate } from '../../../../clients/luminoso';
import { asData, compact, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Inactive', value: 'inactive' },
				],
				default: 'active',
				description: 'An inactive project can be viewed but processes no new messages',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', i, {}) as ProjectUpdate & { description?: string };
	// An empty description is a legitimate value to set.
	const body = { ...compact(fields), ...(fields.description !== undefined ? { description: fields.description } : {}) };
	return asData(await client.updateProject(projectId(this, i), body));
}
