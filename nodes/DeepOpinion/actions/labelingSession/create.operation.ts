import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator, str } from '../common';
import { sessionFields } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the labeling session' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Auto-Annotate', name: 'auto', type: 'boolean', default: false, description: 'Whether documents are analysed and annotated automatically where their attributes match tags' },
			{ displayName: 'Classes', name: 'classes', type: 'string', default: '', description: "Comma-separated class names. Default: the project's." },
			{ displayName: 'Column Mapping (JSON)', name: 'column_mapping', type: 'json', default: '{ "text": "review" }', description: 'With a file ID: which column holds the text, label, class or aspect' },
			{ displayName: 'Credential ID', name: 'credential_id', type: 'number', default: 0, description: 'External source: the credential Studio connects with' },
			{ displayName: 'Document IDs', name: 'document_ids', type: 'string', default: '', description: 'Comma-separated IDs of existing documents to annotate' },
			{ displayName: 'Documents (JSON)', name: 'documents', type: 'json', default: '[]', description: 'Labelled documents: a JSON array of { text, segments: [{ text, tags: [{ class, label }] }] }' },
			{ displayName: 'File ID', name: 'file_id', type: 'string', default: '', description: 'A file uploaded with Upload File (Show Preview)' },
			{ displayName: 'Labels', name: 'labels', type: 'string', default: '', description: "Comma-separated label names. Default: the project's." },
			{ displayName: 'Parameters (JSON)', name: 'parameters', type: 'json', default: '{}', description: 'External source: filters, e.g. { "limit": 5 }' },
			{ displayName: 'Sample Size', name: 'sample_size', type: 'number', default: 25, typeOptions: { minValue: 1 }, description: 'How many documents to sample' },
			{ displayName: 'Source', name: 'source', type: 'string', default: '', description: 'External source: a string that identifies it' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['labelingSession'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createLabelingSession(projectId(this, i), { name: str(this, 'name', i) || undefined, ...sessionFields(this, i, this.getNodeParameter('additionalFields', i, {}) as IDataObject) }));
}
