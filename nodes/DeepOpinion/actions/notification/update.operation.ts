import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, idField, num, out, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(),
	idField('notificationId', 'Notification ID', 'The notification to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Mark as Unread', name: 'unread', type: 'boolean', default: true, description: 'Whether to mark the notification as unread' },
			{ displayName: 'Read At', name: 'read', type: 'dateTime', default: '', description: 'When the user read the notification' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '', description: "The notification's text" },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: "The notification's title" },
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Info', value: 'INFO' },
					{ name: 'Warning', value: 'WARNING' },
				],
				default: 'INFO',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const { unread, ...fields } = this.getNodeParameter('updateFields', i, {}) as { unread?: boolean; read?: string; title?: string; text?: string; type?: 'INFO' | 'WARNING' };
	const update: Record<string, unknown> = compact(fields);
	if (unread) update.read = '';
	return out(await client.updateNotification(await userId(this, i, client), num(this, 'notificationId', i), update));
}
