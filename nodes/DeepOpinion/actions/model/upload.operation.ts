import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { binaryField, out, str, uploadFile } from '../common';
import { MODEL_FIELDS, modelFields } from '../fields';

const properties: INodeProperties[] = [
	binaryField('The model file'),
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', required: true, description: 'A friendly name' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: MODEL_FIELDS.filter((f) => f.name !== 'display_name' && f.name !== 'type'),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['upload'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.uploadModel(await uploadFile(this, i), { display_name: str(this, 'displayName', i), ...modelFields(this.getNodeParameter('additionalFields', i, {}) as IDataObject) }));
}
