import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { details, detailsField, idField, idList, num, outMany } from '../common';

const properties: INodeProperties[] = [
	idField('analysisId', 'Analysis ID', 'The analysis whose documents to return'),
	detailsField(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Class IDs', name: 'classes', type: 'string', default: '', description: 'Comma-separated class IDs: only documents tagged with one of them' },
			{ displayName: 'Label IDs', name: 'labels', type: 'string', default: '', description: 'Comma-separated label IDs: only documents tagged with one of them' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only documents containing this text' },
		],
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['getDocuments'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { classes?: string; labels?: string; search?: string };
	const query = { details: details(this, i), search: filters.search || undefined, classes: idList(filters.classes), labels: idList(filters.labels) };
	return outMany(await client.getAllAnalysisDocuments(num(this, 'analysisId', i), query, { limit: limitFor(this, i), pageSize: 1000 }));
}
