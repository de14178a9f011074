import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as recipe from './actions/recipe';
import { router } from './actions/router';
import * as task from './actions/task';
import * as taskBatch from './actions/taskBatch';
import { searchTaskBatches } from './methods/listSearch';

export class Apres implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apres',
		name: 'apres',
		icon: { light: 'file:apres.svg', dark: 'file:apres.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send data through Apres active-learning recipes with human experts: task batches, their output and tasks, training data and Golden Sets',
		defaults: { name: 'Apres' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'apresApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Recipe', value: 'recipe' },
					{ name: 'Task', value: 'task' },
					{ name: 'Task Batch', value: 'taskBatch' },
				],
				default: 'taskBatch',
			},
			...recipe.description,
			...task.description,
			...taskBatch.description,
		],
	};

	methods = { listSearch: { searchTaskBatches } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
