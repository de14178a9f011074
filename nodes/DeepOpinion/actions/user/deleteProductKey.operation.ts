import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, userId, userIdField } from '../common';
import { RETURN_KEYS, maskKeys } from '../fields';

const properties: INodeProperties[] = [
	userIdField(), idField('keyId', 'Key ID', 'The product key to delete'), RETURN_KEYS,
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['deleteProductKey'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return maskKeys(this, i, await client.deleteProductKey(await userId(this, i, client), num(this, 'keyId', i)));
}
