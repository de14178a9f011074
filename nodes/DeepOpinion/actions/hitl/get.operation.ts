import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { hitlId, hitlLocator, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), hitlLocator(),
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getHitl(projectId(this, i), hitlId(this, i)));
}
