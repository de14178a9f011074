import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, bucketOptions, projectId, projectLocator, readBuckets } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: bucketOptions() },
];

export const description = updateDisplayOptions({ show: { resource: ['statistics'], operation: ['get'] } }, properties);

/** Message count, velocity and acceleration, and time buckets (counts and sentiment per bucket). */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getStats(projectId(this, i), readBuckets(this.getNodeParameter('options', i, {}) as IDataObject)));
}
