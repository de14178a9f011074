import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out } from '../common';

const properties: INodeProperties[] = [
	idField('analysisId', 'Analysis ID', 'The analysis to retrieve'),
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getAnalysis(num(this, 'analysisId', i)));
}
