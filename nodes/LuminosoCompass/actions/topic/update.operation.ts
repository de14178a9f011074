import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, TopicUpdate } from '../../../../clients/luminoso';
import { asData, numericId, projectId, projectLocator } from '../common';
import { readTerms, termsField, topicIdField } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	topicIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Blocking', name: 'blocking', type: 'boolean', default: false, description: 'Whether messages in this topic are kept out of every other topic' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Inactive', value: 'inactive' },
				],
				default: 'active',
			},
			{ ...termsField, description: 'Replace the words or phrases that define the topic' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const raw = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const update: TopicUpdate = {};
	if (typeof raw.title === 'string' && raw.title.trim()) update.title = raw.title.trim();
	if (raw.status) update.status = raw.status as TopicUpdate['status'];
	if (typeof raw.blocking === 'boolean') update.blocking = raw.blocking;
	if (raw.terms !== undefined) update.info = { terms: readTerms(this, i, 'updateFields.terms.term') };
	return asData(await client.updateTopic(projectId(this, i), numericId(this, 'topicId', i), update));
}
