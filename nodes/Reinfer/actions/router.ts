import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ReinferClient } from '../../../clients/reinfer';
import { routeOperation, type ResourceMap } from '../../shared/router';
import { createReinferClient } from '../transport';
import * as comment from './comment';
import * as dataset from './dataset';
import * as prediction from './prediction';
import * as source from './source';
import * as trigger from './trigger';

const resources: ResourceMap<ReinferClient> = {
	comment: comment.operations,
	dataset: dataset.operations,
	prediction: prediction.operations,
	source: source.operations,
	trigger: trigger.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources, createReinferClient);
}
