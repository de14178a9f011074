import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, numericId, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Usage ID', name: 'usageId', type: 'string', required: true, default: '', description: 'The number at the end of a usage day\'s URL (from Get Usage)' },
];

export const description = updateDisplayOptions({ show: { resource: ['statistics'], operation: ['getUsageDay'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getUsage(projectId(this, i), numericId(this, 'usageId', i)));
}
