import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { datasetLocator, getDatasetRef } from '../common';
import { datasetFields, readDatasetFields } from './fields';

const properties: INodeProperties[] = [datasetLocator({ description: 'The dataset to update' }), datasetFields(false)];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const { owner, name } = getDatasetRef(this, i);
	return (await client.updateDataset(owner, name, readDatasetFields(this, i))) as unknown as IDataObject;
}
