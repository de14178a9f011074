import type { INodeProperties } from 'n8n-workflow';
import * as deploy from './deploy.operation';
import * as predict from './predict.operation';

export const operations = { deploy, predict };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['model'] } },
		options: [
			{ name: 'Deploy', value: 'deploy', description: 'Deploy the latest version of a model', action: 'Deploy a model' },
			{ name: 'Predict', value: 'predict', description: "Get a model's predictions for a text", action: 'Predict labels for a text' },
		],
		default: 'predict',
	},
	...deploy.description,
	...predict.description,
];
