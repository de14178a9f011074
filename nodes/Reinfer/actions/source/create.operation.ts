import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ReinferClient } from '../../../../clients/reinfer';
import { readSourceFields, sourceFields } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'Owner', name: 'owner', type: 'string', required: true, default: '', placeholder: 'acme', description: 'Your username or an organisation you belong to' },
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'post-purchase', description: 'Letters, digits, hyphens and underscores' },
	sourceFields(true),
];

export const description = updateDisplayOptions({ show: { resource: ['source'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: ReinferClient): Promise<IDataObject> {
	const owner = (this.getNodeParameter('owner', i) as string).trim();
	const name = (this.getNodeParameter('name', i) as string).trim();
	return (await client.createSource(owner, name, readSourceFields(this, i))) as unknown as IDataObject;
}
