import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	idField('documentId', 'Document ID', 'The document to retrieve'),
	{ displayName: 'Include Segments', name: 'segments', type: 'boolean', default: true, description: 'Whether to return the segments of the document' },
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getDocument(projectId(this, i), num(this, 'documentId', i), { segments: this.getNodeParameter('segments', i, true) as boolean }));
}
