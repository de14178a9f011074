import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, idField, num, out, str } from '../common';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'The name of the workspace' },
	{ displayName: 'Description', name: 'workspaceDescription', type: 'string', default: '', description: 'The description of the workspace' },
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.updateWorkspace(num(this, 'workspaceId', i), { name: str(this, 'name', i), ...compact({ description: str(this, 'workspaceDescription', i) }) }));
}
