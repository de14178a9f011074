import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, ProjectType } from '../../../../clients/deepopinion';
import { compact, out, projectId, projectLocator } from '../common';
import { PROJECT_TYPE_OPTIONS } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Unique project name' },
			{ displayName: 'Type', name: 'type', type: 'options', options: PROJECT_TYPE_OPTIONS, default: 'ABSA', description: 'The classification type' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateProject(projectId(this, i), compact(this.getNodeParameter('updateFields', i, {}) as { name?: string; type?: ProjectType })));
}
