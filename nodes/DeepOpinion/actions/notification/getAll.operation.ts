import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany, userId, userIdField } from '../common';

const properties: INodeProperties[] = [
	userIdField(), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllNotifications(await userId(this, i, client), { limit: limitFor(this, i) }));
}
