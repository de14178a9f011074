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
		description: 'Only datasets of this user or organisation. Leave empty for all accessible datasets.',
	},
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject[]> {
	const owner = (this.getNodeParameter('owner', i, '') as string).trim();
	const datasets = owner ? await client.listDatasetsByOwner(owner) : await client.listDatasets();
	const limit = limitFor(this, i);
	return (limit === undefined ? datasets : datasets.slice(0, limit)) as unknown as IDataObject[];
}
