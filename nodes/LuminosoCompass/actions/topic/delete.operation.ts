import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, numericId, projectId, projectLocator } from '../common';
import { topicIdField } from './fields';

const properties: INodeProperties[] = [projectLocator(), topicIdField];

export const description = updateDisplayOptions({ show: { resource: ['topic'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const project = projectId(this, i);
	const id = numericId(this, 'topicId', i);
	await client.deleteTopic(project, id);
	return deleted({ project, topic: id });
}
