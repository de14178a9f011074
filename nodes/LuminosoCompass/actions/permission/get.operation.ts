import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, numericId } from '../common';
import { permissionIdField } from './fields';

const properties: INodeProperties[] = [permissionIdField];

export const description = updateDisplayOptions({ show: { resource: ['permission'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getPermission(numericId(this, 'permissionId', i)));
}
