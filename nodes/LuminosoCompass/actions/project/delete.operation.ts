import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [projectLocator({ description: 'The project to delete, with all its documents, classifiers, topics and messages' })];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const id = projectId(this, i);
	await client.deleteProject(id);
	return deleted({ project: id });
}
