import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as dataset from './actions/dataset';
import * as label from './actions/label';
import * as model from './actions/model';
import * as prediction from './actions/prediction';
import { router } from './actions/router';
import { searchDatasets, searchModels } from './methods/listSearch';

export class PrimerAutomate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Primer Automate',
		name: 'primerAutomate',
		icon: { light: 'file:primer.svg', dark: 'file:primer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Upload datasets, deploy models and get single or bulk predictions from Primer Automate',
		defaults: { name: 'Primer Automate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'primerAutomateApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Dataset', value: 'dataset' },
					{ name: 'Label', value: 'label' },
					{ name: 'Model', value: 'model' },
					{ name: 'Prediction', value: 'prediction' },
				],
				default: 'model',
			},
			...dataset.description,
			...label.description,
			...model.description,
			...prediction.description,
		],
	};

	methods = { listSearch: { searchDatasets, searchModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
