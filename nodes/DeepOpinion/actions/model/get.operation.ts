import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { modelId, modelLocator, out } from '../common';

const properties: INodeProperties[] = [
	modelLocator(),
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getModel(modelId(this, i)));
}
