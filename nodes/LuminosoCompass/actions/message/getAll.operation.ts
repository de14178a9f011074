import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, messageFilterOptions, projectId, projectLocator, readMessageFilters } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	...returnAllOrLimit(undefined),
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: messageFilterOptions() },
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['getAll'] } }, properties);

/** Newest first; Return All follows every `next` page. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const filters = readMessageFilters(this.getNodeParameter('filters', i, {}) as IDataObject);
	return (await client.listMessages(projectId(this, i), filters, limitFor(this, i))).map(asData);
}
