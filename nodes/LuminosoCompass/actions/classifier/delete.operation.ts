import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { classifierLocator, deleted, projectId, projectLocator } from '../common';
import { classifierId } from './fields';

const properties: INodeProperties[] = [projectLocator(), classifierLocator()];

export const description = updateDisplayOptions({ show: { resource: ['classifier'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const project = projectId(this, i);
	const id = classifierId(this, i);
	await client.deleteClassifier(project, id);
	return deleted({ project, classifier: /^\d+$/.test(id) ? Number(id) : id });
}
