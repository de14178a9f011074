import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator, str } from '../common';
import { hitlFields } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'At most 120 characters' },
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [
			{ displayName: 'Assigned User ID', name: 'assigned_user_id', type: 'number', default: 0, description: 'The user who reviews' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'At most 255 characters' },
			{ displayName: 'Is Live', name: 'is_live', type: 'boolean', default: true, description: 'Whether new extractions are routed to this HITL' },
			{ displayName: 'Model ID', name: 'model_id', type: 'number', default: 0, description: 'The extraction model whose results are reviewed' },
			{ displayName: 'Webhook URL', name: 'webhook_url', type: 'string', default: '', description: 'Called when the reviews of a document are complete (at most 255 characters)' },
		] },
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createHitl(projectId(this, i), { name: str(this, 'name', i), ...hitlFields(this.getNodeParameter('additionalFields', i, {}) as IDataObject) }));
}
