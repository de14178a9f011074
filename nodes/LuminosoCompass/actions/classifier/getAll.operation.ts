import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, projectId, projectLocator, text } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	...returnAllOrLimit(undefined),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only the classifier with this name' },
];

export const description = updateDisplayOptions({ show: { resource: ['classifier'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const name = text(this, 'name', i);
	return (await client.listClassifiers(projectId(this, i), name ? { name } : {}, limitFor(this, i))).map(asData);
}
