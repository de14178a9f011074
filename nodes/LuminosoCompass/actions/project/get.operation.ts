import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator } from '../common';

const properties: INodeProperties[] = [projectLocator()];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getProject(projectId(this, i)));
}
