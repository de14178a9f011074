import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ValidationError, type ValidationIssue } from '../../../../clients/core';
import { PRIMER_PLATFORM, validateUploadOptions, type PrimerClient, type UploadOptions } from '../../../../clients/primer';
import { toNodeError } from '../../../shared/errors';
import { byItemIndex, type BatchOutcome } from '../../../shared/router';
import { binaryFile, fileInputProperties, itemsFile, type PreparedFile } from './fileInput';

const properties: INodeProperties[] = [
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', required: true, placeholder: 'covid_news_100.csv', description: 'Name of the new dataset' },
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'string',
		default: 'Other',
		required: true,
		placeholder: 'News',
		description: 'The kind of documents, e.g. News, Social Media, Other',
	},
	...fileInputProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Dataset description' },
			{ displayName: 'Model ID', name: 'modelId', type: 'string', default: '', placeholder: 'e9176b92-ad5f-46b8-8a6a-1363709db18e', description: 'A model to link the dataset to (labels in the file are for this model)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['dataset'], operation: ['upload'] } }, properties);

export function uploadOptions(ctx: IExecuteFunctions, i: number, file: PreparedFile, create: boolean): UploadOptions {
	const options = ctx.getNodeParameter('options', i, {}) as { description?: string; modelId?: string };
	return {
		filetype: file.filetype,
		headers: file.headers,
		description: options.description,
		modelId: options.modelId?.trim() || undefined,
		...(create ? { displayName: ctx.getNodeParameter('displayName', i, '') as string, documentType: ctx.getNodeParameter('documentType', i, '') as string } : {}),
	};
}

/**
 * Creates datasets (`POST /datasets:upload`): one per binary file, or one from all input items.
 * Every file/item is checked before the first upload.
 */
export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[], { client, continueOnFail }: { client: PrimerClient; continueOnFail: boolean }): Promise<BatchOutcome[]> {
	const check = (i: number, file: PreparedFile) => validateUploadOptions(uploadOptions(this, i, file, true), true, i);
	const send = (i: number, file: PreparedFile) => client.uploadDataset(file.data, uploadOptions(this, i, file, true));
	return runUploads.call(this, items, continueOnFail, 'uploadDataset', check, send);
}

/** Shared by upload and append: prepares and checks every file first, then sends them in item order. */
export async function runUploads(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	continueOnFail: boolean,
	operation: string,
	check: (itemIndex: number, file: PreparedFile) => ValidationIssue[],
	send: (itemIndex: number, file: PreparedFile) => Promise<IDataObject | { dataset_id: string }>,
): Promise<BatchOutcome[]> {
	const outcomes: BatchOutcome[] = [];
	const jobs: Array<{ itemIndex: number; indices: number[]; file: PreparedFile }> = [];
	const checked = (itemIndex: number, file: PreparedFile): PreparedFile => {
		const issues = check(itemIndex, file);
		if (issues.length) throw new ValidationError(issues, PRIMER_PLATFORM, operation);
		return file;
	};
	if ((this.getNodeParameter('inputSource', 0) as string) === 'items') {
		const { file, indices, errors } = itemsFile(this, items, operation, continueOnFail);
		outcomes.push(...errors.map(({ itemIndex, error }) => ({ itemIndex, error })));
		if (file) jobs.push({ itemIndex: indices[0], indices, file: checked(indices[0], file) });
	} else {
		for (let i = 0; i < items.length; i++) {
			try {
				jobs.push({ itemIndex: i, indices: [i], file: checked(i, await binaryFile(this, i, operation)) });
			} catch (error) {
				if (!continueOnFail) throw toNodeError(this.getNode(), error, i);
				outcomes.push({ error, itemIndex: i });
			}
		}
	}
	for (const job of jobs) {
		try {
			const result = await send(job.itemIndex, job.file);
			outcomes.push({ json: { ...result, documents: job.file.documents, ...job.file.source }, pairedItems: job.indices });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, job.itemIndex);
			outcomes.push(...job.indices.map((itemIndex) => ({ error, itemIndex })));
		}
	}
	return outcomes.sort(byItemIndex);
}
