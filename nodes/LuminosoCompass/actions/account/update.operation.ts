import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { accountLocator, asData, locatorValue, text } from '../common';

const properties: INodeProperties[] = [
	accountLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'The new name (needs manage permission)' },
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['update'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.updateAccount(locatorValue(this, 'account', i), { name: text(this, 'name', i) }));
}
