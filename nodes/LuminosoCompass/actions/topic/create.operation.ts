import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, TopicStatus } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator, text } from '../common';
import { readTerms, termsField, TOPIC_STATUS_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '' },
	termsField,
	{ displayName: 'Status', name: 'status', type: 'options', options: TOPIC_STATUS_OPTIONS, default: 'active', description: 'Only active and pending topics get messages' },
	{ displayName: 'Blocking', name: 'blocking', type: 'boolean', default: false, description: 'Whether messages in this topic (e.g. spam) are kept out of every other topic' },
];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(
		await client.createTopic(projectId(this, i), {
			title: text(this, 'title', i),
			info: { terms: readTerms(this, i) },
			status: this.getNodeParameter('status', i, 'active') as TopicStatus,
			blocking: this.getNodeParameter('blocking', i, false) as boolean,
		}),
	);
}
