import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, PermissionLevel } from '../../../../clients/luminoso';
import { accountLocator, asData, locatorValue, text } from '../common';
import { LEVEL_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'User Email', name: 'user', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The user to give the permission to' },
	accountLocator({ description: 'The account the permission is on (you need manage permission on it)' }),
	{ displayName: 'Level', name: 'level', type: 'options', options: LEVEL_OPTIONS, default: 'read', description: 'A user has at most one permission per account' },
];

export const description = updateDisplayOptions({ show: { resource: ['permission'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.createPermission({ user: text(this, 'user', i), account: locatorValue(this, 'account', i), level: this.getNodeParameter('level', i) as PermissionLevel }));
}
