import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getPermissions'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.getUserPermissions(await userId(this, i, client)));
}
