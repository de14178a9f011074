import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { projectId, projectLocator } from '../common';
import { keyField } from './fields';

const properties: INodeProperties[] = [projectLocator(), keyField];

export const description = updateDisplayOptions({ show: { resource: ['configuration'], operation: ['reset'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const project = projectId(this, i);
	const key = this.getNodeParameter('key', i) as string;
	await client.deleteConfigValue(project, key);
	return { reset: true, project, key };
}
