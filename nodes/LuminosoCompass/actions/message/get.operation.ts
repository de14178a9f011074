import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, numericId, projectId, projectLocator } from '../common';
import { messageIdField } from './fields';

const properties: INodeProperties[] = [projectLocator(), messageIdField];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getMessage(projectId(this, i), numericId(this, 'messageId', i)));
}
