import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { DeepOpinionClient } from '../../../../clients/deepopinion';
import { type BatchOutcome } from '../../../shared/router';
import { DOCUMENTS_INPUT_ITEMS, binaryField, documentsInput, eachItem, json, modelId, modelLocator, out, str, uploadFile } from '../common';
import { ANALYSIS_OPTIONS, COLUMN_FIELD, FILE_MODES, analysisOptions, columnOf, sendItemDocuments } from '../fields';

const properties: INodeProperties[] = [
	modelLocator({ description: 'The model that analyses the documents' }),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the analysis' },
	...documentsInput('analysis', 'create', FILE_MODES),
	{ ...binaryField('The file whose column holds the documents: CSV, TXT, JSON, JSONL or XLSX'), displayOptions: { show: { documentsInput: ['file'] } } },
	{ displayName: 'File ID', name: 'fileId', type: 'string', default: '', required: true, description: 'The ID an Upload File operation answered', displayOptions: { show: { documentsInput: ['fileId'] } } },
	{ ...COLUMN_FIELD, displayOptions: { show: { documentsInput: ['file', 'fileId'] } } },
	ANALYSIS_OPTIONS,
];

export const description = updateDisplayOptions({ show: { resource: ['analysis'], operation: ['create'] } }, properties);

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, continueOnFail }: { client: DeepOpinionClient; continueOnFail: boolean },
): Promise<BatchOutcome[]> {
	const mode = this.getNodeParameter('documentsInput', 0) as string;
	if (mode === DOCUMENTS_INPUT_ITEMS) {
		return await sendItemDocuments(this, items, continueOnFail, 'createAnalysis', (i) => String(modelId(this, i)), async (documents, indexes) => {
			const i = indexes[0];
			const analysis = await client.createAnalysis({ documents, name: str(this, 'name', i) || undefined, model_id: modelId(this, i), ...analysisOptions(this, i) });
			return [{ json: out(analysis), pairedItems: indexes }];
		});
	}
	return await eachItem(this, items, continueOnFail, async (i) => {
		const options = { name: str(this, 'name', i) || undefined, model_id: modelId(this, i), ...analysisOptions(this, i) };
		if (mode === 'json') return out(await client.createAnalysis({ documents: json(this, 'documentsJson', i, 'documents'), ...options }));
		const column = columnOf(this, i, str(this, 'column', i));
		const fileId = mode === 'file' ? (await client.uploadAnalysisFile(await uploadFile(this, i))).id : str(this, 'fileId', i);
		return out(await client.createAnalysis({ file_id: fileId, ...column, ...options }));
	});
}
