import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, modelId, modelLocator, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	modelLocator({ description: 'The model whose predictions are corrected' }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the correction session' },
			{ displayName: 'Sample Size', name: 'sample_size', type: 'number', default: 20, typeOptions: { minValue: 1 }, description: 'How many documents to sample' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['correction'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createCorrection(projectId(this, i), { model_id: modelId(this, i), ...compact(this.getNodeParameter('additionalFields', i, {}) as { name?: string; sample_size?: number }) }));
}
