import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, maskToken, text } from '../common';
import { tokenField } from './fields';

const properties: INodeProperties[] = [tokenField];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const token = text(this, 'token', i);
	await client.deleteToken(token);
	return deleted({ token: maskToken(token) });
}
