import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, TopicsHistoryQuery } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, projectId, projectLocator } from '../common';
import { listFilterOptions, readListFilters } from './fields';

const time = (name: string, displayName: string, description: string): INodeProperties => ({ displayName, name, type: 'string', default: '', description: `${description} (ISO-8601, UTC)` });

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
			...listFilterOptions(),
			time('earliest_created', 'Created After', 'Topics created on or after this time'),
			time('latest_created', 'Created Before', 'Topics created on or before this time'),
			time('earliest_ended', 'Ended After', 'Topics that became inactive on or after this time'),
			time('latest_ended', 'Ended Before', 'Topics that became inactive on or before this time'),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['getHistory'] } }, properties);

/** Every topic of the project's history, whatever its status (deleted ones too), newest first. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: TopicsHistoryQuery = { ...readListFilters(raw) };
	for (const key of ['earliest_created', 'latest_created', 'earliest_ended', 'latest_ended'] as const) {
		if (typeof raw[key] === 'string' && (raw[key] as string).trim()) query[key] = (raw[key] as string).trim();
	}
	return (await client.listTopicsHistory(projectId(this, i), query, limitFor(this, i))).map(asData);
}
