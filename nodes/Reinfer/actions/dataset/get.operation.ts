import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { datasetLocator, getDatasetRef } from '../common';

const properties: INodeProperties[] = [datasetLocator({ description: 'The dataset to retrieve' })];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const { owner, name } = getDatasetRef(this, i);
	return (await client.getDataset(owner, name)) as unknown as IDataObject;
}
