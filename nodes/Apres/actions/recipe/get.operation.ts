import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { ApresClient } from '../../../../clients/apres';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['recipe'], operation: ['get'] } }, properties);

/** The recipe of the credential's API key, with its processing templates. */
export async function executeItem(this: IExecuteFunctions, _i: number, client: ApresClient): Promise<IDataObject> {
	return (await client.getRecipe()) as unknown as IDataObject;
}
