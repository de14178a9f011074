import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { datasetLocator, locatorValue, modelLocator } from '../common';

const properties: INodeProperties[] = [datasetLocator({ description: 'The dataset whose documents to predict' }), modelLocator()];

export const description = updateDisplayOptions({ show: { resource: ['prediction'], operation: ['request'] } }, properties);

/** Starts a bulk prediction job (`POST /models/predictions`); follow it with Get Status. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject> {
	const datasetId = locatorValue(this, 'dataset', i);
	const modelId = locatorValue(this, 'model', i);
	const { request_predictions_id } = await client.requestBulkPredictions(datasetId, modelId);
	return { request_predictions_id, dataset_id: datasetId, model_id: modelId };
}
