import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator, str } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 2 }, default: '', required: true, description: 'The document text' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ displayName: 'Segments (JSON)', name: 'segments', type: 'json', default: '{ "text": "" }', description: 'Segments of the document, e.g. [{ "text": "First sentence." }]' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const extra = this.getNodeParameter('additionalFields', i, {}) as { segments?: unknown };
	const segments = typeof extra.segments === 'string' && extra.segments.trim() ? (JSON.parse(extra.segments) as Record<string, unknown>) : (extra.segments as Record<string, unknown> | undefined);
	return out(await client.createDocument(projectId(this, i), { text: str(this, 'text', i), segments }));
}
