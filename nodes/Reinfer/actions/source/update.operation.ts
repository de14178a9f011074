import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { getSourceRef, sourceLocator, sourceOwnerName } from '../common';
import { readSourceFields, sourceFields } from './fields';

const properties: INodeProperties[] = [sourceLocator({ description: 'The source to update' }), sourceFields(false)];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const { owner, name } = await sourceOwnerName(client, getSourceRef(this, i));
	return (await client.updateSource(owner, name, readSourceFields(this, i))) as unknown as IDataObject;
}
