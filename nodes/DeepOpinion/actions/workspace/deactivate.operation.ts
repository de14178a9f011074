import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out } from '../common';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'),
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['deactivate'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.deactivateWorkspace(num(this, 'workspaceId', i)));
}
