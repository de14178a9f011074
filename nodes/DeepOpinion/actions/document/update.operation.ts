import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	idField('documentId', 'Document ID', 'The document to change'),
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 2 }, default: '', required: true, description: 'The new text' },
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateDocument(projectId(this, i), num(this, 'documentId', i), { text: str(this, 'text', i) }));
}
