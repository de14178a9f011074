import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { modelId, modelLocator, out } from '../common';
import { MODEL_FIELDS, modelFields } from '../fields';

const properties: INodeProperties[] = [
	modelLocator(), {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: MODEL_FIELDS,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateModel(modelId(this, i), modelFields(this.getNodeParameter('updateFields', i, {}) as IDataObject)));
}
