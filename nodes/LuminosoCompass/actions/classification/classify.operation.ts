import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator, text } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, required: true, default: '={{ $json.text }}', description: 'The text to classify (it is not saved)' },
	{ displayName: 'Source ID', name: 'sourceId', type: 'string', default: '', description: 'Your own reference, returned with the result (e.g. a ticket number)' },
];

export const description = updateDisplayOptions({ show: { resource: ['classification'], operation: ['classify'] } }, properties);

/** One result per item: the text with its topics from every ready, active classifier (UNCLASSIFIED below threshold). */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const raw = this.getNodeParameter('text', i, '') as unknown;
	const sourceId = text(this, 'sourceId', i);
	return asData(await client.classify(projectId(this, i), { text: typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw), ...(sourceId ? { source_id: sourceId } : {}) }));
}
