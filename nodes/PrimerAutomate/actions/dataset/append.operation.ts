import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validateUploadOptions, validateUuid, type PrimerClient } from '../../../../clients/primer';
import type { BatchOutcome } from '../../../shared/router';
import { datasetLocator, locatorValue } from '../common';
import { fileInputProperties } from './fileInput';
import { runUploads, uploadOptions } from './upload.operation';

const properties: INodeProperties[] = [
	datasetLocator({ description: 'The dataset to add the documents to' }),
	...fileInputProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Model ID', name: 'modelId', type: 'string', default: '', description: 'A model to link the dataset to (labels in the file are for this model)' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['append'] } }, properties);

/** Adds documents to an existing dataset (`PATCH /datasets:upload`). */
export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[], { client, continueOnFail }: { client: PrimerClient; continueOnFail: boolean }): Promise<BatchOutcome[]> {
	return runUploads.call(
		this,
		items,
		continueOnFail,
		'appendDataset',
		(i, file) => [...validateUuid('dataset_id', locatorValue(this, 'dataset', i), i), ...validateUploadOptions(uploadOptions(this, i, file, false), false, i)],
		(i, file) => client.appendDataset(locatorValue(this, 'dataset', i), file.data, uploadOptions(this, i, file, false)),
	);
}
