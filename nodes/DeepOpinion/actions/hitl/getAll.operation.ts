import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany, projectId, projectLocator } from '../common';
import { upTo } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['hitl'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(upTo(await client.listHitls(projectId(this, i)), limitFor(this, i)));
}
