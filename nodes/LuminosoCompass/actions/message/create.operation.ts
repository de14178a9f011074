import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator } from '../common';
import { messageFields, readMessage, readReplace, replaceOptions } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	...messageFields(),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: replaceOptions() },
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['create'] } }, properties);

/** Saves the message and returns it classified: one topic per prediction of each active classifier. */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const options = readReplace(this.getNodeParameter('options', i, {}) as IDataObject);
	return asData(await client.addMessage(projectId(this, i), readMessage(this, i, 'addMessage'), options));
}
