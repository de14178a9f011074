import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient, PermissionLevel } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, compact } from '../common';
import { LEVEL_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'Lists the permissions on accounts you manage', name: 'permissionsNotice', type: 'notice', default: '' },
	...returnAllOrLimit(undefined),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Level', name: 'level', type: 'options', options: LEVEL_OPTIONS, default: 'read' },
			{ displayName: 'User Email', name: 'user', type: 'string', placeholder: 'name@email.com', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['permission'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', i, {}) as { user?: string; level?: PermissionLevel });
	return (await client.listPermissions(filters, limitFor(this, i))).map(asData);
}
