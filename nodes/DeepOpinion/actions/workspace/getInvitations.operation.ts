import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { returnAllOrLimit, limitFor } from '../../../shared/router';
import { idField, num, outMany } from '../common';
import { upTo } from '../fields';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'), ...returnAllOrLimit(undefined),
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['getInvitations'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return outMany(upTo(await client.listInvitations(num(this, 'workspaceId', i)), limitFor(this, i)));
}
