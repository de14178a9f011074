import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, str } from '../common';

const properties: INodeProperties[] = [
	idField('analysisId', 'Analysis ID', 'The analysis to change'),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'The new name' },
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateAnalysis(num(this, 'analysisId', i), { name: str(this, 'name', i) }));
}
