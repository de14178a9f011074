import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), { displayName: 'Target Workspace ID', name: 'workspaceId', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: "The workspace of the copy (0 for the project's own)" },
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['clone'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.cloneProject(projectId(this, i), num(this, 'workspaceId', i) || undefined));
}
