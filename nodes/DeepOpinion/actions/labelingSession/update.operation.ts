import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';
import { sessionFields } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(), idField('labelingSessionId', 'Labeling Session ID', 'The labeling session'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Classes', name: 'classes', type: 'string', default: '', description: 'Comma-separated class names of the session' },
			{ displayName: 'Document IDs', name: 'document_ids', type: 'string', default: '', description: 'Comma-separated IDs of documents to add' },
			{ displayName: 'Documents (JSON)', name: 'documents', type: 'json', default: '[]', description: 'Labelled documents to add: a JSON array of { text, segments: [{ text, tags: [{ class, label }] }] }' },
			{ displayName: 'Labels', name: 'labels', type: 'string', default: '', description: 'Comma-separated label names of the session' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The session's new name" },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateLabelingSession(projectId(this, i), num(this, 'labelingSessionId', i), sessionFields(this, i, this.getNodeParameter('updateFields', i, {}) as IDataObject)));
}
