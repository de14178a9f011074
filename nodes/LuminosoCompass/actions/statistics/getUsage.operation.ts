import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, UsageQuery } from '../../../../clients/luminoso';
import { asData, compact, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Earliest', name: 'earliest', type: 'string', default: '', description: 'Only usage from this time on (ISO-8601 or seconds since the epoch)' },
			{ displayName: 'Latest', name: 'latest', type: 'string', default: '', description: 'Only usage up to this time (ISO-8601 or seconds since the epoch)' },
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'API', value: 'api' },
					{ name: 'Gnip', value: 'gnip' },
				],
				default: 'api',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['statistics'], operation: ['getUsage'] } }, properties);

/** One item per month: totals per source and the usage of each day (days start at noon). */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', i, {}) as UsageQuery);
	return (await client.listUsage(projectId(this, i), filters)).map(asData);
}
