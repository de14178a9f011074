import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('workspaceId', 'Target Workspace ID', 'The workspace to move the project to'),
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['transfer'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.transferProject(projectId(this, i), num(this, 'workspaceId', i)));
}
