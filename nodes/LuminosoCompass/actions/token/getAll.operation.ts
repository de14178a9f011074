import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, maskToken, text } from '../common';
import { revealField } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit(undefined),
	{ displayName: 'User Email', name: 'user', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only the tokens of this user (site admins see every user\'s)' },
	revealField,
];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['getAll'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject[]> {
	const user = text(this, 'user', i);
	const reveal = this.getNodeParameter('reveal', i, false) as boolean;
	const tokens = await client.listTokens(user ? { user } : {}, limitFor(this, i));
	return tokens.map((t) => asData({ ...t, token: reveal ? t.token : maskToken(t.token) }));
}
