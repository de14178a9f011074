import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelId', 'Label ID', 'The label to change'), { displayName: 'New Name', name: 'name', type: 'string', default: '', required: true, description: "The label's new name" },
];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateLabel(projectId(this, i), num(this, 'labelId', i), { name: str(this, 'name', i) }));
}
