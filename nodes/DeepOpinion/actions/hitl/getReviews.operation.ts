import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { hitlId, hitlLocator, outMany, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	hitlLocator(),
	{ displayName: 'With Full Data', name: 'withFullData', type: 'boolean', default: false, description: 'Whether to return all the review data (extracted and reviewed values)' },
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['getReviews'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.listHitlReviews(projectId(this, i), hitlId(this, i), { withFullData: this.getNodeParameter('withFullData', i, false) as boolean }));
}
