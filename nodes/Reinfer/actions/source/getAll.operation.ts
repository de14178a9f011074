import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { limitFor, returnAllOrLimit } from '../../../shared/router';

const properties: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'acme',
		description: 'Only sources of this user or organisation. Leave empty for all accessible sources.',
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject[]> {
	const owner = (this.getNodeParameter('owner', i, '') as string).trim();
	const sources = owner ? await client.listSourcesByOwner(owner) : await client.listSources();
	const limit = limitFor(this, i);
	return (limit === undefined ? sources : sources.slice(0, limit)) as unknown as IDataObject[];
}
