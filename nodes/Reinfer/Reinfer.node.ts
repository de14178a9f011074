import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as comment from './actions/comment';
import * as dataset from './actions/dataset';
import * as prediction from './actions/prediction';
import { router } from './actions/router';
import * as source from './actions/source';
import * as trigger from './actions/trigger';
import { searchDatasets, searchSources } from './methods/listSearch';

export class Reinfer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 're:infer',
		name: 'reinfer',
		icon: { light: 'file:reinfer.svg', dark: 'file:reinfer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Sync comments, manage sources and datasets, get model predictions and consume triggers in re:infer',
		defaults: { name: 're:infer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reinferApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Comment', value: 'comment' },
					{ name: 'Dataset', value: 'dataset' },
					{ name: 'Prediction', value: 'prediction' },
					{ name: 'Source', value: 'source' },
					{ name: 'Trigger', value: 'trigger' },
				],
				default: 'comment',
			},
			...comment.description,
			...dataset.description,
			...prediction.description,
			...source.description,
			...trigger.description,
		],
	};

	methods = { listSearch: { searchDatasets, searchSources } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
