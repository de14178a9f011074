import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), { displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: "The label's name" },
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createLabel(projectId(this, i), { name: str(this, 'name', i) }));
}
