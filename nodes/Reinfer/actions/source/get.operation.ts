import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { getSourceRef, sourceLocator } from '../common';

const properties: INodeProperties[] = [sourceLocator({ description: 'The source to retrieve, by owner/name or by id' })];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const ref = getSourceRef(this, i);
	const source = ref.by === 'id' ? await client.getSourceById(ref.id) : await client.getSource(ref.owner, ref.name);
	return source as unknown as IDataObject;
}
