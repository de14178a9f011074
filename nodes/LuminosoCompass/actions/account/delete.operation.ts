import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { accountLocator, deleted, locatorValue } from '../common';

const properties: INodeProperties[] = [accountLocator({ description: 'The account to delete (needs manage permission)' })];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const id = locatorValue(this, 'account', i);
	await client.deleteAccount(id);
	return deleted({ account: id });
}
