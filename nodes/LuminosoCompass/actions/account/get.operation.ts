import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { accountLocator, asData, locatorValue } from '../common';

const properties: INodeProperties[] = [accountLocator()];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['get'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	return asData(await client.getAccount(locatorValue(this, 'account', i)));
}
