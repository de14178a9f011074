import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, compact, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Dataset', name: 'dataset', type: 'string', default: '', description: 'Only documents of this dataset' },
			{ displayName: 'Label', name: 'label', type: 'string', default: '', description: 'Only documents with this label' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', i, {}) as { label?: string; dataset?: string });
	return (await client.listDocuments(projectId(this, i), filters, limitFor(this, i))).map(asData);
}
