import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { datasetLocator, locatorValue, modelLocator } from '../common';

const properties: INodeProperties[] = [
	datasetLocator(),
	modelLocator(),
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'JSON', description: 'Works for every model (NER models need it)' },
			{ name: 'CSV', value: 'CSV', description: 'Classifiers: one row per document, one column per label' },
		],
		default: 'JSON',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Document', value: 'items' },
			{ name: 'Binary File', value: 'binary', description: 'The downloaded file as is, in one item' },
		],
		default: 'items',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { output: ['binary'] } },
	},
	...returnAllOrLimit({ show: { output: ['items'] } }),
];

export const description = updateDisplayOptions({ show: { resource: ['prediction'], operation: ['download'] } }, properties);

/**
 * Every prediction of a model for a dataset (`GET /predictions/`; the platform streams it without
 * Content-Length). For files too large for n8n's memory, use the primer.bulkPredictions job.
 */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject | IDataObject[]> {
	const datasetId = locatorValue(this, 'dataset', i);
	const modelId = locatorValue(this, 'model', i);
	const format = this.getNodeParameter('format', i, 'JSON') as string;
	const download = await client.downloadPredictions(datasetId, modelId, format);
	if ((this.getNodeParameter('output', i, 'items') as string) === 'items') {
		const limit = limitFor(this, i);
		return (limit === undefined ? download.documents : download.documents.slice(0, limit)) as IDataObject[];
	}
	const property = this.getNodeParameter('binaryPropertyName', i, 'data') as string;
	const extension = download.format === 'CSV' ? 'csv' : 'json';
	const binary = await this.helpers.prepareBinaryData(Buffer.from(download.text, 'utf8'), `predictions-${datasetId}.${extension}`, download.format === 'CSV' ? 'text/csv' : 'application/json');
	// The router turns the returned JSON into the item; the binary rides along under a reserved key.
	return { dataset_id: datasetId, model_id: modelId, format: download.format, documents: download.documents.length, __binary: { [property]: binary } as unknown as IDataObject };
}
