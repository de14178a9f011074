import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, projectId, projectLocator } from '../common';
import { listFilterOptions, readListFilters } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	...returnAllOrLimit(undefined),
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: listFilterOptions() },
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const query = readListFilters(this.getNodeParameter('filters', i, {}) as IDataObject);
	return (await client.listTopics(projectId(this, i), query, limitFor(this, i))).map(asData);
}
