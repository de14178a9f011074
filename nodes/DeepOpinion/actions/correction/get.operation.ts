import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('correctionId', 'Correction Session ID', 'The correction session to retrieve'),
];

export const description = updateDisplayOptions({ show: { resource: ['correction'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getCorrection(projectId(this, i), num(this, 'correctionId', i)));
}
