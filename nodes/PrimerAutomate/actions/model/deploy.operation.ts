import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { locatorValue, modelLocator } from '../common';

const properties: INodeProperties[] = [modelLocator({ description: 'The model to deploy (its latest version)' })];

export const description = updateDisplayOptions({ show: { resource: ['model'], operation: ['deploy'] } }, properties);

/** Deploys the latest version of a model (`POST /models/{id}/deployment`). To wait until it serves, use the primer.deployAndWait job. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject> {
	const modelId = locatorValue(this, 'model', i);
	return { model_id: modelId, ...(await client.deployModel(modelId)) };
}
