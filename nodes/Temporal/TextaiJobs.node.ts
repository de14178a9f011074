/* eslint-disable n8n-nodes-base/node-dirname-against-convention -- the Temporal nodes live under nodes/Temporal; this one is named for the jobs it runs */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as job from './actions/job';
import { router } from './actions/router';
import * as schedule from './actions/schedule';
import { searchJobs, searchSchedules } from './methods/listSearch';

export class TextaiJobs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Textai Jobs (Temporal)',
		name: 'textaiJobs',
		icon: { light: 'file:temporal.svg', dark: 'file:temporal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Start, watch and control Textai document-processing jobs and their schedules on Temporal',
		defaults: { name: 'Textai Jobs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'temporalApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Job', value: 'job' },
					{ name: 'Schedule', value: 'schedule' },
				],
				default: 'job',
			},
			...job.description,
			...schedule.description,
		],
	};

	methods = { listSearch: { searchJobs, searchSchedules } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
