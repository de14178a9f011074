import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, DocumentInput } from '../../../../clients/deepopinion';
import { type BatchOutcome } from '../../../shared/router';
import { DOCUMENTS_INPUT_ITEMS, documentsInput, eachItem, json, out, projectId, projectLocator } from '../common';
import { sendItemDocuments } from '../fields';

const properties: INodeProperties[] = [
	projectLocator(), ...documentsInput('document', 'upload'),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['upload'] } }, properties);

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: DeepOpinionClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const mode = this.getNodeParameter('documentsInput', 0) as string;
	if (mode === DOCUMENTS_INPUT_ITEMS) {
		return await sendItemDocuments(this, items, continueOnFail, 'uploadDocuments', (i) => String(projectId(this, i)), async (documents, indexes) => [
			{ json: out(await client.uploadDocuments(projectId(this, indexes[0]), documents, indexes)), pairedItems: indexes },
		]);
	}
	return await eachItem(this, items, continueOnFail, async (i) => out(await client.uploadDocuments(projectId(this, i), json(this, 'documentsJson', i, 'documents') as DocumentInput[])));
}
