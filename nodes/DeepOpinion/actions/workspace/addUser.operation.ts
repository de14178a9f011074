import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, Role } from '../../../../clients/deepopinion';
import { idField, num, out, str } from '../common';
import { ROLE_OPTIONS } from '../fields';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'), idField('memberId', 'User ID', 'The user to add'), { displayName: 'Role', name: 'role', type: 'options', options: ROLE_OPTIONS, default: 'USER', description: 'The role in the workspace' },
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['addUser'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.addWorkspaceUser(num(this, 'workspaceId', i), num(this, 'memberId', i), str(this, 'role', i) as Role));
}
