import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { details, detailsField, idField, num, out, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(), idField('groupId', 'Group ID', 'The group'), idField('documentId', 'Document ID', 'The document'), detailsField(),
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['getDocument'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getGroupDocument(projectId(this, i), num(this, 'groupId', i), num(this, 'documentId', i), { details: details(this, i) }));
}
