import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { out, projectId, projectLocator } from '../common';
import { externalSource } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(), { displayName: 'Credential ID', name: 'credentialId', type: 'number', default: 0, required: true, description: 'The ID of the credential Studio uses to connect to the external source' },
	{ displayName: 'Source', name: 'source', type: 'string', default: '', required: true, description: 'A string that identifies the source' },
	{ displayName: 'Parameters', name: 'parameters', type: 'json', default: '{}', description: 'Filters for the data the source returns, e.g. { "limit": 5, "updated_since": "2024-01-01T00:00:00Z" }' },
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['pullFromSource'] } }, properties);

export async function executeItem(this: IExecuteFunctions, i: number, client: DeepOpinionClient): Promise<IDataObject | IDataObject[]> {
	return out(await client.pullGroupFromSource(projectId(this, i), externalSource(this, i)));
}
