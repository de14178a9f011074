import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany, str } from '../common';
import { MODEL_FILTER_FIELDS, modelFilters } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Workspace Name', name: 'organization', type: 'string', default: '', required: true, description: 'The organization (workspace) name' },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: MODEL_FILTER_FIELDS,
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['getAllOfWorkspace'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllOrganizationModels(str(this, 'organization', i), modelFilters(this.getNodeParameter('filters', i, {}) as IDataObject), { limit: limitFor(this, i) }));
}
