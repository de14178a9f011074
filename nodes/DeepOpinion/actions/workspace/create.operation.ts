import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { compact, out, str } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'The name of the workspace' },
	{ displayName: 'Description', name: 'workspaceDescription', type: 'string', default: '', description: 'The description of the workspace' },
];

export const description = updateDisplayOptions({ show: { resource: ['workspace'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createWorkspace({ name: str(this, 'name', i), ...compact({ description: str(this, 'workspaceDescription', i) }) }));
}
