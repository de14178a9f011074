import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { modelId, modelLocator, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), modelLocator(),
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['getOfProject'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getProjectModel(projectId(this, i), modelId(this, i)));
}
