import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ApresClient } from '../../../../clients/apres';
import { getTaskBatchId, taskBatchLocator } from '../common';

const properties: INodeProperties[] = [taskBatchLocator({ description: 'The task batch to retrieve' })];

export const description = updateDisplayOptions({ show: { resource: ['taskBatch'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ApresClient): Promise<IDataObject> {
	return (await client.getTaskBatch(getTaskBatchId(this, i))) as unknown as IDataObject;
}
