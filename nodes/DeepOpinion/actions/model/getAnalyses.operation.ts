import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { modelId, modelLocator, outMany } from '../common';

const properties: INodeProperties[] = [
	modelLocator(), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['getAnalyses'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(await client.getAllModelAnalyses(modelId(this, i), { limit: limitFor(this, i) }));
}
