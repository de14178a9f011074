import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient, DocumentInput } from '../../../../clients/deepopinion';
import { type BatchOutcome } from '../../../shared/router';
import { DOCUMENTS_INPUT_ITEMS, documentsInput, eachItem, json, modelId, modelLocator } from '../common';
import { sendItemDocuments } from '../fields';

const properties: INodeProperties[] = [
	modelLocator({ description: 'The model that analyses the documents' }),
	...documentsInput('analysis', 'analyze'),
	{ displayName: 'Split Into Sentences', name: 'split', type: 'boolean', default: true, description: 'Whether documents should be split into sentences' },
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['analyze'] } }, properties);

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: DeepOpinionClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const mode = this.getNodeParameter('documentsInput', 0) as string;
	if (mode === DOCUMENTS_INPUT_ITEMS) {
		return await sendItemDocuments(this, items, continueOnFail, 'analyze', (i) => `${modelId(this, i)}:${this.getNodeParameter('split', i, true)}`, async (documents, indexes) => {
			const result = await client.analyze({ documents, model_id: modelId(this, indexes[0]), split: this.getNodeParameter('split', indexes[0], true) as boolean }, indexes);
			return result.documents.map((doc, k) => ({ json: { model: result.model, type: result.type, ...doc } as IDataObject, pairedItems: [indexes[k]] }));
		});
	}
	return await eachItem(this, items, continueOnFail, async (i) => {
		const result = await client.analyze({ documents: json(this, 'documentsJson', i, 'documents') as DocumentInput[], model_id: modelId(this, i), split: this.getNodeParameter('split', i, true) as boolean });
		return result.documents.map((doc) => ({ model: result.model, type: result.type, ...doc }) as IDataObject);
	});
}
