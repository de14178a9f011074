import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { LuminosoClient } from '../../../../clients/luminoso';
import { deleted, text } from '../common';
import { emailField } from './fields';

const properties: INodeProperties[] = [emailField('The user to delete (site admins only)')];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: LuminosoClient): Promise<IDataObject> {
	const email = text(this, 'email', i);
	await client.deleteUser(email);
	return deleted({ user: email });
}
