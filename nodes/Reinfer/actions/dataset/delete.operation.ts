import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { datasetLocator, getDatasetRef } from '../common';

const properties: INodeProperties[] = [datasetLocator({ description: 'The dataset to delete, with its taxonomy and all labels applied in it' })];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const { owner, name } = getDatasetRef(this, i);
	await client.deleteDataset(owner, name);
	return { deleted: true, owner, name };
}
