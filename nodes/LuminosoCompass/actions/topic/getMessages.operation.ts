import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, messageFilterOptions, numericId, projectId, projectLocator, readMessageFilters } from '../common';
import { topicIdField } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	topicIdField,
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...messageFilterOptions(),
			{ displayName: 'Include Outliers', name: 'outliers', type: 'boolean', default: false, description: 'Whether to include non-central messages too (their centrality is negative)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['getMessages'] } }, properties);

/** The topic's messages, each with its centrality. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query = { ...readMessageFilters(raw), ...(raw.outliers === true ? { outliers: true } : {}) };
	return (await client.listTopicMessages(projectId(this, i), numericId(this, 'topicId', i), query, limitFor(this, i))).map(asData);
}
