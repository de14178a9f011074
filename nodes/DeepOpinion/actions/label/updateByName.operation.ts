import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Label Name', name: 'labelName', type: 'string', default: '', required: true, description: "The label's current name" },
	{ displayName: 'New Name', name: 'name', type: 'string', default: '', required: true, description: "The label's new name" },
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['updateByName'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateLabelByName(projectId(this, i), str(this, 'labelName', i), { name: str(this, 'name', i) }));
}
