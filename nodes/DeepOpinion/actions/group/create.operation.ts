import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { type BatchOutcome } from '../../../shared/router';
import { DOCUMENTS_INPUT_ITEMS, binaryField, documentsInput, eachItem, json, out, projectId, projectLocator, str, uploadFile } from '../common';
import { ANALYSIS_OPTIONS, COLUMN_FIELD, FILE_MODES, analysisOptions, columnOf, externalSource, sendItemDocuments } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the group' },
	...documentsInput('group', 'create', [...FILE_MODES, { name: 'External Source', value: 'external', description: 'Pull the documents from an external source connected to Studio' }]),
	{ ...binaryField('The file whose column holds the documents: CSV, TXT, JSON, JSONL or XLSX'), displayOptions: { show: { documentsInput: ['file'] } } },
	{ displayName: 'File ID', name: 'fileId', type: 'string', default: '', required: true, description: 'The ID an Upload File operation answered', displayOptions: { show: { documentsInput: ['fileId'] } } },
	{ ...COLUMN_FIELD, displayOptions: { show: { documentsInput: ['file', 'fileId'] } } },
	...([{ displayName: 'Credential ID', name: 'credentialId', type: 'number', default: 0, required: true, description: 'The ID of the credential Studio uses to connect to the external source' },
	{ displayName: 'Source', name: 'source', type: 'string', default: '', required: true, description: 'A string that identifies the source' },
	{ displayName: 'Parameters', name: 'parameters', type: 'json', default: '{}', description: 'Filters for the data the source returns, e.g. { "limit": 5, "updated_since": "2024-01-01T00:00:00Z" }' }] as INodeProperties[]).map((p) => ({ ...p, displayOptions: { show: { documentsInput: ['external'] } } })),
	ANALYSIS_OPTIONS,
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['create'] } }, properties);

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: DeepOpinionClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const mode = this.getNodeParameter('documentsInput', 0) as string;
	if (mode === DOCUMENTS_INPUT_ITEMS) {
		return await sendItemDocuments(this, items, continueOnFail, 'createGroup', (i) => String(projectId(this, i)), async (documents, indexes) => {
			const i = indexes[0];
			return [{ json: out(await client.createGroup(projectId(this, i), { documents, name: str(this, 'name', i) || undefined, ...analysisOptions(this, i) }, indexes)), pairedItems: indexes }];
		});
	}
	return await eachItem(this, items, continueOnFail, async (i) => {
		const project = projectId(this, i);
		const options = { name: str(this, 'name', i) || undefined, ...analysisOptions(this, i) };
		if (mode === 'json') return out(await client.createGroup(project, { documents: json(this, 'documentsJson', i, 'documents'), ...options }));
		if (mode === 'external') return out(await client.createGroup(project, { ...externalSource(this, i), name: options.name }));
		const column = columnOf(this, i, str(this, 'column', i));
		const fileId = mode === 'file' ? (await client.uploadGroupFile(project, await uploadFile(this, i))).id : str(this, 'fileId', i);
		return out(await client.createGroup(project, { file_id: fileId, ...column, ...options }));
	});
}
