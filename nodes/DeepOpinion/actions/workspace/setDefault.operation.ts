import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { idField, num, out } from '../common';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'), { displayName: 'Default', name: 'isDefault', type: 'boolean', default: true, description: 'Whether the workspace is the default one' },
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['setDefault'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.setDefaultWorkspace(num(this, 'workspaceId', i), this.getNodeParameter('isDefault', i, true) as boolean));
}
