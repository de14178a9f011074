import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, classifierLocator, projectId, projectLocator } from '../common';
import { classifierId } from './fields';

const properties: INodeProperties[] = [projectLocator(), classifierLocator()];

export const description = updateDisplayOptions({ show: { resource: ['classifier'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getClassifier(projectId(this, i), classifierId(this, i)));
}
