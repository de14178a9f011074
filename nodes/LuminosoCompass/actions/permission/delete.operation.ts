import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, numericId } from '../common';
import { permissionIdField } from './fields';

const properties: INodeProperties[] = [permissionIdField];

export const description = updateDisplayOptions({ show: { resource: ['permission'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const id = numericId(this, 'permissionId', i);
	await client.deletePermission(id);
	return deleted({ permission: id });
}
