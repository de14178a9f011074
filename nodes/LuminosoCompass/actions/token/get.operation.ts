import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { asData, maskToken, text } from '../common';
import { tokenField } from './fields';

const properties: INodeProperties[] = [tokenField];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['get'] } }, properties);

/** The token's user and expiration (the token itself is not repeated in full). */
export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const token = await client.getToken(text(this, 'token', i));
	return asData({ ...token, token: maskToken(token.token) });
}
