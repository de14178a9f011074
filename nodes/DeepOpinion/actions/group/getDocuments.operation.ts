import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { details, detailsField, idField, num, outMany, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	idField('groupId', 'Group ID', 'The group'),
	detailsField(),
	{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only documents containing this text' },
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['getDocuments'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllGroupDocuments(projectId(this, i), num(this, 'groupId', i), { details: details(this, i), search: str(this, 'search', i) || undefined }, { limit: limitFor(this, i) }));
}
