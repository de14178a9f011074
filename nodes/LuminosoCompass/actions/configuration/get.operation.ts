import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator } from '../common';
import { keyField } from './fields';

const properties: INodeProperties[] = [projectLocator(), keyField];

export const description = updateDisplayOptions({ show: { resource: ['configuration'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getConfigValue(projectId(this, i), this.getNodeParameter('key', i) as string));
}
