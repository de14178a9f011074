import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, Role } from '../../../../clients/deepopinion';
import { idField, num, out, splitList, str } from '../common';
import { ROLE_OPTIONS } from '../fields';

const properties: INodeProperties[] = [
	idField('workspaceId', 'Workspace ID', 'The workspace (organization)'),
	{ displayName: 'Emails', name: 'emails', type: 'string', default: '', required: true, placeholder: 'ann@example.com, bob@example.com', description: 'Comma-separated email addresses' },
	{ displayName: 'Role', name: 'role', type: 'options', options: ROLE_OPTIONS, default: 'USER', description: 'The role in the workspace' },
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['inviteUsers'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.inviteUsers(num(this, 'workspaceId', i), str(this, 'role', i) as Role, splitList(str(this, 'emails', i)) ?? []));
}
