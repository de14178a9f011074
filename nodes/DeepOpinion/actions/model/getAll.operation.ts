import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany } from '../common';
import { MODEL_FILTER_FIELDS, modelFilters } from '../fields';

const properties: INodeProperties[] = [
	{ ...{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: MODEL_FILTER_FIELDS,
	}, options: ([...MODEL_FILTER_FIELDS, { displayName: 'Exclude Model ID', name: 'exclude_id', type: 'number', default: 0, description: 'Leave out the model with this ID' }, { displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only models whose name contains this text' }] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)) },
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllModels(modelFilters(this.getNodeParameter('filters', i, {}) as IDataObject), { limit: limitFor(this, i) }));
}
