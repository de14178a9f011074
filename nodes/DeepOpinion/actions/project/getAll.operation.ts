import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { outMany } from '../common';
import { upTo } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'With Details', name: 'withDetails', type: 'boolean', default: false, description: 'Whether to enrich the projects with more information' },
	...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(upTo(await client.listProjects({ details: (this.getNodeParameter('withDetails', i, false) as boolean) || undefined }), limitFor(this, i)));
}
