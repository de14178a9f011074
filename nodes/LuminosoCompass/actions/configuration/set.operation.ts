import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, jsonParameter, projectId, projectLocator } from '../common';
import { keyField } from './fields';

const properties: INodeProperties[] = [
	projectLocator(),
	keyField,
	{ displayName: 'Value (JSON)', name: 'value', type: 'json', required: true, default: '', description: 'A number, list or object, e.g. 0.25 or ["billing", "delivery"]' },
];

export const description = updateDisplayOptions({ show: { resource: ['configuration'], operation: ['set'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.setConfigValue(projectId(this, i), this.getNodeParameter('key', i) as string, jsonParameter(this, 'value', i, 'setConfigValue')));
}
