import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { compact, details, detailsField, outMany, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	detailsField(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Analysed Only', name: 'analysed', type: 'boolean', default: true, description: 'Whether to return only documents that belong to an analysis' },
			{ displayName: 'Analysis ID', name: 'analysis_id', type: 'number', default: 0, description: 'Only documents of this analysis' },
			{ displayName: 'Group ID', name: 'group_id', type: 'number', default: 0, description: 'Only documents of this group' },
			{ displayName: 'Grouped Only', name: 'grouped', type: 'boolean', default: true, description: 'Whether to return only documents that belong to a group' },
			{ displayName: 'Labeling Session ID', name: 'annotation_id', type: 'number', default: 0, description: 'Only documents of this labeling session' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only documents containing this text' },
		],
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', i, {}) as Record<string, unknown>);
	for (const key of ['analysis_id', 'group_id', 'annotation_id']) if (filters[key] === 0) delete filters[key];
	return outMany(await client.getAllDocuments(projectId(this, i), { ...filters, details: details(this, i) }, { limit: limitFor(this, i) }));
}
