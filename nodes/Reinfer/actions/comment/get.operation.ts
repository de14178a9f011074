import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { getSourceRef, sourceLocator, sourceOwnerName } from '../common';

const properties: INodeProperties[] = [
	sourceLocator({ description: 'The source holding the comment' }),
	{ displayName: 'Comment ID', name: 'commentId', type: 'string', required: true, default: '', placeholder: '0123456789abcdef', description: 'The comment ID used when it was synced' },
];

export const description = updateDisplayOptions({ show: { resource: ['comment'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const { owner, name } = await sourceOwnerName(client, getSourceRef(this, i));
	const id = String(this.getNodeParameter('commentId', i)).trim();
	return (await client.getComment(owner, name, id)) as unknown as IDataObject;
}
