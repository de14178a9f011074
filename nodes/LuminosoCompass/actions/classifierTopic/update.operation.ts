import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ClassifierTopicUpdate, LuminosoClient } from '../../../../clients/luminoso';
import { asData, numericId, projectId, projectLocator } from '../common';
import { CLAUSE_HELP, topicIdField } from './fields';

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
			{ displayName: 'Clause', name: 'clause', type: 'string', default: '', description: CLAUSE_HELP },
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
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['classifierTopic'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const raw = this.getNodeParameter('updateFields', i, {}) as { clause?: string; status?: ClassifierTopicUpdate['status']; title?: string };
	const update: ClassifierTopicUpdate = {};
	if (raw.title !== undefined && raw.title.trim() !== '') update.title = raw.title.trim();
	if (raw.clause !== undefined) update.info = raw.clause.trim();
	if (raw.status !== undefined) update.status = raw.status;
	return asData(await client.updateClassifierTopic(projectId(this, i), numericId(this, 'topicId', i), update));
}
