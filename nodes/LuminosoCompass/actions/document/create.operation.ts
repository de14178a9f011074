import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, projectId, projectLocator } from '../common';
import { documentFields, readDocument } from './fields';

const properties: INodeProperties[] = [projectLocator(), ...documentFields()];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.addDocument(projectId(this, i), readDocument(this, i)));
}
