import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { asData } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', required: true, placeholder: 'Bicycle_data', description: 'Dataset name' },
	{ displayName: 'Document Type', name: 'documentType', type: 'string', default: 'Other', required: true, placeholder: 'Social Media', description: 'Dataset document type, e.g. News, Social Media, Other' },
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '4028440374033030052',
		description: 'Your Primer user ID (a large whole number, kept exact)',
	},
	{ displayName: 'Organization ID', name: 'orgId', type: 'number', typeOptions: { minValue: 0 }, default: 1, required: true },
	{ displayName: 'Number of Documents', name: 'numDocuments', type: 'number', typeOptions: { minValue: 0 }, default: 0, required: true, description: 'Number of documents in the dataset' },
	{ displayName: 'Is Archived', name: 'isArchived', type: 'boolean', default: false, description: 'Whether the dataset is archived' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Dataset description' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['create'] } }, properties);

/** Creates a dataset entry (`PUT /datasets/`): metadata only; add documents with Append. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as { description?: string };
	const userId = this.getNodeParameter('userId', i) as unknown;
	return asData(
		await client.createDataset({
			user_id: typeof userId === 'number' ? userId : String(userId ?? '').trim(),
			org_id: this.getNodeParameter('orgId', i) as number,
			num_documents: this.getNodeParameter('numDocuments', i) as number,
			is_archived: this.getNodeParameter('isArchived', i, false) as boolean,
			display_name: this.getNodeParameter('displayName', i) as string,
			document_type: this.getNodeParameter('documentType', i) as string,
			...(options.description ? { description: options.description } : {}),
		}),
	);
}
