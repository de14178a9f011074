import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, ProjectType } from '../../../../clients/deepopinion';
import { out, str } from '../common';
import { PROJECT_TYPE_OPTIONS } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Unique project name' },
	{ displayName: 'Type', name: 'type', type: 'options', options: PROJECT_TYPE_OPTIONS, default: 'ABSA', description: 'The classification type' },
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['create'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.createProject({ name: str(this, 'name', i), type: str(this, 'type', i) as ProjectType }));
}
