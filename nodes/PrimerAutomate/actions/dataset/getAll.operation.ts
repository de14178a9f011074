import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Include Archived', name: 'includeArchived', type: 'boolean', default: true, description: 'Whether to include archived datasets' },
			{ displayName: 'Model ID', name: 'modelId', type: 'string', default: '', description: 'Only datasets linked to this model' },
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: 'Only datasets whose display name contains this text (case-insensitive)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['getAll'] } }, properties);

/** Lists the organisation's datasets (`GET /datasets/`), one item each. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { includeArchived?: boolean; modelId?: string; name?: string };
	const name = filters.name?.trim().toLowerCase();
	const modelId = filters.modelId?.trim().toLowerCase();
	const datasets = (await client.listDatasets()).filter(
		(d) => (filters.includeArchived !== false || !d.is_archived) && (!name || d.display_name.toLowerCase().includes(name)) && (!modelId || (d.models ?? []).some((m) => m.id.toLowerCase() === modelId)),
	);
	const limit = limitFor(this, i);
	return (limit === undefined ? datasets : datasets.slice(0, limit)).map(asData);
}
