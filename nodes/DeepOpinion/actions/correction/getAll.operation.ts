import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany, projectId, projectLocator, str } from '../common';
import { sessionStatusFilter, upTo } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(), sessionStatusFilter(), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['correction'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(upTo(await client.listCorrections(projectId(this, i), { status: str(this, 'status', i) || undefined }), limitFor(this, i)));
}
