import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { userId, userIdField } from '../common';
import { RETURN_KEYS, maskKeys } from '../fields';

const properties: INodeProperties[] = [
	userIdField(), RETURN_KEYS,
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getProductKeys'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return maskKeys(this, i, await client.listProductKeys(await userId(this, i, client)));
}
