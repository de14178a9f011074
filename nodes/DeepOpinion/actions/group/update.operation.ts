import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, idField, idList, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	idField('groupId', 'Group ID', 'The group to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Document IDs', name: 'document_ids', type: 'string', default: '', description: 'Comma-separated IDs of documents to add to the group' },
			{ displayName: 'Documents (JSON)', name: 'documents', type: 'json', default: '[]', description: 'New documents to add, e.g. [{ "text": "..." }]' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The group's new name" },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const fields = this.getNodeParameter('updateFields', i, {}) as { document_ids?: string; documents?: unknown; name?: string };
	const documents = typeof fields.documents === 'string' ? (fields.documents.trim() ? (JSON.parse(fields.documents) as IDataObject[]) : undefined) : (fields.documents as IDataObject[] | undefined);
	return out(await client.updateGroup(projectId(this, i), num(this, 'groupId', i), compact({ name: fields.name, document_ids: idList(fields.document_ids), documents: documents?.length ? documents : undefined })));
}
