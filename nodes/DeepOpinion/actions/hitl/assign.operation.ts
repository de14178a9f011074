import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { hitlId, hitlLocator, idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	hitlLocator(),
	idField('assignedUserId', 'User ID', 'The user who reviews'),
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['assign'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.assignHitl(projectId(this, i), hitlId(this, i), { assigned_user_id: num(this, 'assignedUserId', i) }));
}
