import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { hitlId, hitlLocator, out, projectId, projectLocator } from '../common';
import { hitlFields } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	hitlLocator(),
	{ displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [
			{ displayName: 'Assigned User ID', name: 'assigned_user_id', type: 'number', default: 0, description: 'The user who reviews' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'At most 255 characters' },
			{ displayName: 'Is Live', name: 'is_live', type: 'boolean', default: true, description: 'Whether new extractions are routed to this HITL' },
			{ displayName: 'Model ID', name: 'model_id', type: 'number', default: 0, description: 'The extraction model whose results are reviewed' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'At most 120 characters' },
			{ displayName: 'Webhook URL', name: 'webhook_url', type: 'string', default: '', description: 'Called when the reviews of a document are complete (at most 255 characters)' },
		] },
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateHitl(projectId(this, i), hitlId(this, i), hitlFields(this.getNodeParameter('updateFields', i, {}) as IDataObject)));
}
