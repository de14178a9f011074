import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(), idField('notificationId', 'Notification ID', 'The notification to retrieve'),
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getNotification(await userId(this, i, client), num(this, 'notificationId', i)));
}
