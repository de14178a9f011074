import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, numericId, projectId, projectLocator } from '../common';
import { readStats, statsOptions, topicIdField } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	topicIdField,
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: statsOptions() },
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getTopic(projectId(this, i), numericId(this, 'topicId', i), readStats(this.getNodeParameter('options', i, {}) as IDataObject)));
}
