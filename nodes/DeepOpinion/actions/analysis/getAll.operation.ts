import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { num, outMany } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Model ID', name: 'modelFilter', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Only the analyses of this model (0 for all)' },
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	const model = num(this, 'modelFilter', i) || undefined;
	return outMany(await client.getAllAnalyses({ model }, { limit: limitFor(this, i) }));
}
