import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ApresClient } from '../../../clients/apres';
import { routeOperation, type ResourceMap } from '../../shared/router';
import { createApresClient } from '../transport';
import * as recipe from './recipe';
import * as task from './task';
import * as taskBatch from './taskBatch';

const resources: ResourceMap<ApresClient> = {
	recipe: recipe.operations,
	task: task.operations,
	taskBatch: taskBatch.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources, createApresClient);
}
