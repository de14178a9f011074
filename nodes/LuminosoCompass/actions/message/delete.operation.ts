import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, numericId, projectId, projectLocator } from '../common';
import { messageIdField } from './fields';

const properties: INodeProperties[] = [projectLocator(), messageIdField];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const project = projectId(this, i);
	const id = numericId(this, 'messageId', i);
	await client.deleteMessage(project, id);
	return deleted({ project, message: id });
}
