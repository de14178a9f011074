import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { getSourceRef, sourceId, sourceLocator } from '../common';

const properties: INodeProperties[] = [
	sourceLocator({ description: 'The source to delete. Deleting a source destroys all its verbatims and the labels datasets applied to them.' }),
];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const id = await sourceId(client, getSourceRef(this, i));
	await client.deleteSourceById(id);
	return { deleted: true, id };
}
